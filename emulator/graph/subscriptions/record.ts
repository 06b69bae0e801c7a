/** A subscription as the emulator keeps it, and how Graph renders it. */
import type { ChangeType, Target } from "./resources";

export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

export interface DeliveryCounters {
  /** Change notifications answered with a 2xx. */
  delivered: number;
  /** Attempts that failed (non-2xx, timeout, refused); each retry that fails counts again. */
  failed: number;
  /** Change notifications never delivered: retries exhausted, dropped on purpose, or sent while paused by reauthorization. */
  dropped: number;
  /** Lifecycle notifications answered with a 2xx. */
  lifecycleDelivered: number;
  lifecycleFailed: number;
}

export interface SubscriptionRecord {
  id: string;
  resource: string;
  changeType: string;
  changeTypes: ChangeType[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expiresAt: number;
  clientState: string | null;
  includeResourceData: boolean;
  encryptionCertificate: string | null;
  encryptionCertificateId: string | null;
  latestSupportedTlsVersion: string;
  applicationId: string;
  creatorId: string;
  tenantId: string;
  target: Target;
  /** Quota key (resource identity) and the delegated scopes that allow it. */
  key: string;
  scopes: string[];
  /** The resource's maximum lifetime. */
  maxMinutes: number;
  /** A `reauthorizationRequired` is pending (until reauthorize or PATCH). */
  reauthorizationRequired: boolean;
  /** Change notifications stop until reauthorize or PATCH (set by an on-demand reauthorizationRequired). */
  paused: boolean;
  /** Drop this many more change notifications silently, then send `missed` (control API). */
  dropNext: number;
  counters: DeliveryCounters;
  createdAt: number;
}

/** Graph writes times with seven fractional digits: `2019-03-20T11:00:00.0000000Z`. */
export const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");

export function subscriptionShape(s: SubscriptionRecord) {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: graphTime(s.expiresAt),
    creatorId: s.creatorId,
    includeResourceData: s.includeResourceData,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: s.encryptionCertificate,
    encryptionCertificateId: s.encryptionCertificateId,
    notificationUrlAppId: null,
    notificationContentType: "application/json",
  };
}

/** Lifecycle notification item (change-notifications-lifecycle-events: "Structure of a lifecycle notification"). */
export function lifecycleItem(s: SubscriptionRecord, event: LifecycleEvent) {
  return {
    subscriptionId: s.id,
    subscriptionExpirationDateTime: graphTime(s.expiresAt),
    tenantId: s.tenantId,
    clientState: s.clientState,
    lifecycleEvent: event,
  };
}
