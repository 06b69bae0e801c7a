/**
 * Emulator configuration. Every default here is also the app's offline default
 * (see `.env.example`), so `npm run dev` needs no settings at all.
 * The emulator is its own program: it reads its own env, never the app's modules.
 */
import path from "node:path";

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number, got "${raw}"`);
  }
  return value;
}

function str(name: string, fallback: string): string {
  const raw = process.env[name];
  return raw === undefined || raw === "" ? fallback : raw;
}

export interface EmulatorConfig {
  host: string;
  ports: { nango: number; connectUi: number; login: number; graph: number };
  /** Origins as a browser sees them: each service is its own origin. */
  origins: { nango: string; connectUi: string; login: string; graph: string };
  nango: {
    secretKey: string;
    webhookSigningKey: string;
    webhookUrl: string;
    integrationId: string;
    environment: string;
    /** Scopes configured on the emulated integration (space separated, like Nango's UI). */
    scopes: string[];
    clientId: string;
    clientSecret: string;
  };
  /** Client registered at the emulated Entra ID for the app's own "Sign in with Microsoft". */
  appSignIn: { clientId: string; clientSecret: string };
  stateFile: string;
}

export function loadConfig(): EmulatorConfig {
  const host = str("EMULATOR_HOST", "localhost");
  const base = int("EMULATOR_BASE_PORT", 4010);
  const ports = {
    nango: int("EMULATOR_NANGO_PORT", base),
    connectUi: int("EMULATOR_CONNECT_UI_PORT", base + 1),
    login: int("EMULATOR_LOGIN_PORT", base + 2),
    graph: int("EMULATOR_GRAPH_PORT", base + 3),
  };
  const origin = (port: number) => `http://${host}:${port}`;
  return {
    host,
    ports,
    origins: {
      nango: origin(ports.nango),
      connectUi: origin(ports.connectUi),
      login: origin(ports.login),
      graph: origin(ports.graph),
    },
    nango: {
      secretKey: str("NANGO_SECRET_KEY", "emulator-secret-key-0000000000000000"),
      webhookSigningKey: str("NANGO_WEBHOOK_SIGNING_KEY", "emulator-webhook-signing-key"),
      webhookUrl: str("EMULATOR_WEBHOOK_URL", "http://localhost:3000/api/webhooks/nango"),
      integrationId: str("NANGO_INTEGRATION_ID", "microsoft-teams"),
      environment: "dev",
      scopes: str(
        "EMULATOR_INTEGRATION_SCOPES",
        "offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All ChannelMessage.Read.All Chat.Read Presence.Read",
      )
        .split(/[\s,]+/)
        .filter(Boolean),
      clientId: str("EMULATOR_TEAMS_CLIENT_ID", "00000000-0000-4000-8000-00000000a001"),
      clientSecret: str("EMULATOR_TEAMS_CLIENT_SECRET", "emulator-teams-client-secret"),
    },
    appSignIn: {
      clientId: str("MICROSOFT_CLIENT_ID", "00000000-0000-4000-8000-00000000a002"),
      clientSecret: str("MICROSOFT_CLIENT_SECRET", "emulator-signin-client-secret"),
    },
    stateFile: path.resolve(str("EMULATOR_STATE_FILE", ".data/emulator-state.json")),
  };
}
