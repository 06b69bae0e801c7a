import "server-only";
import { Nango } from "@nangohq/node";
import { env } from "@/lib/env";

/**
 * The one server-side Nango client. It holds the secret key, so it must never be
 * imported by a client component (`server-only` makes that a build error).
 */
export const nango = new Nango({
  secretKey: env.NANGO_SECRET_KEY,
  host: env.NANGO_HOST,
  webhookSigningKey: env.NANGO_WEBHOOK_SIGNING_KEY,
});

export const integrationId = env.NANGO_INTEGRATION_ID;
