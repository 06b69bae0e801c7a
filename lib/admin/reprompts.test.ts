import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "./testing";

type Db = Awaited<ReturnType<typeof openTestDatabase>>["db"];
let db: Db;
let close: () => Promise<void>;
let requestReprompts: typeof import("./request-reprompts").requestReprompts;
let cancelReprompt: typeof import("./cancel-reprompt").cancelReprompt;
let listUsers: typeof import("./list-users").listUsers;
let findPendingReprompt: typeof import("@/lib/connections/pending-reprompt").findPendingReprompt;
let saveMapping: typeof import("@/lib/connections/save-mapping").saveMapping;

let admin: { id: string; email: string };
let megan: { id: string; email: string };
let alex: { id: string; email: string };

const open = (userId: string) =>
  db.repromptRequest.findMany({ where: { userId, completedAt: null, cancelledAt: null } });
const audits = (action: string, targetUserId: string) =>
  db.auditLog.findMany({ where: { action, targetUserId }, orderBy: { at: "asc" } });

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  ({ requestReprompts } = await import("./request-reprompts"));
  ({ cancelReprompt } = await import("./cancel-reprompt"));
  ({ listUsers } = await import("./list-users"));
  ({ findPendingReprompt } = await import("@/lib/connections/pending-reprompt"));
  ({ saveMapping } = await import("@/lib/connections/save-mapping"));
  const pick = ({ id, email }: { id: string; email: string }) => ({ id, email });
  admin = pick(await db.user.create({ data: { name: "Ada Admin", email: "admin@example.com", role: "admin" } }));
  megan = pick(await db.user.create({ data: { name: "Megan Bowen", email: "megan@example.com" } }));
  alex = pick(await db.user.create({ data: { name: "Alex Wilber", email: "alex@example.com" } }));
});
afterAll(() => close?.());

describe("re-prompt requests", () => {
  it("creates one open request per user with the default reason, audited with the actor", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await requestReprompts(admin, [megan.id, alex.id, megan.id, unknown], "consent")).toBe(2);
    const [request] = await open(megan.id);
    expect(request).toMatchObject({
      prompt: "consent",
      requestedById: admin.id,
      reason: expect.stringMatching(/approve/),
    });
    expect(await open(alex.id)).toHaveLength(1);
    const [entry] = await audits("reprompt.requested", megan.id);
    expect(entry).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      targetEmail: megan.email,
      details: { prompt: "consent" },
    });
    const page = await listUsers({ status: "reprompt_pending" });
    expect(page.rows.map((r) => [r.name, r.pendingReprompt?.prompt])).toEqual([
      ["Alex Wilber", "consent"],
      ["Megan Bowen", "consent"],
    ]);
  });

  it("replaces an open request instead of adding a second one", async () => {
    await requestReprompts(admin, [megan.id], "login", "  Confirm it is still you.  ");
    const requests = await open(megan.id);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ prompt: "login", reason: "Confirm it is still you." });
    // The user side (banner, Connect session) picks the replacement.
    expect(await findPendingReprompt(megan.id)).toMatchObject({ prompt: "login" });
    const entries = await audits("reprompt.requested", megan.id);
    expect(entries).toHaveLength(2);
    expect(entries[1]?.details).toMatchObject({ prompt: "login", replaced: { prompt: "consent" } });
  });

  it("cancels a pending request once, audited", async () => {
    expect(await cancelReprompt(admin, alex.id)).toBe(true);
    expect(await open(alex.id)).toEqual([]);
    expect(await findPendingReprompt(alex.id)).toBeNull();
    expect(await cancelReprompt(admin, alex.id)).toBe(false);
    const entries = await audits("reprompt.cancelled", alex.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorEmail: admin.email, details: { prompt: "consent" } });
    await expect(cancelReprompt(admin, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("is completed only by a connection made through a session that carried its prompt", async () => {
    const save = (connectionId: string) =>
      saveMapping({
        user: megan,
        account: {
          connectionId,
          endUserId: megan.id,
          tenantId: "t1",
          personal: false,
          scopes: ["User.Read"],
          email: null,
          name: null,
          authFailed: false,
        },
        source: "connect_event",
      });
    // A Connect session opened before the request (or without its prompt) does not complete it.
    await save("conn-megan-before");
    expect(await findPendingReprompt(megan.id)).not.toBeNull();
    // What createConnectSessionFor records when it sends the request's prompt to Microsoft.
    const pending = await findPendingReprompt(megan.id);
    await db.repromptRequest.update({ where: { id: pending!.id }, data: { promptedAt: new Date() } });
    await save("conn-megan");
    expect(await findPendingReprompt(megan.id)).toBeNull();
    const [completed] = await audits("reprompt.completed", megan.id);
    expect(completed?.details).toMatchObject({ prompt: "login", source: "connect_event" });
  });
});
