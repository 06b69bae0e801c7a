/**
 * What the subscription tests can turn (through `/_emulator/graph/subscriptions/settings`).
 * Defaults are Graph's documented behaviour; every knob exists so a test can make the slow
 * or rare case (a 10 s handshake, a 3-day expiry, hours of retries) happen in seconds.
 */
export interface SubscriptionSettings {
  /** How long the notification endpoint has to answer the validation request (Graph: 10 s). */
  validationTimeoutMs: number;
  /** How long one notification POST may take before it counts as failed (Graph: 3 s). */
  deliveryTimeoutMs: number;
  /** Waits before each retry of a failed notification; after the last one it is dropped and `missed` follows. */
  retryDelaysMs: number[];
  /** Overrides every resource's maximum lifetime (seconds); null: Graph's maxima. */
  maxLifetimeSeconds: number | null;
  /** An expirationDateTime beyond the maximum: refused as Graph does, or shortened to it (tests). */
  overMax: "reject" | "clamp";
  /**
   * Graph sends `reauthorizationRequired` to the lifecycle URL this long before a
   * subscription expires (null: never on its own).
   */
  reauthorizationLeadSeconds: number | null;
  /** `on`: deliver; `paused`: hold every delivery (lifecycle events too) until `on` again; `drop`: lose notifications silently. */
  deliveries: "on" | "paused" | "drop";
  /** Subscriptions one app may hold on one resource (all users together). */
  perResourcePerApp: number;
}

export const defaultSubscriptionSettings = (): SubscriptionSettings => ({
  validationTimeoutMs: 10_000,
  deliveryTimeoutMs: 3_000,
  retryDelaysMs: [1_000, 5_000, 30_000],
  maxLifetimeSeconds: null,
  overMax: "reject",
  reauthorizationLeadSeconds: 600,
  deliveries: "on",
  perResourcePerApp: 100,
});
