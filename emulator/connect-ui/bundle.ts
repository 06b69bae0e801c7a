/**
 * Bundles the Connect UI's browser script (with the real `@nangohq/frontend`) once per
 * process; esbuild takes ~100 ms, and every emulator instance shares the result.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

let cached: Promise<string> | undefined;

export function connectUiScript(): Promise<string> {
  cached ??= build({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), "client", "main.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    platform: "browser",
    minify: false,
    sourcemap: "inline",
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]!.text);
  return cached;
}
