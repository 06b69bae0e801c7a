/**
 * `POST /subscriptions`, `GET /subscriptions[/{id}]`, `PATCH` and `DELETE /subscriptions/{id}`
 * and `POST /subscriptions/{id}/reauthorize` (subscription-post-subscriptions,
 * subscription-get, subscription-list, subscription-update, subscription-delete,
 * subscription-reauthorize). A caller sees only the subscriptions its app created for its
 * user; anything else, and anything expired, is a 404.
 */
import type { Context, Hono } from "hono";
import { randomUUID } from "node:crypto";
import { odataContext, type GraphDeps } from "../deps";
import type { GraphEnv } from "../env";
import { badRequest, graphError } from "../errors";
import { subscriptionShape, type SubscriptionRecord } from "./record";
import { missingScope, parseResource, type Refusal } from "./resources";
import {
  bodyRefusal,
  checkClientState,
  checkExpiry,
  checkResourceData,
  checkUrl,
  createBody,
  parseChangeTypes,
  updateBody,
} from "./rules";

type C = Context<GraphEnv>;

const VALIDATION_FAILED =
  "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.";

const refuse = (c: C, refusal: Refusal) => graphError(c, refusal.status, refusal.code, refusal.message);
const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && "status" in value && "code" in value;

export function registerSubscriptionRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const registry = deps.subscriptions;
  const t = deps.throttler;
  const entity = (record: SubscriptionRecord) => ({
    "@odata.context": odataContext(deps, "subscriptions/$entity"),
    ...subscriptionShape(record),
  });
  /** The caller's own live subscription, or undefined. */
  const mine = (c: C): SubscriptionRecord | undefined => {
    const record = registry.get(c.req.param("id")!);
    const { appId, user } = c.get("principal");
    return record && record.applicationId === appId && record.creatorId === user.id ? record : undefined;
  };
  const missing = (c: C) =>
    graphError(c, 404, "ResourceNotFound", `The subscription '${c.req.param("id")}' was not found.`);
  const handshake = async (url: string) => {
    const result = await registry.validate(url);
    return result.ok;
  };

  app.post("/v1.0/subscriptions", t.middleware("other"), async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    if (raw === undefined) return badRequest(c, "Empty Payload. JSON content expected.");
    const parsed = createBody.safeParse(raw);
    if (!parsed.success) return refuse(c, bodyRefusal(parsed.error));
    const body = parsed.data;
    const principal = c.get("principal");
    const rule = parseResource(body.resource, principal, c.get("dataset"));
    if (isRefusal(rule)) return refuse(c, rule);
    const changeTypes = parseChangeTypes(body.changeType, rule);
    if (isRefusal(changeTypes)) return refuse(c, changeTypes);
    const lifecycleUrl = body.lifecycleNotificationUrl || null;
    const early =
      checkUrl("notificationUrl", body.notificationUrl) ??
      (lifecycleUrl ? checkUrl("lifecycleNotificationUrl", lifecycleUrl) : null) ??
      checkClientState(body.clientState) ??
      checkResourceData(body);
    if (early) return refuse(c, early);
    const expiresAt = checkExpiry(body.expirationDateTime, rule, lifecycleUrl !== null, registry.settings);
    if (isRefusal(expiresAt)) return refuse(c, expiresAt);
    const limit = rule.target.kind === "presence" ? 1 : registry.settings.perResourcePerApp;
    if (registry.countFor(principal.appId, rule.key) >= limit)
      return graphError(
        c,
        403,
        "ExtensionError",
        `Operation: Create; Exception: [Status Code: Forbidden; Reason: The application already has the maximum of ${limit} subscription(s) on this resource.]`,
      );
    // Graph validates both endpoints before it creates anything.
    if (!(await handshake(body.notificationUrl)) || (lifecycleUrl && !(await handshake(lifecycleUrl))))
      return graphError(c, 400, "ValidationError", VALIDATION_FAILED);
    const record: SubscriptionRecord = {
      id: randomUUID(),
      resource: body.resource,
      changeType: changeTypes.join(","),
      changeTypes,
      notificationUrl: body.notificationUrl,
      lifecycleNotificationUrl: lifecycleUrl,
      expiresAt,
      clientState: body.clientState ?? null,
      includeResourceData: body.includeResourceData ?? false,
      encryptionCertificate: body.encryptionCertificate ?? null,
      encryptionCertificateId: body.encryptionCertificateId ?? null,
      latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? "v1_2",
      applicationId: principal.appId,
      creatorId: principal.user.id,
      tenantId: principal.tenant.id,
      target: rule.target,
      key: rule.key,
      scopes: rule.scopes,
      maxMinutes: rule.maxMinutes,
      reauthorizationRequired: false,
      paused: false,
      dropNext: 0,
      counters: { delivered: 0, failed: 0, dropped: 0, lifecycleDelivered: 0, lifecycleFailed: 0 },
      createdAt: Date.now(),
    };
    registry.add(record);
    return c.json(entity(record), 201);
  });

  app.get("/v1.0/subscriptions", t.middleware("other"), (c) => {
    const { appId, user } = c.get("principal");
    const value = registry
      .all()
      .filter((s) => s.applicationId === appId && s.creatorId === user.id)
      .map(subscriptionShape);
    return c.json({ "@odata.context": odataContext(deps, "subscriptions"), value });
  });

  app.get("/v1.0/subscriptions/:id", t.middleware("other"), (c) => {
    const record = mine(c);
    return record ? c.json(entity(record)) : missing(c);
  });

  app.patch("/v1.0/subscriptions/:id", t.middleware("other"), async (c) => {
    const record = mine(c);
    if (!record) return missing(c);
    const raw: unknown = await c.req.json().catch(() => undefined);
    if (raw === undefined) return badRequest(c, "Empty Payload. JSON content expected.");
    const parsed = updateBody.safeParse(raw);
    if (!parsed.success) return refuse(c, bodyRefusal(parsed.error));
    const body = parsed.data;
    // Renewing reauthorizes, so it needs what creating needed ("Renewing may fail if the app is no longer authorized").
    const denied = missingScope(record, c.get("principal").scopes);
    if (denied)
      return refuse(c, { ...denied, message: denied.message.replace("Operation: Create", "Operation: Update") });
    let expiresAt = record.expiresAt;
    if (body.expirationDateTime !== undefined) {
      const checked = checkExpiry(
        body.expirationDateTime,
        record,
        record.lifecycleNotificationUrl !== null,
        registry.settings,
      );
      if (isRefusal(checked)) return refuse(c, checked);
      expiresAt = checked;
    }
    if (body.notificationUrl !== undefined && body.notificationUrl !== record.notificationUrl) {
      const bad = checkUrl("notificationUrl", body.notificationUrl);
      if (bad) return refuse(c, bad);
      if (!(await handshake(body.notificationUrl))) return graphError(c, 400, "ValidationError", VALIDATION_FAILED);
      record.notificationUrl = body.notificationUrl;
    }
    registry.renew(record, expiresAt);
    return c.json(entity(record));
  });

  app.delete("/v1.0/subscriptions/:id", t.middleware("other"), (c) => {
    const record = mine(c);
    if (!record) return missing(c);
    registry.remove(record.id);
    return c.body(null, 204);
  });

  app.post("/v1.0/subscriptions/:id/reauthorize", t.middleware("other"), (c) => {
    const record = mine(c);
    if (!record) return missing(c);
    const denied = missingScope(record, c.get("principal").scopes);
    if (denied)
      return refuse(c, { ...denied, message: denied.message.replace("Operation: Create", "Operation: Reauthorize") });
    registry.reauthorize(record);
    return c.body(null, 200);
  });
}
