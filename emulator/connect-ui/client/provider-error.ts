/**
 * Turns what Nango reports for a failed authorisation into the provider's own sentence.
 * The callback page sends the provider's query as JSON (`{"error","error_description"}`);
 * the WebSocket error embeds it as "Provider error: error: …; error_description: …".
 */
export function providerMessage(raw: string): string {
  try {
    const parsed = JSON.parse(raw) as { error_description?: string; error?: string };
    if (parsed && typeof parsed === "object") return parsed.error_description ?? parsed.error ?? raw;
  } catch {
    // not JSON
  }
  const match = /error_description: (.*?)(?:; \w+: |$)/s.exec(raw);
  return match?.[1] ?? raw;
}
