/**
 * Makes `npm run dev` and `npm test` work on a fresh clone: installs the locked
 * dependencies when node_modules is missing or older than the lockfile. Written in
 * plain Node because nothing else is installed yet when it runs.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";

export function ensureDeps() {
  const marker = "node_modules/.package-lock.json";
  const stale = !fs.existsSync(marker) || fs.statSync("package-lock.json").mtimeMs > fs.statSync(marker).mtimeMs + 1000;
  if (!stale) return;
  console.log("[setup] installing dependencies (npm ci)…");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
