/**
 * Graph's checks on a subscription request, before the validation handshake:
 * - the body: known properties only, the required ones present (subscription resource type);
 * - changeType: a comma-separated list of `created`, `updated`, `deleted` the resource supports;
 * - URLs: absolute `https://` ("This URL must make use of the HTTPS protocol"). The one
 *   deliberate relaxation: plain `http://` to a loopback host (localhost, 127.0.0.1, ::1) is
 *   accepted, because the offline app listens on loopback without TLS;
 * - expirationDateTime: in the future and within the resource's maximum; more than one hour
 *   ahead requires a lifecycleNotificationUrl (teams-changenotifications-chatmessage: "Otherwise
 *   your subscription request will fail with the following error message");
 * - includeResourceData needs encryptionCertificate and encryptionCertificateId
 *   (change-notifications-with-resource-data).
 */
import { X509Certificate } from "node:crypto";
import { z } from "zod";
import type { ChangeType, Refusal, ResourceRule } from "./resources";
import type { SubscriptionSettings } from "./settings";

const text = z.string();
const optionalText = z.string().nullish();

export const createBody = z.strictObject({
  "@odata.type": z.literal("#microsoft.graph.subscription").optional(),
  changeType: text,
  notificationUrl: text,
  lifecycleNotificationUrl: optionalText,
  resource: text,
  expirationDateTime: text,
  clientState: optionalText,
  includeResourceData: z.boolean().nullish(),
  encryptionCertificate: optionalText,
  encryptionCertificateId: optionalText,
  latestSupportedTlsVersion: z.enum(["v1_0", "v1_1", "v1_2", "v1_3"]).nullish(),
  notificationQueryOptions: z.null().optional(),
  notificationUrlAppId: z.null().optional(),
});
export type CreateBody = z.infer<typeof createBody>;

/** PATCH renews (expirationDateTime) and may move notificationUrl; nothing else changes. */
export const updateBody = z.strictObject({
  "@odata.type": z.literal("#microsoft.graph.subscription").optional(),
  expirationDateTime: text.optional(),
  notificationUrl: text.optional(),
});

const invalid = (message: string): Refusal => ({ status: 400, code: "ValidationError", message });

/** Graph's wording for a zod failure: unknown property, missing property, wrong type. */
export function bodyRefusal(error: z.ZodError): Refusal {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys")
    return {
      status: 400,
      code: "BadRequest",
      message: `Invalid property '${issue.keys[0]}': the property does not exist on type 'microsoft.graph.subscription'.`,
    };
  const field = String(issue.path[0] ?? "body");
  if (issue.code === "invalid_type" && issue.input === undefined) return invalid(`${field} is a required property.`);
  return invalid(`Invalid value for property '${field}'.`);
}

export function parseChangeTypes(raw: string, rule: ResourceRule): ChangeType[] | Refusal {
  const parts = raw.split(",").map((part) => part.trim());
  const known = ["created", "updated", "deleted"];
  const bad = parts.find((part) => !known.includes(part));
  if (bad !== undefined || parts.length === 0)
    return invalid(`Invalid changeType '${bad ?? raw}'. The supported values are created, updated, deleted.`);
  const unsupported = parts.find((part) => !rule.changeTypes.includes(part as ChangeType));
  if (unsupported) return invalid(`The changeType '${unsupported}' is not supported for this resource.`);
  return [...new Set(parts)] as ChangeType[];
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function checkUrl(name: string, raw: string): Refusal | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid(`The ${name} '${raw}' is not a valid absolute URL.`);
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return invalid(`The ${name} must use the HTTPS protocol.`);
}

const HOUR_MS = 60 * 60 * 1000;

/** The expiry to store, or why not. `overMax: clamp` (tests) shortens instead of refusing. */
export function checkExpiry(
  raw: string,
  rule: Pick<ResourceRule, "maxMinutes">,
  hasLifecycleUrl: boolean,
  settings: SubscriptionSettings,
  now = Date.now(),
): number | Refusal {
  const requested = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(requested)) return invalid(`Invalid value for property 'expirationDateTime': '${raw}'.`);
  if (requested <= now) return invalid("Subscription expiration date time must be in the future.");
  if (requested - now > HOUR_MS && !hasLifecycleUrl)
    return invalid(
      "lifecycleNotificationUrl is a required property for subscription creation on this resource when the expirationDateTime value is set to greater than 1 hour.",
    );
  const maxMs = settings.maxLifetimeSeconds === null ? rule.maxMinutes * 60_000 : settings.maxLifetimeSeconds * 1000;
  if (requested - now <= maxMs) return requested;
  if (settings.overMax === "clamp") return now + maxMs;
  const minutes = Math.floor(maxMs / 60_000);
  return invalid(`Subscription expiration can only be ${minutes} minutes in the future.`);
}

export function checkResourceData(body: CreateBody): Refusal | null {
  if (!body.includeResourceData) return null;
  if (!body.encryptionCertificate)
    return invalid("encryptionCertificate is a required property when includeResourceData is true.");
  if (!body.encryptionCertificateId)
    return invalid("encryptionCertificateId is a required property when includeResourceData is true.");
  try {
    new X509Certificate(Buffer.from(body.encryptionCertificate, "base64"));
  } catch {
    return invalid("The encryptionCertificate is not a valid base64-encoded X.509 certificate.");
  }
  return null;
}

export function checkClientState(clientState: string | null | undefined): Refusal | null {
  return clientState && clientState.length > 128
    ? invalid("The clientState can be at most 128 characters long.")
    : null;
}
