import "server-only";
import { AppError } from "@/lib/errors";
import { getRecentChats } from "@/lib/graph/chats";
import { type DashboardReads, RECENT_CHATS, recheckPresenceAndRecentChats } from "@/lib/graph/dashboard";
import { getMyPresence } from "@/lib/graph/presence";
import type { ChatSummary } from "@/lib/graph/types";
import { logger } from "@/lib/logger";
import { liveBus } from "./bus";
import { forgetTopic } from "./fetch-change";
import type { LiveEvent } from "./events";
import { startLiveUpkeep } from "./maintain";
import { ensureSubscription, touchSubscriptions, WANTED_TOUCH_MS } from "./subscriptions";
import { topicKey, type MessageTopic, type Topic } from "./topics";

const HEARTBEAT_MS = 20_000;
/** How often an open dashboard checks for what Graph cannot notify with a delegated token (a new chat, presence). */
const DASHBOARD_CHECK_MS = 30_000;
/** The dashboard follows its newest chats' messages through subscriptions. */
const DASHBOARD_FOLLOWS = 5;
/** Streams one user may hold open on one instance (tabs); more is a runaway client. */
const MAX_STREAMS_PER_USER = 8;
/** Browsers reconnect this soon after a drop (EventSource `retry`). */
const RECONNECT_MS = 2_000;

const open = ((globalThis as { __liveStreams?: Map<string, number> }).__liveStreams ??= new Map());

const chatsSignature = (chats: ChatSummary[]) =>
  chats.map((chat) => `${chat.id}@${chat.lastMessage?.at ?? ""}`).join(",");

/**
 * The live stream of one signed-in user (Server-Sent Events): events of the topics the
 * page asked for, and of nobody else. Subscriptions are made on demand, kept wanted while
 * the stream is open, and left to lapse after it closes. The browser's EventSource
 * reconnects by itself; each new stream starts with a `status` event, on which the page
 * reads again what it may have missed.
 */
export function openLiveStream(userId: string, topics: Topic[], signal: AbortSignal): Response {
  if ((open.get(userId) ?? 0) >= MAX_STREAMS_PER_USER)
    throw new AppError("rate_limited", "Too many live pages open. Close some tabs and reload.", 5);
  startLiveUpkeep();
  const requested = new Set(topics.map(topicKey));
  const conversations = topics.filter((topic): topic is MessageTopic => topic.kind !== "dashboard");
  const dashboard = topics.some((topic) => topic.kind === "dashboard");
  /** Chats followed for the dashboard (not asked for by key): their events mean "chats changed". */
  const dashboardChats = new Map<string, MessageTopic>();
  const encoder = new TextEncoder();
  const cleanups: Array<() => void> = [];
  let closed = false;
  let stop = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const send = (event: LiveEvent) => write(`data: ${JSON.stringify(event)}\n\n`);
      const close = () => {
        if (closed) return;
        closed = true;
        for (const cleanup of cleanups) cleanup();
        open.set(userId, Math.max(0, (open.get(userId) ?? 1) - 1));
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      stop = close;
      open.set(userId, (open.get(userId) ?? 0) + 1);
      signal.addEventListener("abort", close, { once: true });

      // In order, each after this instance forgot what the change made stale in its own
      // cache (without Redis each instance has one): the page's next read is fresh here too.
      let queue = Promise.resolve();
      const relay = (event: LiveEvent, topic: string) =>
        (queue = queue
          .then(() => forgetTopic(userId, topic))
          .catch(() => undefined)
          .then(() => send(event)));
      cleanups.push(
        liveBus().subscribe(userId, (event) => {
          if (event.type === "resync") return send(event);
          if (!("topic" in event)) return;
          if (requested.has(event.topic)) return void relay(event, event.topic);
          if (dashboardChats.has(event.topic)) void relay({ type: "chats", topic: "dashboard" }, event.topic);
        }),
      );
      // A comment first: the response (and its headers) leaves now, not with the first event.
      write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
      const heartbeat = setInterval(() => write(": ping\n\n"), HEARTBEAT_MS);
      cleanups.push(() => clearInterval(heartbeat));

      const follow = async () => {
        const statuses = await Promise.all(
          conversations.map(async (topic) => [topicKey(topic), await ensureSubscription(userId, topic)] as const),
        );
        send({ type: "status", live: Object.fromEntries(statuses) });
      };
      void follow();
      const touch = setInterval(
        () => void touchSubscriptions(userId, [...conversations, ...dashboardChats.values()]).catch(() => undefined),
        WANTED_TOUCH_MS,
      );
      cleanups.push(() => clearInterval(touch));
      if (dashboard) cleanups.push(watchDashboard(userId, dashboardChats, send, () => closed));
    },
    // The browser went away (the request's signal may not fire for a streamed response).
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back until its buffer fills.
      "cache-control": "private, no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

type DashboardChecked = Pick<DashboardReads, "presence" | "chats">;

/** The recent chats and presence as the page's own reads return them (served from the cache when fresh). */
async function cachedDashboardChecked(userId: string): Promise<DashboardChecked> {
  const [chats, presence] = await Promise.allSettled([getRecentChats(userId, RECENT_CHATS), getMyPresence(userId)]);
  return {
    chats: chats.status === "fulfilled" ? chats.value : undefined,
    presence: presence.status === "fulfilled" ? presence.value : undefined,
  };
}

/**
 * The dashboard: the newest chats are followed through their own subscriptions; what
 * Graph has no delegated subscription for (a chat that is new, presence) is checked
 * every 30 s while the page is open (both in one `$batch`, and the page closes the stream
 * when hidden).
 */
function watchDashboard(
  userId: string,
  followed: Map<string, MessageTopic>,
  send: (event: LiveEvent) => void,
  isClosed: () => boolean,
): () => void {
  let chats = "";
  let presence = "";
  const check = async (read: () => Promise<DashboardChecked>) => {
    // A check that failed as a whole (Graph busy, the connection broken) changes nothing:
    // the next one asks again, and the page shows the connection's state itself.
    const { chats: recent, presence: mine } = await read().catch(() => ({}) as DashboardChecked);
    if (isClosed()) return;
    if (recent) {
      const signature = chatsSignature(recent);
      if (chats && signature !== chats) send({ type: "chats", topic: "dashboard" });
      chats = signature;
      const newest = recent.slice(0, DASHBOARD_FOLLOWS).map((chat) => ({ kind: "chat", chatId: chat.id }) as const);
      followed.clear();
      for (const topic of newest) followed.set(topicKey(topic), topic);
      await Promise.all(newest.map((topic) => ensureSubscription(userId, topic)));
    }
    if (mine) {
      const signature = `${mine.availability}|${mine.activity}`;
      if (presence && signature !== presence) send({ type: "presence", topic: "dashboard", presence: mine });
      presence = signature;
    }
  };
  const failed = (error: unknown) => logger.warn("live dashboard check failed", { error });
  // First what the page was just rendered from (cached), then both again in one $batch.
  void check(() => cachedDashboardChecked(userId)).catch(failed);
  const timer = setInterval(
    () => void check(() => recheckPresenceAndRecentChats(userId)).catch(failed),
    DASHBOARD_CHECK_MS,
  );
  return () => clearInterval(timer);
}
