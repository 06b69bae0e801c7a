/**
 * The Content-Security-Policy (proxy.ts, lib/http/content-security-policy.ts): every
 * page, signed in or out, carries it with a nonce of its own that Next.js's scripts
 * carry; script injected into a page does not run and is reported; the Connect UI's
 * iframe and Microsoft popup still work under it. Every other spec checks, through the
 * shared fixture, that nothing it does meets a violation.
 */
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../../emulator/data/demo-accounts";
import { DEMO_ADMIN, DEMO_MEGAN } from "../../lib/demo-accounts";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy } from "../../lib/http/content-security-policy";
import { signInWithPassword } from "../support/auth";
import { completeMicrosoftPopup, connectUi, finishConnectUi, startMicrosoftPopup } from "../support/connect-ui";
import { expect, settled, takeCspViolations, test } from "../support/fixtures";
import { connected, env, signedIn } from "./support";

test.describe.configure({ mode: "serial" });

const megan = DEMO_MICROSOFT_ACCOUNTS.megan;

function nonceOf(response: APIResponse): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `nonce in the policy of ${response.url()}: ${policy}`).toBeTruthy();
  return nonce!;
}

/** The policy is exactly the production one for this stack, with the response's own nonce. */
function expectPolicy(response: APIResponse): string {
  const policy = response.headers()["content-security-policy"];
  const nonce = nonceOf(response);
  expect(policy).toBe(
    contentSecurityPolicy({ nonce, connectUiUrl: env.NANGO_CONNECT_UI_URL, development: false, https: false }),
  );
  expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
  expect(policy).toContain(`frame-src ${new URL(env.NANGO_CONNECT_UI_URL).origin};`);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  return nonce;
}

test("every page carries the policy, with a fresh nonce that each of Next.js's scripts carries", async ({
  page,
  browser,
}) => {
  const user = await signedIn(browser, DEMO_MEGAN);
  const admin = await signedIn(browser, DEMO_ADMIN);
  const pages: Array<[string, APIRequestContext, string, number]> = [
    ["signed out", page.request, "/", 200],
    ["signed out", page.request, "/signin", 200],
    ["signed out", page.request, "/tenant-consent?consent=granted", 200],
    ["signed out", page.request, "/no-such-page", 404],
    ["user", user.request, "/dashboard", 200],
    ["user", user.request, "/connections", 200],
    ["admin", admin.request, "/admin", 200],
    ["admin", admin.request, "/admin/tenants", 200],
  ];
  const nonces = new Set<string>();
  for (const [who, request, path, status] of pages) {
    // Twice each: a nonce must never repeat, not even for the same page and user.
    for (let visit = 0; visit < 2; visit++) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), `${who} ${path}`).toBe(status);
      const nonce = expectPolicy(response);
      nonces.add(nonce);
      const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length, `${who} ${path}: Next.js's scripts`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${who} ${path}`).toContain(` nonce="${nonce}"`);
    }
  }
  expect(nonces.size).toBe(pages.length * 2);

  // The sign-in redirect and next-auth's HTML pages under /api/auth carry it too.
  expectPolicy(await page.request.get("/dashboard", { maxRedirects: 0 }));
  expectPolicy(await page.request.get("/api/auth/signout"));
  // The JSON API has a fixed policy under which nothing loads or runs, and echoes the
  // caller's well-formed request id (else a new one).
  for (const [request, path] of [
    [page.request, "/api/health"],
    [user.request, "/api/teams"],
  ] as const) {
    const given = await request.get(path, { headers: { "x-request-id": "lb-7f3a:42" } });
    expect(given.headers()["content-security-policy"], path).toBe(API_CONTENT_SECURITY_POLICY);
    expect(given.headers()["x-request-id"], path).toBe("lb-7f3a:42");
    const fresh = await request.get(path, { headers: { "x-request-id": "<script>" } });
    expect(fresh.headers()["x-request-id"], path).toMatch(/^[0-9a-f-]{36}$/);
  }
  // Static files are never a document: the proxy does not run for them.
  for (const asset of ["/favicon.ico", "/manifest.webmanifest", "/icon.svg"]) {
    const response = await page.request.get(asset);
    expect(response.status(), asset).toBe(200);
    expect(response.headers()["content-security-policy"], asset).toBeUndefined();
  }
  await user.context().close();
  await admin.context().close();
});

type Vector = "frameScript" | "handler" | "link" | "eval";

interface InjectionOutcome {
  ran: Record<Vector, boolean>;
  violations: Array<{ directive: string; blocked: string }>;
}

/**
 * Injects script the way an HTML injection would: parsed markup with an inline
 * `<script>` (in an `<iframe srcdoc>`, which inherits the page's policy; a `<script>`
 * set through innerHTML never runs anyway), an inline event handler, a `javascript:`
 * link, and eval. A `<script>` that running code creates with createElement is allowed
 * by 'strict-dynamic' in every browser (w3c/webappsec-csp#426): only code that already
 * runs can make one. The injection starts from a timer: code Playwright evaluates
 * directly is DevTools code, which Chromium lets past the page's policy.
 */
function inject(page: Page): Promise<InjectionOutcome> {
  return page.evaluate(
    () =>
      new Promise<InjectionOutcome>((resolve) => {
        const flags = window as unknown as Record<string, unknown>;
        const violations: InjectionOutcome["violations"] = [];
        document.addEventListener("securitypolicyviolation", (event) =>
          violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
        );
        setTimeout(() => {
          const holder = document.createElement("div");
          holder.innerHTML =
            '<iframe title="injected" srcdoc="<script>parent.__pwnedFrameScript = 1</script>"></iframe>' +
            '<img alt="" src="data:,not-an-image" onerror="window.__pwnedHandler = 1">' +
            '<a href="javascript:window.__pwnedLink = 1">injected</a>';
          let evaluated = false;
          try {
            evaluated = new Function("return true")() as boolean;
          } catch {
            // EvalError: 'unsafe-eval' is not allowed.
          }
          const loaded = (selector: string, event: string) =>
            new Promise((done) => holder.querySelector(selector)!.addEventListener(event, done));
          const settledAll = Promise.all([loaded("iframe", "load"), loaded("img", "error")]);
          document.body.append(holder);
          holder.querySelector("a")!.click();
          // Violation events are dispatched in a task of their own.
          void settledAll.then(() =>
            setTimeout(() => {
              holder.remove();
              resolve({
                ran: {
                  frameScript: flags.__pwnedFrameScript === 1,
                  handler: flags.__pwnedHandler === 1,
                  link: flags.__pwnedLink === 1,
                  eval: evaluated,
                },
                violations,
              });
            }, 300),
          );
        });
      }),
  );
}

test("script injected into a page does not run and raises securitypolicyviolation", async ({ page, browser }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  await page.goto("/dashboard");
  await settled(page);
  const outcome = await inject(page);
  expect(outcome.ran).toEqual({ frameScript: false, handler: false, link: false, eval: false });
  expect(outcome.violations).toEqual(
    expect.arrayContaining([
      { directive: "script-src-attr", blocked: "inline" },
      { directive: "script-src-elem", blocked: "inline" },
      { directive: "script-src", blocked: "eval" },
    ]),
  );
  // Chromium's console reports (the srcdoc frame's script among them; a refused eval only throws).
  const reports = takeCspViolations(page).join("\n");
  for (const kind of ["Executing inline event handler", "Running the JavaScript URL", "Executing inline script"])
    expect(reports).toContain(kind);
  await expect(page.getByLabel("Signed in user")).toBeVisible();

  // The control: the same injection runs where the policy is bypassed, so the policy is what stopped it.
  const control = await browser.newContext({ baseURL: env.APP_URL, bypassCSP: true });
  const open = await control.newPage();
  await open.goto("/signin");
  expect((await inject(open)).ran).toEqual({ frameScript: true, handler: true, link: true, eval: true });
  await control.close();
});

test("the Connect UI's iframe and Microsoft popup work under the policy", async ({ page }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  await connected(page, megan);
  await page.goto("/connections");
  await settled(page);
  const policy = (await page.request.get("/connections")).headers()["content-security-policy"] ?? "";
  await page.getByRole("button", { name: "Reconnect", exact: true }).click();
  await expect(connectUi(page).getByRole("heading", { name: /Microsoft Teams/ })).toBeVisible();
  const frameOrigin = new URL((await page.locator("#connect-ui").getAttribute("src"))!).origin;
  expect(policy).toContain(`frame-src ${frameOrigin};`);
  const popup = await startMicrosoftPopup(page, "Reconnect");
  await completeMicrosoftPopup(popup, megan);
  await finishConnectUi(page);
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  // The fixture then fails the test on any violation on the page, the iframe or the popup.
});
