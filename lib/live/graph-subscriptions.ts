import "server-only";
import type { Subscription } from "@microsoft/microsoft-graph-types";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import type { GraphConnection } from "@/lib/graph/connection";
import { graphPath } from "@/lib/graph/ids";
import { graphRequest } from "@/lib/graph/request";

/** Where Graph posts: the public base URL (GRAPH_NOTIFICATION_URL, else APP_URL). */
export function notificationUrls(): { notificationUrl: string; lifecycleNotificationUrl: string } {
  const base = (env.GRAPH_NOTIFICATION_URL ?? env.APP_URL).replace(/\/+$/, "");
  return {
    notificationUrl: `${base}/api/graph/notifications`,
    lifecycleNotificationUrl: `${base}/api/graph/lifecycle`,
  };
}

export const subscriptionLifetimeMs = () => env.GRAPH_SUBSCRIPTION_LIFETIME_SECONDS * 1000;

const expiry = () => new Date(Date.now() + subscriptionLifetimeMs());

/**
 * Creates a subscription. Graph calls our notification and lifecycle URLs with a
 * validation token before it answers, so the endpoints must be reachable from Graph.
 * Always with a lifecycle URL (required past an hour, and the only way to hear about
 * `reauthorizationRequired`, `subscriptionRemoved` and `missed`). No resource data:
 * that would need an encryption certificate; the app reads the message instead.
 */
export async function createGraphSubscription(
  connection: GraphConnection,
  resource: string,
  clientState: string,
): Promise<{ id: string; expiresAt: Date }> {
  const { data } = await graphRequest<Subscription>(connection, {
    method: "POST",
    endpoint: "/v1.0/subscriptions",
    data: {
      changeType: "created,updated,deleted",
      ...notificationUrls(),
      resource,
      expirationDateTime: expiry().toISOString(),
      clientState,
      includeResourceData: false,
      latestSupportedTlsVersion: "v1_2",
    },
  });
  if (!data.id || !data.expirationDateTime) throw new Error("Graph answered a subscription without id or expiry");
  return { id: data.id, expiresAt: new Date(data.expirationDateTime) };
}

/** Extends a subscription (this also clears a pending reauthorization). Null: Graph no longer has it. */
export async function renewGraphSubscription(connection: GraphConnection, id: string): Promise<Date | null> {
  try {
    const { data } = await graphRequest<Subscription>(connection, {
      method: "PATCH",
      endpoint: graphPath`/v1.0/subscriptions/${id}`,
      data: { expirationDateTime: expiry().toISOString() },
    });
    return data.expirationDateTime ? new Date(data.expirationDateTime) : null;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}

/** After `reauthorizationRequired`. False: Graph no longer has it (recreate). */
export async function reauthorizeGraphSubscription(connection: GraphConnection, id: string): Promise<boolean> {
  try {
    await graphRequest(connection, { method: "POST", endpoint: graphPath`/v1.0/subscriptions/${id}/reauthorize` });
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return false;
    throw error;
  }
}

/** Deletes it at Graph; one that is already gone counts as deleted. */
export async function deleteGraphSubscription(connection: GraphConnection, id: string): Promise<void> {
  try {
    await graphRequest(connection, { method: "DELETE", endpoint: graphPath`/v1.0/subscriptions/${id}` });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return;
    throw error;
  }
}
