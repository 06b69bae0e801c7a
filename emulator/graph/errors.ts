/**
 * Graph's error envelope. Every response also carries `request-id` (and echoes
 * `client-request-id`), which is what support asks for in real incidents.
 */
import type { Context } from "hono";
import { randomUUID } from "node:crypto";

export function requestIds(c: Context): { requestId: string; clientRequestId: string } {
  const existing = c.get("requestId" as never) as string | undefined;
  const requestId = existing ?? randomUUID();
  return { requestId, clientRequestId: c.req.header("client-request-id") ?? requestId };
}

export function graphError(
  c: Context,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const { requestId, clientRequestId } = requestIds(c);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ""),
          "request-id": requestId,
          "client-request-id": clientRequestId,
        },
      },
    },
    status as 400,
  );
}

export const notFound = (c: Context, message = "Resource not found.") => graphError(c, 404, "NotFound", message);
export const badRequest = (c: Context, message: string) => graphError(c, 400, "BadRequest", message);
export const forbidden = (c: Context, message: string) => graphError(c, 403, "Forbidden", message);
