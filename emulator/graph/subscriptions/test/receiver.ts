/**
 * A real HTTP endpoint for the subscription tests: answers Graph's validation handshake
 * (correctly or in one of the ways real endpoints get it wrong) and records every
 * notification it receives, answering each with a chosen status.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ValidationMode = "echo" | "wrong-token" | "html" | "status-202" | { delayMs: number };

export interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read Graph's JSON loosely
  body: any;
  status: number;
}

export interface Receiver {
  url: (path?: string) => string;
  validation: ValidationMode;
  /** Statuses for the next notifications, in order; afterwards 202. */
  statuses: number[];
  /** Validation requests seen: the raw query string and the content type. */
  validations: Array<{ path: string; rawQuery: string; token: string; contentType: string; body: string }>;
  received: Received[];
  /** Resolves with the first received notification (past or future) that matches. */
  waitFor: (match: (r: Received) => boolean, timeoutMs?: number) => Promise<Received>;
  close: () => Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
  });

export async function startReceiver(): Promise<Receiver> {
  const waiters: Array<{ match: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  const receiver: Receiver = {
    url: (path = "/notify") => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    validation: "echo",
    statuses: [],
    validations: [],
    received: [],
    waitFor: (match, timeoutMs = 10_000) => {
      const seen = receiver.received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no matching notification arrived")), timeoutMs);
        waiters.push({
          match,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const body = await readBody(req);
    const token = url.searchParams.get("validationToken");
    if (token !== null) {
      receiver.validations.push({
        path: url.pathname,
        rawQuery: url.search,
        token,
        contentType: req.headers["content-type"] ?? "",
        body,
      });
      const mode = receiver.validation;
      if (typeof mode === "object") await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
      if (mode === "html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(token);
        return;
      }
      const status = mode === "status-202" ? 202 : 200;
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(mode === "wrong-token" ? `${token}x` : token);
      return;
    }
    const status = receiver.statuses.shift() ?? 202;
    const received: Received = {
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers["content-type"] ?? "",
      body: body ? JSON.parse(body) : undefined,
      status,
    };
    receiver.received.push(received);
    res.writeHead(status).end();
    for (const waiter of waiters.filter((w) => w.match(received))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(received);
    }
  });
  // Keep-alive sockets would hold close() until they time out.
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return receiver;
}
