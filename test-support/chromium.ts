/**
 * How tests launch Chromium: Debian's /usr/bin/chromium where it exists (these machines
 * cannot download Playwright's browsers), otherwise Playwright's own browser.
 */
import fs from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || (fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined),
  // Without the background-networking flags Chromium keeps dialling Google's hosts,
  // which a machine with no network refuses many times a second.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
