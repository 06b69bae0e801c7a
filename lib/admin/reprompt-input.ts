import { z } from "zod";
import { userFilterSchema } from "./user-filter";

/**
 * Body of POST /api/admin/reprompts: the prompt, an optional reason (a default per
 * prompt otherwise) and the targets, either explicit user ids or "every user matching
 * this filter" (resolved on the server, so it covers every page, not just the one shown).
 */
export const repromptInput = z
  .object({
    prompt: z.enum(["consent", "login"]),
    reason: z.string().trim().max(500).optional(),
    target: z.union([
      z.object({ userIds: z.array(z.uuid()).min(1).max(500) }).strict(),
      z.object({ filter: userFilterSchema.strict() }).strict(),
    ]),
  })
  .strict();
export type RepromptInput = z.infer<typeof repromptInput>;

/** `?page=` as a positive integer (1 when absent or invalid). */
export function parsePage(value: unknown): number {
  const page = typeof value === "string" ? Number.parseInt(value, 10) : NaN;
  return Number.isFinite(page) && page > 0 ? page : 1;
}
