/**
 * Turns what clients write (overlay changes: a message posted through the Graph routes or
 * by `post-as`, a reaction set or unset) into change notifications. They are queued by the
 * write itself (so the control API shows them as soon as the write answered) and posted
 * after it (delivery.ts).
 */
import type { DatasetHolder } from "../../data/registry";
import type { Overlay, OverlayChange } from "../writes/overlay";
import type { MessageChange } from "./payloads";
import type { SubscriptionRegistry } from "./registry";

export function watchOverlay(overlay: Overlay, registry: SubscriptionRegistry, datasets: DatasetHolder): void {
  overlay.onChange((change) => {
    const message = toMessageChange(change, datasets);
    if (message) registry.notify(message);
  });
}

function toMessageChange(change: OverlayChange, datasets: DatasetHolder): MessageChange | undefined {
  const [kind, first = "", second] = change.container.split("|");
  const { changeType, messageId } = change;
  if (kind === "chat") return { changeType, chatId: first, messageId };
  const team = datasets.current.channels.get(first)?.team;
  if (!team) return undefined;
  if (kind === "channel") return { changeType, teamId: team.id, channelId: first, messageId };
  if (kind === "replies") return { changeType, teamId: team.id, channelId: first, parentId: second, messageId };
  return undefined;
}
