/** GET our JSON API; a failure becomes an Error whose message says what to do next. */
interface ApiError {
  error?: { code?: string; message?: string; retryAfter?: number };
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const data = (await response.json().catch(() => ({}))) as T & ApiError;
  if (!response.ok) {
    const wait = data.error?.retryAfter ?? Number(response.headers.get("retry-after") ?? 0);
    const message = data.error?.message ?? `Request failed (${response.status}).`;
    const hint = data.error?.code === "needs_reconnect" ? " Reconnect on the Connections page." : wait && !/try again in/i.test(message) ? ` Try again in ${wait} seconds.` : "";
    throw new Error(`${message}${hint}`);
  }
  return data;
}
