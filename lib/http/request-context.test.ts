import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { currentRequestId, outsideRequest, requestIdFrom, withRequestContext } from "./request-context";

afterEach(() => vi.restoreAllMocks());

describe("request ids", () => {
  it("keeps a well-formed incoming x-request-id and replaces anything else", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "lb-7f3a:42" }))).toBe("lb-7f3a:42");
    for (const bad of ["", "has space", "<script>", "x".repeat(129)]) {
      expect(requestIdFrom(new Headers({ "x-request-id": bad }))).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("log lines written while handling a request carry its id, across awaits", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const request = new Request("http://localhost/api/teams", { headers: { "x-request-id": "req-1" } });
    await withRequestContext(request, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.warn("inside", { accessToken: "secret" });
    });
    logger.warn("outside");
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "inside", requestId: "req-1", accessToken: "[redacted]" });
    expect(JSON.parse(lines[1]!)).not.toHaveProperty("requestId");
    expect(currentRequestId()).toBeUndefined();
  });

  it("a timer the first request starts for the whole process logs no request's id", async () => {
    const request = new Request("http://localhost/api/live", { headers: { "x-request-id": "first-caller" } });
    const seen: Array<string | undefined> = [];
    let inherited: NodeJS.Timeout | undefined;
    let detached: NodeJS.Timeout | undefined;
    await withRequestContext(request, async () => {
      inherited = setInterval(() => seen.push(`inherited:${currentRequestId()}`), 2);
      detached = outsideRequest(() => setInterval(() => seen.push(`detached:${currentRequestId()}`), 2));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(inherited);
    clearInterval(detached);
    // What an ordinary timer does (why outsideRequest exists), and what outsideRequest gives.
    expect(seen).toContain("inherited:first-caller");
    expect(seen).toContain("detached:undefined");
    expect(seen).not.toContain("detached:first-caller");
  });
});
