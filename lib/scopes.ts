/**
 * Rules for the configured Microsoft Graph scopes, enforced at startup because Azure
 * only reports these mistakes when a user is halfway through connecting:
 * - `.default` cannot be combined with explicit scopes (AADSTS70011);
 * - without `offline_access` Microsoft issues no refresh token, so connections die
 *   after an hour.
 */
export function parseScopes(raw: string, name: string): string[] {
  const scopes = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
  const problems = scopeProblems(scopes);
  if (problems.length > 0) throw new Error(`Invalid environment configuration:\n  - ${name}: ${problems.join("; ")}`);
  return scopes;
}

export function scopeProblems(scopes: string[]): string[] {
  const problems: string[] = [];
  const isDefault = (s: string) => s === ".default" || s.endsWith("/.default");
  const explicit = scopes.filter((s) => !isDefault(s) && s !== "offline_access" && s !== "openid" && s !== "profile" && s !== "email");
  if (scopes.some(isDefault) && explicit.length > 0) {
    problems.push(`".default" cannot be combined with explicit scopes (${explicit.join(", ")})`);
  }
  if (!scopes.includes("offline_access")) problems.push('"offline_access" is missing, so no refresh token would be issued');
  if (scopes.length === 0) problems.push("no scopes configured");
  return problems;
}

/** Required scopes a grant lacks (case-insensitive, as Entra treats scope names). */
export function missingScopes(required: string[], granted: string[]): string[] {
  const have = new Set(granted.map((s) => s.toLowerCase()));
  return required.filter((s) => s !== "offline_access" && !have.has(s.toLowerCase()));
}
