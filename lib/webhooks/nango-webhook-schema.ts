import { z } from "zod";

/** Nango's `auth` webhook (the fields we use; unknown fields are allowed and ignored). */
export const authWebhook = z.object({
  type: z.literal("auth"),
  operation: z.enum(["creation", "override", "refresh", "unknown"]).or(z.string()),
  connectionId: z.string().min(1).max(256),
  providerConfigKey: z.string().min(1).max(256),
  success: z.boolean(),
  endUser: z.object({ endUserId: z.string().optional() }).partial().nullish(),
  tags: z.record(z.string(), z.string()).nullish(),
  error: z.object({ type: z.string().optional(), description: z.string().optional() }).nullish(),
});

export type AuthWebhook = z.infer<typeof authWebhook>;

export const anyWebhook = z.object({ type: z.string(), from: z.string().optional() }).passthrough();
