/** Shared setup: an in-process emulator whose webhooks go to a local receiver, and the real SDK. */
import { Nango } from "@nangohq/node";
import { startTestEmulator, type TestEmulator } from "../../testing";
import { startReceiver } from "./receiver";

export const SECRET_KEY = "emulator-secret-key-0000000000000000";
export const SIGNING_KEY = "emulator-webhook-signing-key";
export const KEY = "microsoft-teams";

export async function setup() {
  const receiver = await startReceiver();
  const emulator: TestEmulator = await startTestEmulator({
    EMULATOR_WEBHOOK_URL: `${receiver.url}/api/webhooks/nango`,
    NANGO_SECRET_KEY: SECRET_KEY,
    NANGO_WEBHOOK_SIGNING_KEY: SIGNING_KEY,
  });
  await emulator.control("/nango/settings", { webhookRetryBaseMs: 20, proxyRetryBaseMs: 10 });
  const nango = new Nango({ secretKey: SECRET_KEY, host: emulator.origins.nango, webhookSigningKey: SIGNING_KEY });
  return {
    emulator,
    receiver,
    nango,
    async seed(body: Record<string, unknown> = {}) {
      const res = (await emulator.control("/nango/connections", body)) as { connection: { connection_id: string } };
      return res.connection.connection_id;
    },
    async close() {
      await emulator.close();
      await receiver.close();
    },
  };
}

/** The `error` body of a rejected axios call from the SDK. */
export async function apiError(
  promise: Promise<unknown>,
): Promise<{ status: number; body: { error: { code: string; message?: string; errors?: unknown[] } } }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: never } }).response;
    if (response) return { status: response.status, body: response.data };
    throw error;
  }
  throw new Error("expected the call to fail");
}
