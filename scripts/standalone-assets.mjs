#!/usr/bin/env node
/**
 * Completes `next build`'s standalone output: Next leaves `.next/static` and `public/`
 * out of `.next/standalone` (a CDN may serve them), so the server would answer 404 for
 * every script and stylesheet. Copies them in; run as `postbuild` and by scripts/start.mjs
 * (cheap and idempotent: skipped when this build's assets are already there).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Returns the path of the standalone server.js, ready to run. */
export function prepareStandalone(root = process.cwd()) {
  const standalone = path.join(root, ".next/standalone");
  const server = path.join(standalone, "server.js");
  if (!fs.existsSync(server)) {
    throw new Error("No standalone build found (.next/standalone/server.js): run `npm run build` first.");
  }
  const buildId = fs.readFileSync(path.join(root, ".next/BUILD_ID"), "utf8");
  const marker = path.join(standalone, ".next/static/.teams-connect-build-id");
  const current = fs.existsSync(marker) ? fs.readFileSync(marker, "utf8") : null;
  if (current !== buildId) {
    fs.cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true });
    if (fs.existsSync(path.join(root, "public"))) {
      fs.cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
    }
    fs.writeFileSync(marker, buildId);
  }
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  prepareStandalone();
  console.log("standalone output ready: .next/standalone (static assets and public/ copied)");
}
