import type { ReactionView } from "@/lib/graph/types";

/** The reactions the app can set (Graph's reactionType names), as Teams shows them. */
export const REACTIONS = [
  { type: "like", emoji: "👍", name: "Like" },
  { type: "heart", emoji: "❤️", name: "Heart" },
  { type: "laugh", emoji: "😆", name: "Laugh" },
  { type: "surprised", emoji: "😮", name: "Surprised" },
  { type: "sad", emoji: "😢", name: "Sad" },
  { type: "angry", emoji: "😡", name: "Angry" },
] as const;

export type ReactionType = (typeof REACTIONS)[number]["type"];

export const isSettable = (type: string): type is ReactionType => REACTIONS.some((r) => r.type === type);

/** Graph's name (`like`) as its emoji; other reactions already are one (Graph sends the emoji itself). */
export const reactionEmoji = (type: string): string => REACTIONS.find((r) => r.type === type)?.emoji ?? type;

/** Who reacted, in words: "Megan Bowen, Alex Wilber and 1 more" (Graph may not name everyone). */
export function reactionPeople(reaction: ReactionView): string {
  const named = reaction.names.slice(0, reaction.count);
  const others = reaction.count - named.length;
  if (named.length === 0) return others === 1 ? "1 person" : `${others} people`;
  return others > 0 ? `${named.join(", ")} and ${others} more` : named.join(", ");
}

/** "👍 2: Megan Bowen, Alex Wilber". */
export const reactionLabel = (reaction: ReactionView): string =>
  `${reactionEmoji(reaction.type)} ${reaction.count}: ${reactionPeople(reaction)}`;

/** How the server names the viewer among those who reacted. */
const ME = "You";

/** The reactions with the viewer's own reaction of `type` set (`mine`) or unset. */
export function setMine(reactions: ReactionView[], type: string, mine: boolean): ReactionView[] {
  const me = ME;
  const existing = reactions.find((r) => r.type === type);
  if ((existing?.mine ?? false) === mine) return reactions;
  if (!existing) return [...reactions, { type, count: 1, names: [me], mine: true }];
  if (mine)
    return reactions.map((r) => (r === existing ? { ...r, count: r.count + 1, names: [...r.names, me], mine } : r));
  if (existing.count <= 1) return reactions.filter((r) => r !== existing);
  const at = existing.names.lastIndexOf(me);
  const names = at === -1 ? existing.names : existing.names.filter((_, i) => i !== at);
  return reactions.map((r) => (r === existing ? { ...r, count: r.count - 1, names, mine } : r));
}

/** The server's reactions with the viewer's changes not yet confirmed (or kept after) applied on top. */
export function withChanges(reactions: ReactionView[], changes: Record<string, boolean>): ReactionView[] {
  return Object.entries(changes).reduce((current, [type, mine]) => setMine(current, type, mine), reactions);
}
