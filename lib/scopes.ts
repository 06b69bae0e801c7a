/**
 * Microsoft Graph scope names, in one place: parsing the configured scopes (with the
 * rules Azure only reports halfway through a connect), normalising what Microsoft
 * returns, and telling which scopes a user may consent to and which need an admin.
 *
 * Entra ID answers `scope` in either form (`https://graph.microsoft.com/Chat.Read` or
 * `Chat.Read`) and treats names case-insensitively, so every comparison goes through
 * `normalizeScope`.
 */
const GRAPH_PREFIXES = ["https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000/"];
/** OpenID Connect scopes: not Graph permissions, never "missing", never stored as granted. */
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];

/**
 * Delegated Graph permissions that need an administrator's consent in every tenant, per
 * Microsoft's permissions reference (learn.microsoft.com/graph/permissions-reference).
 * The others the app asks for (User.Read, Team.ReadBasic.All, Channel.ReadBasic.All,
 * Chat.Read, Chat.ReadWrite, ChatMessage.Send, ChannelMessage.Send, Presence.Read) a
 * user may consent to, unless the tenant restricts user consent.
 */
export const ADMIN_ONLY_SCOPES = [
  "ChannelMessage.Read.All",
  "User.Read.All",
  "ChannelMember.Read.All",
  "TeamMember.Read.All",
  "Group.Read.All",
  "Directory.Read.All",
];

/** `https://graph.microsoft.com/Chat.Read` → `Chat.Read`; other resources' scopes are kept whole. */
export function normalizeScope(scope: string): string {
  const lower = scope.toLowerCase();
  const prefix = GRAPH_PREFIXES.find((p) => lower.startsWith(p));
  return prefix ? scope.slice(prefix.length) : scope;
}

const key = (scope: string) => normalizeScope(scope).toLowerCase();

/**
 * The Graph permissions in a token response's `scope` (either form, any case, any
 * whitespace), without OIDC scopes, de-duplicated, in the casing of `known` when a
 * name matches one of them.
 */
export function normalizeGrantedScopes(raw: string | string[] | null | undefined, known: string[] = []): string[] {
  const tokens = Array.isArray(raw) ? raw : (raw ?? "").split(/[\s,]+/);
  const canonical = new Map(known.map((s) => [key(s), normalizeScope(s)]));
  const out = new Map<string, string>();
  for (const token of tokens) {
    if (!token) continue;
    const k = key(token);
    if (OIDC_SCOPES.includes(k) || out.has(k)) continue;
    out.set(k, canonical.get(k) ?? normalizeScope(token));
  }
  return [...out.values()];
}

export function isAdminOnlyScope(scope: string): boolean {
  return ADMIN_ONLY_SCOPES.some((s) => s.toLowerCase() === key(scope));
}

/** Scopes a user may consent to themselves where the tenant allows user consent. */
export function userConsentableScopes(scopes: string[]): string[] {
  return scopes.filter((s) => !isAdminOnlyScope(s));
}

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
  const explicit = scopes.filter((s) => !isDefault(s) && !OIDC_SCOPES.includes(s));
  if (scopes.some(isDefault) && explicit.length > 0) {
    problems.push(`".default" cannot be combined with explicit scopes (${explicit.join(", ")})`);
  }
  if (!scopes.includes("offline_access"))
    problems.push('"offline_access" is missing, so no refresh token would be issued');
  if (scopes.length === 0) problems.push("no scopes configured");
  return problems;
}

/** Required scopes a grant lacks (either form, any case; OIDC scopes never count). */
export function missingScopes(required: string[], granted: string[]): string[] {
  const have = new Set(granted.map(key));
  return required.filter((s) => !OIDC_SCOPES.includes(key(s)) && !have.has(key(s)));
}

/** The comparison key of each required Graph permission, as the admin SQL filter uses it. */
export function scopeKeys(scopes: string[]): string[] {
  return [...new Set(scopes.map(key).filter((k) => !OIDC_SCOPES.includes(k)))];
}

/**
 * Delegated permissions for writing, asked for only the first time a user writes
 * (incremental consent): reading never depends on them. Each: the scope requested, and
 * broader ones that also allow it (Microsoft's permissions reference for each API).
 */
export const WRITE_PERMISSIONS = {
  /** POST /chats/{id}/messages, setReaction on chat messages. */
  chat: { request: "ChatMessage.Send", alsoAllowedBy: ["Chat.ReadWrite"] },
  /** POST channel messages and replies, setReaction on them. */
  channel: { request: "ChannelMessage.Send", alsoAllowedBy: ["Group.ReadWrite.All"] },
  /** GET /users?$search for the mention picker (chat members need no more than Chat.Read). */
  people: { request: "User.ReadBasic.All", alsoAllowedBy: ["User.Read.All", "Directory.Read.All"] },
} as const;

export type WriteKind = keyof typeof WRITE_PERMISSIONS;

export const WRITE_SCOPES: string[] = Object.values(WRITE_PERMISSIONS).map((p) => p.request);

/**
 * Whether a grant allows a kind of write. An empty grant means "not recorded" (an old
 * connection): Graph decides, and a 403 asks for consent then.
 */
export function grantAllows(kind: WriteKind, granted: string[]): boolean {
  if (granted.length === 0) return true;
  const permission = WRITE_PERMISSIONS[kind];
  return (
    missingScopes([permission.request, ...permission.alsoAllowedBy], granted).length <
    1 + permission.alsoAllowedBy.length
  );
}

/** The write permissions (by the scope the app would request) a grant does not allow. */
export function missingWritePermissions(granted: string[]): string[] {
  return (Object.keys(WRITE_PERMISSIONS) as WriteKind[])
    .filter((kind) => !grantAllows(kind, granted))
    .map((kind) => WRITE_PERMISSIONS[kind].request);
}
