/**
 * Request validation with the same strictness as Nango's zod schemas (0.71.x): unknown
 * keys are rejected, so the app can't rely on fields real Nango would refuse.
 */
import { z } from "zod";

const TAG_MAX_COUNT = 10;
const tagKey = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_\-./]*$/, {
    message:
      "Tag keys must start with a letter and contain only alphanumerics, underscores, hyphens, periods, or slashes",
  })
  .max(64, { message: "Tag keys must be at most 64 characters" });

function tagIssues(tags: Record<string, string>): string[] {
  const entries = Object.entries(tags);
  if (entries.length > TAG_MAX_COUNT) return [`Tags cannot contain more than ${TAG_MAX_COUNT} keys`];
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of entries) {
    const lower = key.toLowerCase();
    if (seen.has(lower)) issues.push(`Duplicate tag key after case normalization: "${lower}"`);
    seen.add(lower);
    if (lower === "end_user_email" && !z.email().min(5).safeParse(value).success) {
      issues.push('Tag "end_user_email" must be a valid email');
    }
  }
  return issues;
}

function withTagChecks<T extends z.ZodType<Record<string, string>>>(schema: T) {
  return schema.check((ctx) => {
    for (const message of tagIssues(ctx.value)) ctx.issues.push({ code: "custom", message, input: ctx.value });
  });
}

/** Session/connection tags: values 1..255 chars, keys lower-cased. */
export const connectionTags = withTagChecks(
  z.record(tagKey, z.string().min(1).max(255, { message: "Tag values must be at most 255 characters" })),
).transform((tags) => Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v])));

export const providerConfigKey = z
  .string()
  .regex(/^[a-zA-Z0-9~:.@ _-]+$/)
  .max(255);
export const connectionIdSchema = z
  .string()
  .regex(/^[a-zA-Z0-9,.;:=+~[\]|@${}"'\\/_ -]+$/)
  .max(255);

export const endUserSchema = z.strictObject({
  id: z.string().max(255).min(1),
  email: z.email().min(5).optional(),
  display_name: z.string().max(255).optional(),
  tags: withTagChecks(z.record(tagKey, z.string().max(255))).optional(),
});

const organizationSchema = z.strictObject({
  id: z.string().max(255).min(0),
  display_name: z.string().max(255).optional(),
});

const configDefaults = z.record(
  providerConfigKey,
  z.strictObject({
    user_scopes: z.string().optional(),
    authorization_params: z.record(z.string(), z.string()).optional(),
    connection_config: z.looseObject({ oauth_scopes_override: z.string().optional() }).optional(),
  }),
);

const overrides = z.record(providerConfigKey, z.object({ docs_connect: z.string().optional() }));
const webhookUrlOverride = z.union([z.url(), z.literal("")]).optional();

export const postSessionBody = z.strictObject({
  end_user: endUserSchema,
  organization: organizationSchema.optional(),
  allowed_integrations: z.array(providerConfigKey).optional(),
  integrations_config_defaults: configDefaults.optional(),
  overrides: overrides.optional(),
  webhook_url_override: webhookUrlOverride,
  tags: connectionTags.optional(),
});

/** Nango also accepts a session with only `tags` (no `end_user`). */
export const postSessionBodyTagsOnly = postSessionBody.extend({
  end_user: endUserSchema.optional(),
  tags: connectionTags,
});

export const postReconnectBody = z.strictObject({
  connection_id: connectionIdSchema,
  integration_id: providerConfigKey,
  end_user: endUserSchema.optional(),
  organization: organizationSchema.optional(),
  integrations_config_defaults: configDefaults.optional(),
  overrides: overrides.optional(),
  webhook_url_override: webhookUrlOverride,
  tags: connectionTags.optional(),
});

export type PostSessionBody = z.infer<typeof postSessionBody>;
export type EndUserInput = z.infer<typeof endUserSchema>;
export type OrganizationInput = z.infer<typeof organizationSchema>;
