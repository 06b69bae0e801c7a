import "server-only";
import { errorBody } from "./respond";

/**
 * A response of JSON lines (NDJSON), one per item the source yields, written as each is
 * ready: for a list the server can read ahead faster than a client asking page by page,
 * which pays a request's whole cost (session, connection, framework) for every page.
 *
 * Pull-based, so the source is read at most one item ahead of what the connection has
 * taken (a slow client never piles pages up in memory), and a client that goes away
 * stops it. The first item is read before the response is made, so a failure before
 * anything was sent (a bad cursor, a connection that needs reconnecting) is an ordinary
 * error response with its status. A later one cannot change the status any more: it ends
 * the stream with one last line in the API's error shape (`{"error": {…}}`), which the
 * client reads as the failure it is, keeping the lines before it.
 */
export async function jsonLinesResponse(source: AsyncGenerator<unknown, void, undefined>): Promise<Response> {
  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  const first = await source.next();
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(line(first.value));
      },
      async pull(controller) {
        let next: IteratorResult<unknown, void>;
        try {
          next = await source.next();
        } catch (error) {
          if (cancelled) return;
          controller.enqueue(line(errorBody(error).body));
          controller.close();
          return;
        }
        // The client may have gone while the item was read: nothing to write it to.
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(line(next.value));
      },
      async cancel() {
        cancelled = true;
        await source.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "private, no-store",
      // Proxies that buffer (nginx) would hold the lines back until the end.
      "x-accel-buffering": "no",
    },
  });
}
