/**
 * What the live stream tells a page (Server-Sent Events, one JSON object per event). Types
 * only: client components import it. `topic` is a topic key (lib/live/topic-key.ts).
 */
import type { MessageView, PresenceView } from "@/lib/graph/types";

export type LiveEvent =
  /** A new or changed message (a reply when `parentId` is set) in a followed conversation. */
  | { type: "message"; topic: string; message: MessageView; parentId?: string }
  /** A message was deleted. */
  | { type: "deleted"; topic: string; messageId: string; parentId?: string }
  /**
   * Something changed that the event does not carry (a notification was missed, an event
   * too large for the fan-out): read the conversation's newest page again.
   */
  | { type: "changed"; topic: string }
  /** The dashboard's recent chats changed order or content. */
  | { type: "chats"; topic: "dashboard" }
  | { type: "presence"; topic: "dashboard"; presence: PresenceView }
  /**
   * Whether each requested topic is followed live (false: Graph refused a subscription;
   * the page stays a snapshot). Sent when the stream opens and when it changes.
   */
  | { type: "status"; live: Record<string, boolean> }
  /** Fan-out was interrupted: events may have been lost, catch up by reading again. */
  | { type: "resync" };
