/**
 * Outgoing auth webhooks, delivered the way Nango's `deliver()` does: body serialised with
 * sorted keys, signed twice (HMAC-SHA256 and the legacy SHA256(key+body)), 20 s timeout,
 * retried on 5xx and network errors after 3 s and 6 s (3 s · 2^n), never on 4xx.
 *
 * Like Nango (`void sendAuthWebhook(...)`), every delivery is fire-and-forget and
 * independent of the others: a retried `refresh` failure can reach the receiver after a
 * later `override`. Nothing orders them. Tests force an order by pausing (deliveries are
 * then held) and releasing chosen ids one after another.
 *
 * Per environment, `creation` and `refresh` webhooks are only sent when the
 * `on_auth_creation` / `on_auth_refresh_error` flags are on (Nango: `shouldSend` in
 * packages/webhooks/lib/utils.ts; both off by default there, on here because the setup
 * guide tells operators to enable them); `override` is always sent.
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
  /** The connection the webhook is about (informational: deliveries are not ordered by it). */
  key: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  /** `held`: created while paused, waiting for resume or an explicit release. */
  state: "pending" | "held" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
  createdAt: string;
  replayOf?: string;
}

export interface WebhookFlags {
  onAuthCreation: boolean;
  onAuthRefreshError: boolean;
}

interface WebhookState {
  nextId: number;
  paused: boolean;
  flags: WebhookFlags;
  deliveries: Delivery[];
}

export interface WebhookSettings {
  /** Retries after the first attempt (Nango: 2). */
  retries: number;
  /** Backoff base; Nango waits 3000 · 2^attempt ms (3 s, then 6 s). Tests shrink it. */
  retryBaseMs: number;
  timeoutMs: number;
}

const MAX_KEPT = 1000;
export const DEFAULT_WEBHOOK_FLAGS: WebhookFlags = { onAuthCreation: true, onAuthRefreshError: true };

export function signBody(body: string, key: string) {
  return {
    "X-Nango-Hmac-Sha256": crypto.createHmac("sha256", key).update(body).digest("hex"),
    "X-Nango-Signature": crypto.createHash("sha256").update(`${key}${body}`).digest("hex"),
  };
}

export class WebhookDispatcher {
  readonly settings: WebhookSettings = { retries: 2, retryBaseMs: 3000, timeoutMs: 20_000 };
  private readonly section;
  private readonly inFlight = new Set<string>();
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly config: EmulatorConfig,
    store: Store,
  ) {
    this.section = store.section<WebhookState>("nangoWebhooks", () => ({
      nextId: 1,
      paused: false,
      flags: { ...DEFAULT_WEBHOOK_FLAGS },
      deliveries: [],
    }));
    // Deliveries left pending by a crash survive restarts.
    queueMicrotask(() => {
      for (const delivery of this.state.deliveries) if (delivery.state === "pending") this.start(delivery);
    });
  }

  get state(): WebhookState {
    return this.section.data;
  }

  get flags(): WebhookFlags {
    this.state.flags ??= { ...DEFAULT_WEBHOOK_FLAGS };
    return this.state.flags;
  }

  setFlags(flags: Partial<WebhookFlags>): WebhookFlags {
    Object.assign(this.flags, flags);
    this.section.changed();
    return this.flags;
  }

  /**
   * Sends an auth webhook body (serialised here so signing covers the exact bytes sent),
   * unless the environment's flags say Nango would not send it.
   */
  send(key: string, payload: { operation?: string }): Delivery | undefined {
    if (payload.operation === "creation" && !this.flags.onAuthCreation) return undefined;
    if (payload.operation === "refresh" && !this.flags.onAuthRefreshError) return undefined;
    return this.enqueue({ key, body: stableStringify(payload) });
  }

  replay(id: string): Delivery | undefined {
    const original = this.find(id);
    if (!original) return undefined;
    return this.enqueue({ key: original.key, body: original.body, replayOf: original.id });
  }

  find(id: string): Delivery | undefined {
    return this.state.deliveries.find((d) => d.id === id);
  }

  /** Paused: new deliveries are held. Resuming starts every held delivery at once, unordered. */
  setPaused(paused: boolean): void {
    this.state.paused = paused;
    this.section.changed();
    if (!paused) for (const delivery of this.state.deliveries) if (delivery.state === "held") this.start(delivery);
    this.notifyIdle();
  }

  /**
   * Delivers the given held deliveries strictly in this order, each (retries included)
   * finished before the next starts. Others stay held. Resolves when the last is done.
   */
  async release(ids: string[]): Promise<Delivery[]> {
    const chosen = ids.map((id) => {
      const delivery = this.find(id);
      if (!delivery) throw new Error(`unknown delivery ${id}`);
      if (delivery.state !== "held") throw new Error(`delivery ${id} is ${delivery.state}, not held`);
      return delivery;
    });
    for (const delivery of chosen) {
      delivery.state = "pending";
      this.inFlight.add(delivery.id);
    }
    try {
      for (const delivery of chosen) await this.deliver(delivery);
    } finally {
      for (const delivery of chosen) this.inFlight.delete(delivery.id);
      this.notifyIdle();
    }
    return chosen;
  }

  /** Resolves once nothing is in flight (held deliveries don't count). */
  whenIdle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
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
      state: this.state.paused ? "held" : "pending",
      attempts: [],
      createdAt: new Date().toISOString(),
      ...(input.replayOf ? { replayOf: input.replayOf } : {}),
    };
    this.state.deliveries.push(delivery);
    if (this.state.deliveries.length > MAX_KEPT)
      this.state.deliveries.splice(0, this.state.deliveries.length - MAX_KEPT);
    this.section.changed();
    if (delivery.state === "pending") this.start(delivery);
    return delivery;
  }

  private start(delivery: Delivery): void {
    delivery.state = "pending";
    this.inFlight.add(delivery.id);
    void this.deliver(delivery).finally(() => {
      this.inFlight.delete(delivery.id);
      this.notifyIdle();
    });
  }

  private notifyIdle(): void {
    if (this.inFlight.size > 0) return;
    for (const resolve of this.idle) resolve();
    this.idle.clear();
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
