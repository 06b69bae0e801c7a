import { describe, expect, it } from "vitest";
import type { ReactionView } from "@/lib/graph/types";
import { reactionLabel, setMine, withChanges } from "./reactions";

const like: ReactionView = { type: "like", count: 2, names: ["You", "Alex Wilber"], mine: true };

describe("reactions", () => {
  it("labels a reaction with its emoji, count and who", () => {
    expect(reactionLabel({ ...like, names: ["Megan Bowen", "Alex Wilber"] })).toBe("👍 2: Megan Bowen, Alex Wilber");
    expect(reactionLabel({ type: "heart", count: 3, names: ["Lee Gu"], mine: false })).toBe("❤️ 3: Lee Gu and 2 more");
    expect(reactionLabel({ type: "💯", count: 1, names: [], mine: false })).toBe("💯 1: 1 person");
  });

  it("sets and unsets the viewer's own reaction", () => {
    const removed = setMine([like], "like", false);
    expect(removed).toEqual([{ type: "like", count: 1, names: ["Alex Wilber"], mine: false }]);
    expect(setMine(removed, "like", true)).toEqual([
      { type: "like", count: 2, names: ["Alex Wilber", "You"], mine: true },
    ]);
    expect(setMine([], "laugh", true)).toEqual([{ type: "laugh", count: 1, names: ["You"], mine: true }]);
    expect(setMine([{ type: "sad", count: 1, names: ["Megan Bowen"], mine: true }], "sad", false)).toEqual([]);
    // Already as asked: unchanged.
    expect(setMine([like], "like", true)).toEqual([like]);
  });

  it("applies changes on top of what the server says, and stops mattering once the server agrees", () => {
    const server: ReactionView[] = [{ type: "like", count: 1, names: ["Alex Wilber"], mine: false }];
    const shown = withChanges(server, { like: true, heart: true });
    expect(shown).toEqual([
      { type: "like", count: 2, names: ["Alex Wilber", "You"], mine: true },
      { type: "heart", count: 1, names: ["You"], mine: true },
    ]);
    expect(withChanges(shown, { like: true, heart: true })).toEqual(shown);
  });
});
