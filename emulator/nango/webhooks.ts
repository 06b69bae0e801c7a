/**
 * Outgoing auth webhooks, delivered the way Nango's `deliver()` does: body serialised with
 * sorted keys, signed twice (HMAC-SHA256 and the legacy SHA256(key+body)), 20 s timeout,
 * retried on 5xx and network errors with 3 s · 2^n backoff (1 try + 2 retries by default).
 *
 * Deliveries are persisted and run asynchronously, one at a time per connection, so a
 * receiver sees `creation` before a later `override`. Tests can pause the queue, list
 * deliveries and replay one.
 */
import crypto from "node:crypto";
import type { EmulatorConfig } from "../core/config";
import type { Store } from "../core/store";
import { stableStringify } from "./stable-json";

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
}

export interface Delivery {
  id: string;
  /** Ordering key: deliveries with the same key go out strictly one after another. */
  key: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  state: "pending" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
  createdAt: string;
  replayOf?: string;
}

interface WebhookState {
  nextId: number;
  paused: boolean;
  deliveries: Delivery[];
}

export interface WebhookSettings {
  /** Retries after the first attempt (Nango: NANGO_WEBHOOK_RETRY_ATTEMPTS = 2). */
  retries: number;
  /** Backoff base; Nango waits 3000 · 2^attempt ms. Tests shrink it. */
  retryBaseMs: number;
  timeoutMs: number;
}

const MAX_KEPT = 1000;

export function signBody(body: string, key: string) {
  return {
    "X-Nango-Hmac-Sha256": crypto.createHmac("sha256", key).update(body).digest("hex"),
    "X-Nango-Signature": crypto.createHash("sha256").update(`${key}${body}`).digest("hex"),
  };
}

export class WebhookDispatcher {
  readonly settings: WebhookSettings = { retries: 2, retryBaseMs: 3000, timeoutMs: 20_000 };
  private readonly section;
  private readonly running = new Set<string>();
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly config: EmulatorConfig,
    store: Store,
  ) {
    this.section = store.section<WebhookState>("nangoWebhooks", () => ({ nextId: 1, paused: false, deliveries: [] }));
    // Deliveries left pending by a crash or a pause survive restarts.
    queueMicrotask(() => this.kick());
  }

  get state(): WebhookState {
    return this.section.data;
  }

  /** Queues a webhook body (an object; serialised here so signing covers the exact bytes sent). */
  send(key: string, payload: unknown): Delivery {
    const body = stableStringify(payload);
    return this.enqueue({ key, body });
  }

  replay(id: string): Delivery | undefined {
    const original = this.state.deliveries.find((d) => d.id === id);
    if (!original) return undefined;
    return this.enqueue({ key: original.key, body: original.body, replayOf: original.id });
  }

  setPaused(paused: boolean): void {
    this.state.paused = paused;
    this.section.changed();
    if (!paused) this.kick();
  }

  /** Resolves once nothing is pending or in flight (or the queue is paused). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private isIdle(): boolean {
    return this.running.size === 0 && (this.state.paused || !this.state.deliveries.some((d) => d.state === "pending"));
  }

  private enqueue(input: { key: string; body: string; replayOf?: string }): Delivery {
    const delivery: Delivery = {
      id: `wh_${this.state.nextId++}`,
      key: input.key,
      url: this.config.nango.webhookUrl,
      body: input.body,
      headers: {
        "content-type": "application/json",
        "user-agent": "Nango-Webhooks (emulator)",
        ...signBody(input.body, this.config.nango.webhookSigningKey),
      },
      state: "pending",
      attempts: [],
      createdAt: new Date().toISOString(),
      ...(input.replayOf ? { replayOf: input.replayOf } : {}),
    };
    this.state.deliveries.push(delivery);
    if (this.state.deliveries.length > MAX_KEPT) this.state.deliveries.splice(0, this.state.deliveries.length - MAX_KEPT);
    this.section.changed();
    this.kick();
    return delivery;
  }

  private kick(): void {
    if (this.state.paused) return this.notifyIdle();
    const keys = new Set(this.state.deliveries.filter((d) => d.state === "pending").map((d) => d.key));
    for (const key of keys) {
      if (this.running.has(key)) continue;
      this.running.add(key);
      void this.drain(key).finally(() => {
        this.running.delete(key);
        this.kick();
      });
    }
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idle) resolve();
    this.idle.clear();
  }

  private async drain(key: string): Promise<void> {
    for (;;) {
      if (this.state.paused) return;
      const next = this.state.deliveries.find((d) => d.key === key && d.state === "pending");
      if (!next) return;
      await this.deliver(next);
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const { retries, retryBaseMs, timeoutMs } = this.settings;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const record: DeliveryAttempt = { at: new Date().toISOString() };
      delivery.attempts.push(record);
      let retryable = false;
      try {
        const response = await fetch(delivery.url, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        record.status = response.status;
        if (response.ok) {
          delivery.state = "delivered";
          this.section.changed();
          return;
        }
        // Nango does not retry 3xx/4xx: the receiver said no.
        retryable = response.status >= 500;
      } catch (error) {
        record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        retryable = true;
      }
      this.section.changed();
      if (!retryable || attempt === retries) break;
      await new Promise((resolve) => setTimeout(resolve, retryBaseMs * 2 ** attempt));
    }
    delivery.state = "failed";
    this.section.changed();
  }
}
