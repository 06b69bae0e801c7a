// The doctor's live-updates check against real HTTP servers standing in for the app.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { checkLiveUpdates } from "./live-updates";

const servers: http.Server[] = [];
const EMULATED_NANGO = "http://127.0.0.1:4010";

async function app(answer: (token: string, res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer((req, res) => {
    const token = new URL(req.url ?? "/", "http://x").searchParams.get("validationToken") ?? "";
    answer(token, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterAll(() => servers.forEach((server) => server.close()));

describe("doctor: live updates", () => {
  it("passes an app that echoes the validation token as plain text on both endpoints", async () => {
    const url = await app((token, res) => res.writeHead(200, { "content-type": "text/plain" }).end(token));
    expect(await checkLiveUpdates({ APP_URL: url, NANGO_HOST: EMULATED_NANGO })).toMatchObject({ status: "pass" });
  });

  it("fails one that answers HTML or mangles the token", async () => {
    const html = await app((token, res) => res.writeHead(200, { "content-type": "text/html" }).end(token));
    expect(await checkLiveUpdates({ APP_URL: html, NANGO_HOST: EMULATED_NANGO })).toMatchObject({ status: "fail" });
    const mangled = await app((token, res) =>
      res.writeHead(200, { "content-type": "text/plain" }).end(token.replace("+", " ")),
    );
    expect(await checkLiveUpdates({ APP_URL: mangled, NANGO_HOST: EMULATED_NANGO })).toMatchObject({
      status: "fail",
    });
  });

  it("against real Microsoft, refuses an address Graph cannot reach before asking it", async () => {
    for (const GRAPH_NOTIFICATION_URL of ["http://teams.example.com", "https://localhost:3000", "https://10.0.0.5"])
      expect(
        await checkLiveUpdates({
          APP_URL: "https://x.example",
          NANGO_HOST: "https://api.nango.dev",
          GRAPH_NOTIFICATION_URL,
        }),
        GRAPH_NOTIFICATION_URL,
      ).toMatchObject({ status: "fail", fix: expect.stringContaining("GRAPH_NOTIFICATION_URL") });
  });

  it("says so when live updates are off, and warns when the app is not running", async () => {
    expect(
      await checkLiveUpdates({ APP_URL: "http://127.0.0.1:9", NANGO_HOST: EMULATED_NANGO, LIVE_UPDATES: "off" }),
    ).toMatchObject({
      status: "pass",
      detail: expect.stringContaining("off"),
    });
    expect(await checkLiveUpdates({ APP_URL: "http://127.0.0.1:9", NANGO_HOST: EMULATED_NANGO })).toMatchObject({
      status: "warn",
    });
  });
});
