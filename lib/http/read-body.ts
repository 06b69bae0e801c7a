import "server-only";

/**
 * The request body as text, or null as soon as it passes `maxBytes`. Reading stops
 * there, so a client that streams a huge body without a Content-Length (chunked) costs
 * at most `maxBytes` of memory instead of the whole body.
 */
export async function readTextCapped(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
