import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./test-support/chromium";
// @ts-expect-error -- plain ESM helper shared with the launcher scripts
import { e2eEnv } from "./scripts/lib/e2e-env.mjs";

const env = e2eEnv() as Record<string, string>;

export default defineConfig({
  testDir: "e2e",
  // The specs share one app and one emulator, and the machine has 2 cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: env.APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /phone\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions },
    },
    // Phone layout at 390 px (an iPhone's width) in Chromium with touch and mobile viewport rules.
    {
      name: "phone",
      testMatch: /phone\.spec\.ts/,
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, launchOptions: chromiumLaunchOptions },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${env.APP_URL}/signin`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
