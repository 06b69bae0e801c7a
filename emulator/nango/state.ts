/**
 * What the emulated Nango persists: connections and connect sessions, in one store
 * section so a restart of the emulator keeps the app's connections working.
 */
import type { Section, Store } from "../core/store";

export interface EndUser {
  id: string;
  display_name: string | null;
  email: string | null;
  tags: Record<string, string> | null;
  organization: { id: string; display_name: string | null } | null;
}

export interface OAuth2Credentials {
  type: "OAUTH2";
  access_token: string;
  refresh_token?: string;
  expires_at?: string;
  raw: Record<string, unknown>;
}

export interface ConnectionRecord {
  /** Nango's numeric primary key. */
  id: number;
  connection_id: string;
  provider_config_key: string;
  provider: string;
  end_user: EndUser | null;
  tags: Record<string, string>;
  metadata: Record<string, unknown> | null;
  connection_config: Record<string, unknown>;
  credentials: OAuth2Credentials;
  created_at: number;
  updated_at: number;
  last_fetched_at: number | null;
  /** Epoch ms of the last failed refresh: Nango refuses to retry within 30 s. */
  last_refresh_failure: number | null;
  /**
   * Nango's active error logs for the connection (`errors` in the API): one `auth` entry
   * after a failed refresh, cleared by a successful refresh or reconnect.
   */
  errors?: Array<{ type: string; log_id: string }>;
  /** Days with a failed refresh in a row (Nango counts at most one per day). */
  refresh_attempts?: number;
  /** Set after 4 such days (MAX_CONSECUTIVE_DAYS_FAILED_REFRESH): no more refresh attempts. */
  refresh_exhausted?: boolean;
}

export interface ConnectSession {
  token: string;
  created_at: number;
  expires_at: number;
  end_user: EndUser | null;
  allowed_integrations: string[] | null;
  integrations_config_defaults: Record<
    string,
    { user_scopes?: string; authorization_params?: Record<string, string>; connection_config?: Record<string, unknown> }
  > | null;
  tags: Record<string, string>;
  /** Set for reconnect sessions: the connection being re-authorised. */
  reconnect: { connection_id: string; integration_id: string } | null;
}

export interface NangoState {
  nextId: number;
  connections: ConnectionRecord[];
  sessions: ConnectSession[];
}

export type NangoSection = Section<NangoState>;

export function nangoSection(store: Store): NangoSection {
  return store.section<NangoState>("nango", () => ({ nextId: 1, connections: [], sessions: [] }));
}

export function findConnection(state: NangoState, connectionId: string, providerConfigKey: string) {
  return state.connections.find((c) => c.connection_id === connectionId && c.provider_config_key === providerConfigKey);
}

export function findSession(state: NangoState, token: string): ConnectSession | undefined {
  const session = state.sessions.find((s) => s.token === token);
  // Expired keys are invisible to Nango's keystore lookup, exactly like unknown ones.
  return session && session.expires_at > Date.now() ? session : undefined;
}
