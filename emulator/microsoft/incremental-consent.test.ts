// Asking for write scopes later: user-consentable where the tenant allows it, a consent page
// for just the new ones, and a token (and Nango connection) with the union of granted scopes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../data/demo-accounts";
import { KEY, setup } from "../nango/test/fixture";
import { connectViaPopup, getConnection } from "../nango/test/oauth-flow";
import { ADMIN_ONLY_SCOPES, LOW_IMPACT_SCOPES } from "./scopes";
import { ctxOf, heading, TestBrowser } from "./test-browser";

const WRITE = ["Chat.ReadWrite", "ChatMessage.Send", "ChannelMessage.Send", "User.ReadBasic.All", "People.Read"];
const READ = "offline_access,User.Read,Chat.Read";

let t: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  t = await setup();
});
afterAll(async () => t.close());

const listed = (html: string) =>
  [
    ...(/<ul aria-label="Requested permissions">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "").matchAll(
      /\(([^)]+)\)<\/span>/g,
    ),
  ].map((match) => match[1]);

describe("write scopes and incremental consent", () => {
  it("are user-consentable, not admin-only nor low-impact", () => {
    for (const scope of WRITE) {
      expect(ADMIN_ONLY_SCOPES.has(scope)).toBe(false);
      expect(LOW_IMPACT_SCOPES.has(scope)).toBe(false);
    }
  });

  it("a reconnect with oauth_scopes_override asks consent for just the new scopes; the token has them all", async () => {
    const browser = new TestBrowser();
    const first = await t.nango.createConnectSession({
      end_user: { id: "u-incremental" },
      integrations_config_defaults: { [KEY]: { connection_config: { oauth_scopes_override: READ } } },
    });
    const connected = await connectViaPopup(t.emulator, first.data.token, A.alex.email, browser);
    expect(connected.message.message_type).toBe("success");

    const again = await t.nango.createReconnectSession({
      connection_id: connected.connectionId,
      integration_id: KEY,
      integrations_config_defaults: {
        [KEY]: { connection_config: { oauth_scopes_override: [READ, ...WRITE].join(",") } },
      },
    });
    const start = await fetch(
      `${t.emulator.origins.nango}/oauth/connect/${KEY}?connect_session_token=${again.data.token}`,
      {
        redirect: "manual",
      },
    );
    // Alex is still signed in: straight to the consent page, which lists only what is new.
    const consent = await browser.request(start.headers.get("location")!);
    const html = await consent.text();
    expect(heading(html)).toBe("Permissions requested");
    expect(listed(html)).toEqual(WRITE);
    const accepted = await browser.post(`${t.emulator.origins.login}/common/Consent/Set`, {
      ctx: ctxOf(html),
      decision: "accept",
    });
    const callback = await fetch(accepted.headers.get("location")!);
    expect(callback.status).toBe(200);

    const connection = (await getConnection(t.emulator, connected.connectionId)) as {
      credentials: { raw: { scope: string } };
    };
    const granted = connection.credentials.raw.scope
      .split(" ")
      .map((s) => s.replace("https://graph.microsoft.com/", ""));
    // Contoso's tenant-wide grant (ChannelMessage.Read.All) comes with every token too.
    expect(granted).toEqual(expect.arrayContaining(["User.Read", "Chat.Read", "ChannelMessage.Read.All", ...WRITE]));

    // prompt=consent lists every requested scope again.
    const forced = await t.nango.createReconnectSession({
      connection_id: connected.connectionId,
      integration_id: KEY,
      integrations_config_defaults: {
        [KEY]: { authorization_params: { prompt: "consent" }, connection_config: { oauth_scopes_override: READ } },
      },
    });
    const redo = await fetch(
      `${t.emulator.origins.nango}/oauth/connect/${KEY}?connect_session_token=${forced.data.token}`,
      {
        redirect: "manual",
      },
    );
    const all = await (await browser.request(redo.headers.get("location")!)).text();
    expect(listed(all)).toEqual(["offline_access", "User.Read", "Chat.Read"]);
  });
});
