/**
 * Starts an emulator inside a test process on free ports, with in-memory state.
 * Tests drive it over HTTP like any other client.
 */
import { startEmulator, type RunningEmulator } from "./main";

export interface TestEmulator extends RunningEmulator {
  origins: RunningEmulator["context"]["config"]["origins"];
  /** POST to the control API. */
  control(path: string, body?: unknown): Promise<unknown>;
}

export async function startTestEmulator(env: Record<string, string> = {}): Promise<TestEmulator> {
  for (let attempt = 0; ; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 9_000) * 4;
    Object.assign(process.env, { EMULATOR_BASE_PORT: String(base), EMULATOR_STATE_FILE: "" }, env);
    try {
      const emulator = await startEmulator();
      const origins = emulator.context.config.origins;
      return {
        ...emulator,
        origins,
        async control(path, body) {
          const response = await fetch(`${origins.nango}/_emulator${path}`, {
            method: body === undefined ? "GET" : "POST",
            headers: { "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
          return response.json();
        },
      };
    } catch (error) {
      if (attempt >= 5 || !String(error).includes("in use")) throw error;
    }
  }
}
