/**
 * The page Nango's `/oauth/callback` renders in the popup (server/lib/utils/html.ts):
 * it posts `nango_oauth_callback_success` or `nango_oauth_callback_error` (payload
 * `{message, errorType}`) to `window.opener` and the `nango-oauth-callback`
 * BroadcastChannel. On success it closes itself; on error it stays open until the
 * Connect UI acks. A provider error (`?error=…`) is reported as the JSON of those query
 * keys, with errorType `connection_validation_failed`, exactly as Nango does.
 */
const PROVIDER_ERROR_KEYS = ["error", "error_description", "error_reason", "error_uri", "status_code", "error_message"];

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function scriptSafe(json: string): string {
  return json
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function callbackHtml(query: URLSearchParams, error?: string): { status: 200 | 400; html: string } {
  const providerError: Record<string, string> = {};
  for (const key of PROVIDER_ERROR_KEYS) {
    const value = query.get(key)?.trim();
    if (value) providerError[key] = value;
  }
  const hasProviderError = Object.keys(providerError).length > 0;
  const message = hasProviderError ? JSON.stringify(providerError) : (error ?? null);
  const payload = message ? scriptSafe(JSON.stringify({ message, errorType: "connection_validation_failed" })) : "null";
  const content = message
    ? `<h1>Connection failed</h1><p>An error occurred during authorization.</p><pre id="errorDetails">${escapeHtml(message)}</pre><p>You can close this window.</p>`
    : `<h1>Successful connection</h1><p>You can close this window.</p>`;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><title>Authorization callback</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem">
${content}
<script>
  window.__nangoOAuthError = ${payload};
  function closeWindow() { try { window.close(); } catch (e) {} }
  function notifyOpener(type, payload) {
    var msg = payload ? { type: type, payload: payload } : { type: type };
    try { if (window.opener) window.opener.postMessage(msg, '*'); } catch (e) {}
    try { var ch = new BroadcastChannel('nango-oauth-callback'); ch.postMessage(msg); ch.close(); } catch (e) {}
  }
  window.addEventListener('message', function (evt) {
    if (evt.data && evt.data.type === 'nango_oauth_callback_ack') closeWindow();
  });
  if (window.__nangoOAuthError) notifyOpener('nango_oauth_callback_error', window.__nangoOAuthError);
  else { notifyOpener('nango_oauth_callback_success'); setTimeout(closeWindow, 500); }
</script>
</body>
</html>`;
  return { status: error || hasProviderError ? 400 : 200, html };
}
