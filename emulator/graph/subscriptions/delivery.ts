/**
 * Posting notifications the way Graph does (change-notifications-delivery-webhooks):
 * `POST {url}` with `Content-Type: application/json; charset=utf-8` and a
 * changeNotificationCollection `{ value: [ … ] }`; an answer other than 2xx within 3 s is a
 * failure and the notification is sent again later (Graph keeps trying for up to 4 hours;
 * the emulator's retry delays are a setting). A 2xx is never resent. A notification is
 * queued (and logged) synchronously by the write that caused it; every attempt runs after
 * that request, never inside it, and is logged for the control API.
 */
import type { SubscriptionRecord } from "./record";
import type { SubscriptionSettings } from "./settings";

export interface DeliveryLogEntry {
  at: string;
  subscriptionId: string;
  kind: "notification" | "lifecycle";
  /** changeType of a notification, lifecycleEvent of a lifecycle notification. */
  event: string;
  /** The message id a notification is about. */
  messageId?: string;
  attempt: number;
  outcome: "queued" | "delivered" | "failed" | "dropped" | "held";
  status?: number;
  error?: string;
}

export interface DeliveryJob {
  subscription: SubscriptionRecord;
  kind: "notification" | "lifecycle";
  event: string;
  messageId?: string;
  url: string;
  body: unknown;
  /** False once the subscription is gone: retries stop. */
  isLive: () => boolean;
  /** Called once when the last retry failed too. */
  onGiveUp?: () => void;
}

const MAX_LOG = 500;

export class Deliverer {
  readonly log: DeliveryLogEntry[] = [];
  private held: DeliveryJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Bumped by reset: loops of an older generation stop. */
  private generation = 0;

  constructor(private readonly settings: () => SubscriptionSettings) {}

  send(job: DeliveryJob): void {
    const mode = this.settings().deliveries;
    if (mode === "drop" && job.kind === "notification") {
      job.subscription.counters.dropped += 1;
      this.record(job, 0, "dropped", { error: "deliveries are switched to drop" });
      return;
    }
    // Paused holds every delivery, lifecycle events included: a test that counts what the
    // app stored must see nothing of Graph's own meanwhile (automatic reauthorizationRequired).
    if (mode === "paused") {
      this.held.push(job);
      this.record(job, 0, "held");
      return;
    }
    // Logged at once (so a test can see what a write caused), posted after the current request.
    this.record(job, 0, "queued");
    const generation = this.generation;
    this.track(new Promise<void>((resolve) => setImmediate(() => void this.run(job, generation).finally(resolve))));
  }

  /** Sends what was held while deliveries were paused. */
  release(): number {
    const jobs = this.held;
    this.held = [];
    for (const job of jobs) if (job.isLive()) this.track(this.run(job, this.generation));
    return jobs.length;
  }

  /** Resolves once every delivery already started is done (retries included); held ones stay held. */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  get heldCount(): number {
    return this.held.length;
  }

  reset(): void {
    this.generation += 1;
    this.held = [];
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // Their retry sleeps were cleared with the timers: nothing is in flight any more.
    this.running.clear();
    this.log.length = 0;
  }

  private async run(job: DeliveryJob, generation: number): Promise<void> {
    const delays = this.settings().retryDelaysMs;
    for (let attempt = 1; ; attempt++) {
      if (generation !== this.generation || !job.isLive()) return;
      const result = await this.attempt(job);
      if (generation !== this.generation) return;
      const counters = job.subscription.counters;
      if (result.ok) {
        if (job.kind === "notification") counters.delivered += 1;
        else counters.lifecycleDelivered += 1;
        this.record(job, attempt, "delivered", { status: result.status });
        return;
      }
      if (job.kind === "notification") counters.failed += 1;
      else counters.lifecycleFailed += 1;
      this.record(job, attempt, "failed", { status: result.status, error: result.error });
      const delay = delays[attempt - 1];
      if (delay === undefined) {
        if (job.kind === "notification") counters.dropped += 1;
        job.onGiveUp?.();
        return;
      }
      await this.sleep(delay);
    }
  }

  private async attempt(job: DeliveryJob): Promise<{ ok: boolean; status?: number; error?: string }> {
    try {
      const response = await fetch(job.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(job.body),
        redirect: "manual",
        signal: AbortSignal.timeout(this.settings().deliveryTimeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { ok: response.status >= 200 && response.status < 300, status: response.status };
    } catch (error) {
      const timeout = error instanceof Error && error.name === "TimeoutError";
      return { ok: false, error: timeout ? `no answer within ${this.settings().deliveryTimeoutMs} ms` : String(error) };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.timers.add(timer);
    });
  }

  private record(
    job: DeliveryJob,
    attempt: number,
    outcome: DeliveryLogEntry["outcome"],
    extra: { status?: number; error?: string } = {},
  ): void {
    this.log.push({
      at: new Date().toISOString(),
      subscriptionId: job.subscription.id,
      kind: job.kind,
      event: job.event,
      ...(job.messageId ? { messageId: job.messageId } : {}),
      attempt,
      outcome,
      ...extra,
    });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }
}
