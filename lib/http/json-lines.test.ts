import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { apiLines, ApiError } from "@/components/ui/api";
import { jsonLinesResponse } from "./json-lines";

/** The browser's side of a JSON-lines route: what the server wrote, read by the page's own client. */
async function readInBrowser<T>(response: Response): Promise<{ lines: T[]; error: unknown }> {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => response),
  );
  const lines: T[] = [];
  try {
    const error = await apiLines<T>("/api/chats/pages", (line) => lines.push(line)).then(
      () => null,
      (failure: unknown) => failure,
    );
    return { lines, error };
  } finally {
    vi.unstubAllGlobals();
  }
}

describe("jsonLinesResponse", () => {
  it("writes each item as a line, in order, and ends", async () => {
    async function* pages() {
      yield { page: 1 };
      yield { page: 2 };
      yield { page: 3 };
    }
    const response = await jsonLinesResponse(pages());
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await readInBrowser(response)).toEqual({ lines: [{ page: 1 }, { page: 2 }, { page: 3 }], error: null });
  });

  it("reads at most one item ahead of the client", async () => {
    let asked = 0;
    async function* pages() {
      for (let page = 1; page <= 100; page++) {
        asked = page;
        yield { page };
      }
    }
    const reader = (await jsonLinesResponse(pages())).body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it("fails as an ordinary error before the first line, so the route answers its status", async () => {
    async function* pages(): AsyncGenerator<unknown, void, undefined> {
      throw new AppError("needs_reconnect", "Microsoft stopped accepting this connection.");
    }
    await expect(jsonLinesResponse(pages())).rejects.toMatchObject({ code: "needs_reconnect" });
  });

  it("ends a stream that fails later with one error line: the client keeps the lines before it and gets the error", async () => {
    async function* pages() {
      yield { page: 1 };
      throw new AppError("throttled", "Microsoft Teams is busy.", 7);
    }
    const { lines, error } = await readInBrowser(await jsonLinesResponse(pages()));
    expect(lines).toEqual([{ page: 1 }]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "throttled", status: 429, retryAfter: 7, message: "Microsoft Teams is busy." });
  });

  it("never sends an unexpected error's details", async () => {
    async function* pages() {
      yield { page: 1 };
      throw new Error("token abc123 rejected by upstream");
    }
    const response = await jsonLinesResponse(pages());
    const text = await response.text();
    expect(text).not.toContain("abc123");
    expect(text.trim().split("\n").at(-1)).toBe(
      JSON.stringify({ error: { code: "internal_error", message: "Something went wrong. Try again." } }),
    );
  });

  it("stops the source when the client goes away", async () => {
    let finished = false;
    async function* pages() {
      try {
        for (let page = 1; ; page++) yield { page };
      } finally {
        finished = true;
      }
    }
    const reader = (await jsonLinesResponse(pages())).body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});

describe("apiLines", () => {
  const chunked = (...chunks: string[]) =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
          controller.close();
        },
      }),
      { headers: { "content-type": "application/x-ndjson" } },
    );

  it("joins lines the network split across chunks", async () => {
    expect(await readInBrowser(chunked('{"a":', '1}\n{"a":2}\n{"a"', ":3}\n"))).toEqual({
      lines: [{ a: 1 }, { a: 2 }, { a: 3 }],
      error: null,
    });
  });

  it("reports a line cut off by the connection as a network error, after the whole lines", async () => {
    const { lines, error } = await readInBrowser(chunked('{"a":1}\n{"a":'));
    expect(lines).toEqual([{ a: 1 }]);
    expect(error).toMatchObject({ code: "network_error", status: 0 });
  });

  it("reports an error response with its status, as api() does", async () => {
    const { lines, error } = await readInBrowser(
      new Response(
        JSON.stringify({ error: { code: "invalid_input", message: "This page link is no longer valid." } }),
        {
          status: 400,
        },
      ),
    );
    expect(lines).toEqual([]);
    expect(error).toMatchObject({ code: "invalid_input", status: 400, message: "This page link is no longer valid." });
  });
});
