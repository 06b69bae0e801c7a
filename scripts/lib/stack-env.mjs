/**
 * The environment for one local stack (app + emulator) on a given set of ports.
 * dev, e2e tests and benchmarks each run their own stack side by side, so none of
 * them can disturb another's ports, database or emulator state.
 */
export function stackEnv({ appPort, emulatorBasePort, databaseUrl, stateFile, extra = {} }) {
  const host = "localhost";
  const appUrl = `http://${host}:${appPort}`;
  const origin = (offset) => `http://${host}:${emulatorBasePort + offset}`;
  return {
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: appUrl,
    PORT: String(appPort),
    DATABASE_URL: databaseUrl,
    NANGO_HOST: origin(0),
    NANGO_CONNECT_UI_URL: origin(1),
    MICROSOFT_LOGIN_URL: origin(2),
    EMULATOR_BASE_PORT: String(emulatorBasePort),
    EMULATOR_WEBHOOK_URL: `${appUrl}/api/webhooks/nango`,
    ...(stateFile !== undefined ? { EMULATOR_STATE_FILE: stateFile } : {}),
    ...extra,
  };
}
