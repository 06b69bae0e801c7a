/**
 * Two app instances on one PostgreSQL (issue 15): Graph delivers every notification to
 * instance A (as a load balancer might), Megan's browser is connected to instance B.
 * The message reaches her page through the database's LISTEN/NOTIFY fan-out. Runs on the
 * PostgreSQL pass (TEST_DATABASE_URL); the embedded database allows one instance only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_MEGAN } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import { ensureConnected } from "./support/connect-ui";
import { expect, test } from "./support/fixtures";
import { expectLive, markPage, expectNotReloaded, postAs, subscriptionFor } from "./support/live";
import { emulator, stack } from "./support/stack";

const onPostgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? "");
test.skip(!onPostgres, "two instances need PostgreSQL (set TEST_DATABASE_URL)");

const PORT_B = Number(stack.PORT) + 7;
const URL_B = `http://localhost:${PORT_B}`;
let instanceB: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  instanceB = spawn("node_modules/.bin/next", ["start", "--port", String(PORT_B)], {
    env: {
      ...process.env,
      ...stack,
      NODE_ENV: "production",
      PORT: String(PORT_B),
      APP_URL: URL_B,
      // Graph reaches the fleet at instance A's address.
      GRAPH_NOTIFICATION_URL: stack.APP_URL,
    },
    stdio: "ignore",
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const up = await fetch(`${URL_B}/signin`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || instanceB.exitCode !== null) throw new Error("instance B did not start");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(() => {
  instanceB?.kill("SIGTERM");
});

test("a message delivered to instance A appears in Megan's page on instance B", async ({ browser }) => {
  test.setTimeout(90_000);
  const { imageSeeds } = await emulator<{ imageSeeds: { chat: { chatId: string; otherMemberEmail: string } } }>(
    "/graph/dataset",
  );
  const { chatId, otherMemberEmail } = imageSeeds.chat;
  const context = await browser.newContext({ baseURL: URL_B });
  try {
    const page = await context.newPage();
    await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
    await ensureConnected(page, DEMO_MICROSOFT_ACCOUNTS.megan);
    await page.goto(`/chats/${encodeURIComponent(chatId)}`);
    await expectLive(page);
    await markPage(page);
    const subscription = await subscriptionFor(`/chats/${chatId}/messages`);
    expect(subscription.notificationUrl.startsWith(`${stack.APP_URL}/`)).toBe(true);
    const hello = `Across instances ${crypto.randomUUID().slice(0, 8)}`;
    await postAs({ chatId }, otherMemberEmail, hello);
    await expect(page.getByRole("list", { name: "Chat messages" }).getByText(hello)).toBeVisible();
    await expectNotReloaded(page);
  } finally {
    await context.close();
  }
});
