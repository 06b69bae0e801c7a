/**
 * The live subscriptions: expiry (a subscription past its expirationDateTime is gone, as in
 * Graph), the automatic `reauthorizationRequired` shortly before expiry, lifecycle events,
 * and fan-out of message changes to every matching subscription. In memory only: an
 * emulator restart forgets them, which a client sees as expiry (GET and PATCH answer 404).
 */
import { Deliverer } from "./delivery";
import { validateEndpoint, type HandshakeResult } from "./handshake";
import { matches, notificationItem, type MessageChange } from "./payloads";
import { lifecycleItem, type LifecycleEvent, type SubscriptionRecord } from "./record";
import { defaultSubscriptionSettings, type SubscriptionSettings } from "./settings";

interface Timers {
  expiry?: NodeJS.Timeout;
  reauthorization?: NodeJS.Timeout;
}

export class SubscriptionRegistry {
  settings: SubscriptionSettings = defaultSubscriptionSettings();
  readonly deliverer = new Deliverer(() => this.settings);
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly timers = new Map<string, Timers>();
  /** Recent validation handshakes and why they failed (Graph's error never says). */
  readonly validations: Array<{ at: string; url: string; ok: boolean; reason?: string }> = [];

  async validate(url: string): Promise<HandshakeResult> {
    const result = await validateEndpoint(url, this.settings.validationTimeoutMs);
    this.validations.push({ at: new Date().toISOString(), url, ...result });
    if (this.validations.length > 100) this.validations.shift();
    return result;
  }

  add(record: SubscriptionRecord): void {
    this.subscriptions.set(record.id, record);
    this.schedule(record);
  }

  /** The subscription if it still exists (an expired one is removed on the way). */
  get(id: string): SubscriptionRecord | undefined {
    const record = this.subscriptions.get(id);
    if (record && record.expiresAt <= Date.now()) {
      this.remove(id);
      return undefined;
    }
    return record;
  }

  all(): SubscriptionRecord[] {
    return [...this.subscriptions.keys()].map((id) => this.get(id)).filter((s) => s !== undefined);
  }

  countFor(applicationId: string, key: string): number {
    return this.all().filter((s) => s.applicationId === applicationId && s.key === key).length;
  }

  /** New expiry (PATCH): renewing also reauthorizes. */
  renew(record: SubscriptionRecord, expiresAt: number): void {
    record.expiresAt = expiresAt;
    this.reauthorize(record);
    this.schedule(record);
  }

  reauthorize(record: SubscriptionRecord): void {
    record.reauthorizationRequired = false;
    record.paused = false;
  }

  remove(id: string): boolean {
    const timers = this.timers.get(id);
    clearTimeout(timers?.expiry);
    clearTimeout(timers?.reauthorization);
    this.timers.delete(id);
    return this.subscriptions.delete(id);
  }

  clear(): void {
    for (const id of [...this.subscriptions.keys()]) this.remove(id);
    this.deliverer.reset();
    this.validations.length = 0;
  }

  /**
   * Graph removed every subscription (the data they watched is gone): each subscriber is
   * told with `subscriptionRemoved`, as Graph does, instead of being left to wait for
   * notifications that will never come.
   */
  removeAll(): void {
    for (const record of [...this.subscriptions.values()]) this.lifecycle(record, "subscriptionRemoved");
  }

  resetSettings(): void {
    this.settings = defaultSubscriptionSettings();
  }

  /**
   * Sends a lifecycle event (to the lifecycle URL, if the subscription has one: Graph sends
   * none otherwise). `subscriptionRemoved` deletes the subscription; an on-demand
   * `reauthorizationRequired` stops its change notifications until reauthorize or PATCH.
   */
  lifecycle(record: SubscriptionRecord, event: LifecycleEvent, options: { pause?: boolean } = {}): boolean {
    if (event === "reauthorizationRequired") {
      record.reauthorizationRequired = true;
      if (options.pause) record.paused = true;
    }
    // The item is built before removal so it carries the subscription as it was.
    const item = lifecycleItem(record, event);
    if (event === "subscriptionRemoved") this.remove(record.id);
    const url = record.lifecycleNotificationUrl;
    if (!url) return false;
    this.deliverer.send({
      subscription: record,
      kind: "lifecycle",
      event,
      url,
      body: { value: [item] },
      // Removal is the point of subscriptionRemoved: it is still delivered.
      isLive: () => event === "subscriptionRemoved" || this.subscriptions.has(record.id),
    });
    return true;
  }

  /** A message was created or changed: notify every live, matching subscription. */
  notify(change: MessageChange): void {
    for (const record of this.all()) {
      if (!matches(record, change)) continue;
      if (record.paused) {
        // Graph: notifications for changes while delivery is paused are lost.
        record.counters.dropped += 1;
        continue;
      }
      if (record.dropNext > 0) {
        record.dropNext -= 1;
        record.counters.dropped += 1;
        if (record.dropNext === 0) this.lifecycle(record, "missed");
        continue;
      }
      this.deliverer.send({
        subscription: record,
        kind: "notification",
        event: change.changeType,
        messageId: change.messageId,
        url: record.notificationUrl,
        body: { value: [notificationItem(record, change)] },
        isLive: () => this.subscriptions.has(record.id),
        onGiveUp: () => {
          if (this.subscriptions.has(record.id)) this.lifecycle(record, "missed");
        },
      });
    }
  }

  private schedule(record: SubscriptionRecord): void {
    const timers = this.timers.get(record.id) ?? {};
    clearTimeout(timers.expiry);
    clearTimeout(timers.reauthorization);
    const now = Date.now();
    timers.expiry = unref(setTimeout(() => this.get(record.id), Math.max(0, record.expiresAt - now) + 1));
    const lead = this.settings.reauthorizationLeadSeconds;
    timers.reauthorization = undefined;
    // A subscription shorter than the lead time is asked at once: its whole life is "shortly before expiry".
    if (lead !== null && record.lifecycleNotificationUrl) {
      const at = record.expiresAt - lead * 1000;
      timers.reauthorization = unref(
        setTimeout(
          () => {
            const live = this.get(record.id);
            // Graph keeps delivering for a while after asking; the subscription lapses at expiry anyway.
            if (live && !live.reauthorizationRequired) this.lifecycle(live, "reauthorizationRequired");
          },
          Math.max(0, at - now),
        ),
      );
    }
    this.timers.set(record.id, timers);
  }
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
  timer.unref();
  return timer;
}
