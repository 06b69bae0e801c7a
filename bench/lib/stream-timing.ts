/** A page's HTML read as it streams: a streamed section shows the moment its chunk arrives. */

export interface StreamedPage {
  status: number;
  html: string;
  /** Until the whole response had arrived. */
  ms: number;
  /** Until every marker was in the HTML received so far (null: not all ever were). */
  markersMs: number | null;
}

export async function readStreamed(url: string, cookie: string, markers: string[]): Promise<StreamedPage> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  let html = "";
  let markersMs: number | null = null;
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    html += decoder.decode(read.value, { stream: true });
    if (markersMs === null && markers.every((marker) => html.includes(marker))) markersMs = performance.now() - started;
  }
  html += decoder.decode();
  return { status: response.status, html, ms: performance.now() - started, markersMs };
}
