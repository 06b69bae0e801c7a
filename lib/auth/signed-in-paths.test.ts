import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { needsSignIn, SIGNED_IN_SECTIONS } from "./signed-in-paths";

describe("signed-in sections", () => {
  it("lists every folder of app/(app)", () => {
    const folders = fs
      .readdirSync(path.resolve(import.meta.dirname, "../../app/(app)"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `/${entry.name}`)
      .sort();
    expect([...SIGNED_IN_SECTIONS]).toEqual(folders);
  });

  it("covers a section and what is under it, not a public page or a look-alike", () => {
    for (const p of ["/dashboard", "/teams/t1/channels/c1", "/admin/audit", "/chats/19:x@thread.v2"])
      expect(needsSignIn(p)).toBe(true);
    for (const p of ["/", "/signin", "/tenant-consent", "/dashboards", "/api/me", "/teamsx"])
      expect(needsSignIn(p)).toBe(false);
  });
});
