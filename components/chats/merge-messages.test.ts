import { describe, expect, it } from "vitest";
import type { MessageView } from "@/lib/graph/types";
import { mergeNewestPage } from "./merge-messages";

const message = (id: string, at: string, extra: Partial<MessageView> = {}): MessageView => ({
  id,
  from: "Farah Okafor",
  fromId: null,
  createdAt: `2026-12-02T10:${at}:00.000Z`,
  subject: null,
  html: `<p>${id}</p>`,
  isDeleted: false,
  isSystem: false,
  attachments: [],
  reactions: [],
  replies: [],
  ...extra,
});
const ids = (messages: MessageView[] | null) => (messages ?? []).map((m) => m.id);
const nothingNewer = () => false;

describe("mergeNewestPage", () => {
  it("takes what the read says for what it has, and keeps older pages and messages it lacks", () => {
    const shown = [message("new", "05"), message("b", "02", { html: "<p>old</p>" }), message("older", "01")];
    const page = [message("b", "02", { html: "<p>edited</p>" })];
    const merged = mergeNewestPage(shown, page, nothingNewer);
    expect(ids(merged)).toEqual(["new", "b", "older"]);
    expect(merged[1]!.html).toBe("<p>edited</p>");
  });

  it("keeps a reply that arrived while the read was under way (the read does not have it yet)", () => {
    const reply = message("r1", "04");
    const shown = [message("parent", "01", { replies: [reply] })];
    const stale = [message("parent", "01", { replies: [] })];
    expect(ids(mergeNewestPage(shown, stale, (id) => id === "r1")[0]!.replies)).toEqual(["r1"]);
    // Also when nothing marks it newer: a read never removes a reply (Graph keeps deleted ones, marked).
    expect(ids(mergeNewestPage(shown, stale, nothingNewer)[0]!.replies)).toEqual(["r1"]);
  });

  it("keeps a message or reply put in place after the read started as it is, not as the read saw it", () => {
    const liked = [{ type: "like", count: 1, names: ["You"], mine: true }];
    const shown = [message("m", "03", { reactions: liked, replies: [message("r", "04", { reactions: liked })] })];
    const stale = [message("m", "03", { replies: [message("r", "04")] })];
    const merged = mergeNewestPage(shown, stale, (id) => id === "m");
    expect(merged[0]!.reactions).toEqual(liked);
    const onlyReply = mergeNewestPage(shown, stale, (id) => id === "r");
    expect(onlyReply[0]!.reactions).toEqual([]);
    expect(onlyReply[0]!.replies![0]!.reactions).toEqual(liked);
  });

  it("shows the replies the read brought where the page had not loaded the thread", () => {
    const shown = [message("p", "01", { replies: null })];
    const page = [message("p", "01", { replies: [message("r", "02")] })];
    expect(ids(mergeNewestPage(shown, page, nothingNewer)[0]!.replies)).toEqual(["r"]);
    expect(mergeNewestPage(page, shown, nothingNewer)[0]!.replies).not.toBeNull();
  });
});
