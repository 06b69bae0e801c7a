// Creating subscriptions: Graph's rules and the validation handshake, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { graphSetup, meganChannel, WRITE_SCOPES, type GraphFixture } from "../test/fixture";
import { startReceiver, type Receiver } from "./test/receiver";
import { inMinutes, meganChat, subscribe, subscriptionBody } from "./test/setup";

let t: GraphFixture;
let receiver: Receiver;
beforeAll(async () => {
  t = await graphSetup();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});
beforeEach(async () => {
  receiver.validation = "echo";
  receiver.validations.length = 0;
  await t.emu.control("/graph/subscriptions/reset", {});
  await t.emu.control("/graph/subscriptions/settings", { reset: true });
});

const create = (body: Record<string, unknown>, token?: string) => t.graph("/subscriptions", { body, token });

describe("POST /subscriptions", () => {
  it("validates the endpoint with an encoded token, then answers 201 with the subscription", async () => {
    const { resource } = meganChat(t);
    const response = await create(subscriptionBody(receiver, resource));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      "@odata.context": expect.stringContaining("/$metadata#subscriptions/$entity"),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resource,
      changeType: "created,updated",
      clientState: "secret-client-state",
      notificationUrl: receiver.url("/notify"),
      lifecycleNotificationUrl: null,
      expirationDateTime: expect.stringMatching(/\.\d{7}Z$/),
      creatorId: t.userId(A.megan.email),
      applicationId: t.emu.context.config.nango.clientId,
      includeResourceData: false,
      latestSupportedTlsVersion: "v1_2",
      notificationContentType: "application/json",
    });
    const validation = receiver.validations.at(-1)!;
    expect(validation.contentType).toBe("text/plain; charset=utf-8");
    expect(validation.body).toBe("");
    // Spaces, `+`, `<` and `&` arrive percent-encoded and decode back to the token.
    expect(validation.rawQuery).toMatch(/%20.*%2B%3C%26$/);
    expect(validation.token).toMatch(/^Validation: .* \+<&$/);
    const read = await t.graph(`/subscriptions/${response.body.id}`);
    expect(read.body).toMatchObject({ id: response.body.id, resource });
    const list = await t.graph("/subscriptions");
    expect(list.body.value.map((s: { id: string }) => s.id)).toEqual([response.body.id]);
  });

  it.each([
    ["a 202 instead of 200", "status-202" as const],
    ["a wrong token", "wrong-token" as const],
    ["an HTML content type", "html" as const],
  ])("refuses creation when the endpoint answers with %s", async (_, mode) => {
    receiver.validation = mode;
    const response = await create(subscriptionBody(receiver, meganChat(t).resource));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: "ValidationError",
      message:
        "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
    });
    expect((await t.graph("/subscriptions")).body.value).toEqual([]);
  });

  it("refuses an endpoint slower than the validation limit, and one that doesn't listen", async () => {
    await t.emu.control("/graph/subscriptions/settings", { validationTimeoutMs: 200 });
    receiver.validation = { delayMs: 800 };
    const slow = await create(subscriptionBody(receiver, meganChat(t).resource));
    expect(slow.body.error.code).toBe("ValidationError");
    const closed = await create({
      ...subscriptionBody(receiver, meganChat(t).resource),
      notificationUrl: "http://127.0.0.1:9/x",
    });
    expect(closed.body.error.code).toBe("ValidationError");
    const log = (await t.emu.control("/graph/subscriptions/deliveries")) as { validations: Array<{ reason?: string }> };
    expect(log.validations.map((v) => v.reason)).toEqual([
      expect.stringContaining("no answer within 200 ms"),
      expect.stringContaining("unreachable"),
    ]);
  });

  it("validates the lifecycle URL too", async () => {
    const body = subscriptionBody(receiver, meganChat(t).resource, {
      lifecycleNotificationUrl: receiver.url("/lifecycle"),
    });
    expect((await create(body)).status).toBe(201);
    expect(receiver.validations.slice(-2).map((v) => v.path)).toEqual(["/notify", "/lifecycle"]);
  });

  it.each(["/chats", "chats/getAllMessages", "/teams/getAllMessages", "/users/{me}/chats/getAllMessages"])(
    "refuses the application-only resource %s to a delegated token",
    async (resource) => {
      const response = await create(subscriptionBody(receiver, resource.replace("{me}", t.userId(A.megan.email))));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("ExtensionError");
      expect(response.body.error.message).toContain("only with application permissions");
    },
  );

  it("refuses unknown resources, bad change types and non-https URLs with 400", async () => {
    const { resource } = meganChat(t);
    const unknown = await create(subscriptionBody(receiver, "/me/mailFolders('inbox')/messages"));
    expect(unknown.body.error).toMatchObject({ code: "InvalidRequest" });
    const badType = await create(subscriptionBody(receiver, resource, { changeType: "created,renamed" }));
    expect(badType.body.error).toMatchObject({ code: "ValidationError", message: expect.stringContaining("renamed") });
    const http = await create(subscriptionBody(receiver, resource, { notificationUrl: "http://example.com/notify" }));
    expect(http.body.error.message).toBe("The notificationUrl must use the HTTPS protocol.");
    const extra = await create({ ...subscriptionBody(receiver, resource), colour: "blue" });
    expect(extra.body.error).toMatchObject({ code: "BadRequest", message: expect.stringContaining("'colour'") });
    const missing = await create({ ...subscriptionBody(receiver, resource), expirationDateTime: undefined });
    expect(missing.body.error.message).toBe("expirationDateTime is a required property.");
    expect(receiver.validations).toHaveLength(0);
  });

  it("needs a lifecycle URL beyond one hour, and refuses past or too distant expiry", async () => {
    const { resource } = meganChat(t);
    const long = await create(subscriptionBody(receiver, resource, { expirationDateTime: inMinutes(61) }));
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe(
      "lifecycleNotificationUrl is a required property for subscription creation on this resource when the expirationDateTime value is set to greater than 1 hour.",
    );
    const lifecycle = { lifecycleNotificationUrl: receiver.url("/lifecycle") };
    const tooFar = await create(
      subscriptionBody(receiver, resource, { ...lifecycle, expirationDateTime: inMinutes(4400) }),
    );
    expect(tooFar.body.error.message).toBe("Subscription expiration can only be 4320 minutes in the future.");
    const past = await create(subscriptionBody(receiver, resource, { expirationDateTime: inMinutes(-1) }));
    expect(past.body.error.code).toBe("ValidationError");
    const ok = await create(
      subscriptionBody(receiver, resource, { ...lifecycle, expirationDateTime: inMinutes(4300) }),
    );
    expect(ok.status).toBe(201);
  });

  it("needs a certificate for includeResourceData", async () => {
    const response = await create(subscriptionBody(receiver, meganChat(t).resource, { includeResourceData: true }));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("encryptionCertificate is a required property");
  });

  it("refuses a chat the user is not in, a missing scope, and a second presence subscription", async () => {
    const dataset = t.dataset();
    const megan = t.userId(A.megan.email);
    const foreign = [...dataset.chats.values()].find(
      (c) => c.tenantId === dataset.users.get(megan)!.tenantId && !c.memberIds.includes(megan),
    )!;
    const notMember = await create(subscriptionBody(receiver, `/chats/${foreign.id}/messages`));
    expect(notMember.status).toBe(403);
    expect(notMember.body.error.message).toContain("not a member");

    const presence = subscriptionBody(receiver, `/communications/presences/${megan}`, { changeType: "updated" });
    const noScope = await create(presence);
    expect(noScope.status).toBe(403);
    expect(noScope.body.error.message).toContain("('Presence.Read.All') is missing");
    const token = await t.token(A.megan.email, `${WRITE_SCOPES} Presence.Read.All`);
    expect((await create(presence, token)).status).toBe(201);
    const second = await create(presence, token);
    expect(second.status).toBe(403);
    expect(second.body.error.message).toContain("maximum of 1 subscription");
  });

  it("accepts a channel the user is in; other users don't see the subscription", async () => {
    const { team, channel } = meganChannel(t);
    const created = await subscribe(t, receiver, `teams/${team.id}/channels/${channel.id}/messages`);
    const other = await t.token(otherMember(t, team.memberIds), WRITE_SCOPES);
    expect((await t.graph(`/subscriptions/${created.id}`, { token: other })).status).toBe(404);
    expect((await t.graph("/subscriptions", { token: other })).body.value).toEqual([]);
    expect((await t.graph(`/subscriptions/${created.id}`, { method: "DELETE", token: other })).status).toBe(404);
  });
});

function otherMember(t: GraphFixture, memberIds: string[]): string {
  const megan = t.userId(A.megan.email);
  return t.dataset().users.get(memberIds.find((id) => id !== megan)!)!.mail;
}

describe("reset and dataset switch", () => {
  it("forget every subscription", async () => {
    const first = await subscribe(t, receiver, meganChat(t).resource);
    await t.emu.control("/graph/dataset", { name: "demo" });
    expect((await t.graph(`/subscriptions/${first.id}`)).status).toBe(404);
    const second = await subscribe(t, receiver, meganChat(t).resource);
    await t.emu.control("/reset", {});
    t.forgetTokens();
    expect(((await t.emu.control("/graph/subscriptions")) as { subscriptions: unknown[] }).subscriptions).toEqual([]);
    expect((await t.graph(`/subscriptions/${second.id}`)).status).toBe(404);
  });
});
