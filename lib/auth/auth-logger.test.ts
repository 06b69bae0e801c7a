import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "./auth-logger";

afterEach(() => vi.restoreAllMocks());

function captured() {
  const lines: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  vi.spyOn(console, "error").mockImplementation((...args) => void lines.push(args.join(" ")));
  return lines;
}

describe("next-auth's logger", () => {
  it("a forged session cookie (JWT_SESSION_ERROR) is one structured warning line, without a stack", () => {
    const lines = captured();
    const error = new Error("Invalid Compact JWE");
    error.name = "JWEInvalid";
    authLogger.error!("JWT_SESSION_ERROR", { error, message: "Invalid Compact JWE" } as never);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "warn",
      msg: "auth: request refused",
      code: "JWT_SESSION_ERROR",
      error: "JWEInvalid: Invalid Compact JWE",
    });
    expect(lines[0]).not.toContain("    at ");
  });

  it("names a nameless error by its code (jose leaves name empty)", () => {
    const lines = captured();
    const error = Object.assign(new Error("Invalid Initialization Vector length"), {
      name: "",
      code: "ERR_JWE_INVALID",
    });
    authLogger.error!("JWT_SESSION_ERROR", { error, message: error.message } as never);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: "ERR_JWE_INVALID: Invalid Initialization Vector length" });
  });

  it("other errors stay errors, still one line", () => {
    const lines = captured();
    authLogger.error!("SIGNIN_EMAIL_ERROR", new Error("boom") as never);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", code: "SIGNIN_EMAIL_ERROR", error: "Error: boom" });
  });
});
