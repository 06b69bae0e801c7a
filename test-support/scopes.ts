/**
 * The Graph permissions the app asks for by default (`TEAMS_REQUIRED_SCOPES` in
 * lib/env-schema.ts, less `offline_access`, which is not a Graph permission): a
 * connection granted all of them sees everything the dashboard shows. One list for the
 * unit tests, the e2e suite and the soak, so a new default scope is added in one place.
 */
export const DEFAULT_GRAPH_SCOPES = [
  "User.Read",
  "Team.ReadBasic.All",
  "Channel.ReadBasic.All",
  "ChannelMessage.Read.All",
  "Chat.Read",
  "Presence.Read",
];

/** The same, as the app's default `TEAMS_REQUIRED_SCOPES` asks for them (with a refresh token). */
export const DEFAULT_REQUIRED_SCOPES = ["offline_access", ...DEFAULT_GRAPH_SCOPES];
