/**
 * Scope parsing as the v2 endpoint does it: space separated, Graph scopes with or
 * without the `https://graph.microsoft.com/` prefix, `.default` meaning "everything
 * the app registration is configured for" and never mixable with explicit scopes.
 */
export const GRAPH_RESOURCE = "https://graph.microsoft.com/";
export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

/** User-facing consent strings (as Microsoft shows them for delegated permissions). */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  openid: "Sign you in",
  profile: "View your basic profile",
  email: "View your email address",
  offline_access: "Maintain access to data you have given it access to",
  "User.Read": "Sign in and read your profile",
  "User.ReadBasic.All": "Read all users' basic profiles",
  "User.Read.All": "Read all users' full profiles",
  "Team.ReadBasic.All": "Read the names and descriptions of teams",
  "Channel.ReadBasic.All": "Read the names and descriptions of channels",
  "ChannelMessage.Read.All": "Read user channel messages",
  "ChannelMember.Read.All": "Read the members of channels",
  "Chat.ReadBasic": "Read names and members of your chats",
  "Chat.Read": "Read your chat messages",
  "Chat.ReadWrite": "Read and write your chat messages",
  "ChatMessage.Read": "Read your chat messages",
  "ChatMember.Read": "Read the members of your chats",
  "Presence.Read": "Read your presence information",
  "Presence.Read.All": "Read presence information of all users in your organization",
  "TeamMember.Read.All": "Read the members of teams",
  "ChatMessage.Send": "Send user chat messages",
  "ChannelMessage.Send": "Send channel messages",
  "People.Read": "Read users' relevant people lists",
};

/**
 * Delegated permissions whose "Admin consent required" is Yes in Microsoft's Graph
 * permissions reference (of those known here). The others (Chat.Read, Chat.ReadWrite,
 * ChatMessage.Send, ChannelMessage.Send, Team.ReadBasic.All, Channel.ReadBasic.All,
 * Presence.Read(.All), User.ReadBasic.All, People.Read, ...) a user may consent to where
 * the tenant's policy allows it.
 */
export const ADMIN_ONLY_SCOPES: ReadonlySet<string> = new Set([
  "ChannelMessage.Read.All",
  "User.Read.All",
  "ChannelMember.Read.All",
  "TeamMember.Read.All",
]);

/** What "Allow user consent for apps from verified publishers, for selected permissions" leaves users by default. */
export const LOW_IMPACT_SCOPES: ReadonlySet<string> = new Set([
  "openid",
  "profile",
  "email",
  "offline_access",
  "User.Read",
]);

/** `https://graph.microsoft.com/Chat.Read` for resource scopes; OIDC scopes stay short. */
export function prefixed(scope: string): string {
  return OIDC_SCOPES.has(scope) ? scope : `${GRAPH_RESOURCE}${scope}`;
}

export interface ParsedScopes {
  /** Normalised scopes (Graph prefix removed), in request order, unique. */
  scopes: string[];
  hasDefault: boolean;
  unknown: string[];
}

export function parseScopes(raw: string | undefined | null): ParsedScopes {
  const scopes: string[] = [];
  const unknown: string[] = [];
  let hasDefault = false;
  for (const token of (raw ?? "").split(/\s+/).filter(Boolean)) {
    const name = token.startsWith(GRAPH_RESOURCE) ? token.slice(GRAPH_RESOURCE.length) : token;
    if (name === ".default") {
      hasDefault = true;
      continue;
    }
    const known = Object.keys(SCOPE_DESCRIPTIONS).find((scope) => scope.toLowerCase() === name.toLowerCase());
    if (!known) unknown.push(token);
    else if (!scopes.includes(known)) scopes.push(known);
  }
  return { scopes, hasDefault, unknown };
}

/** True when `.default` is mixed with resource scopes (OIDC scopes may accompany it). */
export function mixesDefault(parsed: ParsedScopes): boolean {
  return parsed.hasDefault && parsed.scopes.some((scope) => !OIDC_SCOPES.has(scope));
}

/** The effective scopes: `.default` expands to the client's configured permissions. */
export function effectiveScopes(parsed: ParsedScopes, permissions: string[]): string[] {
  const result = [...parsed.scopes];
  if (parsed.hasDefault) for (const scope of permissions) if (!result.includes(scope)) result.push(scope);
  return result;
}

export function resourceScopes(scopes: string[]): string[] {
  return scopes.filter((scope) => !OIDC_SCOPES.has(scope));
}
