/**
 * 6. Client weight: first-load JavaScript per page route, gzipped, from the production
 * build the bench runs: the root main files (framework, runtime) plus every chunk the
 * route's client reference manifest lists for its layouts, page and boundaries. The
 * Nango frontend SDK (the chunk holding its default Connect UI URL) must not be in
 * /dashboard's first load: it is loaded on click.
 *
 * The framework's share is the root main files every page loads (React, Next's client
 * runtime) and the chunks Next's own client entries list; the app's share is the rest:
 * the chunks of the route's own client components and the libraries they import.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import type { Scenario } from "../lib/context";
import { APP_DIR } from "../lib/stack";
import { round } from "../lib/stats";

const BUDGET_KB = 120;
const APP_SHARE_BUDGET_KB = 10;
const NANGO_SDK_MARKER = "connect.nango.dev";

export interface RouteWeight {
  route: string;
  files: number;
  gzipKb: number;
  frameworkKb: number;
  appKb: number;
  nangoSdk: boolean;
}

export function measureClientWeight(dir = APP_DIR): { routes: RouteWeight[]; sdkChunks: string[] } {
  const next = path.join(dir, ".next");
  const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const routes = JSON.parse(fs.readFileSync(path.join(next, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const gz = new Map<string, number>();
  const sdk = new Set<string>();
  const gzipSize = (file: string) => {
    if (!gz.has(file)) {
      const source = fs.readFileSync(path.join(next, file));
      gz.set(file, zlib.gzipSync(source, { level: 9 }).length);
      if (source.includes(NANGO_SDK_MARKER)) sdk.add(file);
    }
    return gz.get(file)!;
  };
  for (const file of fs.readdirSync(path.join(next, "static/chunks")))
    if (file.endsWith(".js")) gzipSize(`static/chunks/${file}`);
  const result: RouteWeight[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith("/page")) continue;
    const manifestFile = path.join(next, "server/app", `${entry}_client-reference-manifest.js`);
    if (!fs.existsSync(manifestFile)) continue;
    const sandbox: {
      globalThis?: unknown;
      __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }>;
    } = {};
    sandbox.globalThis = sandbox;
    vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
    const manifest = sandbox.__RSC_MANIFEST?.[entry];
    const files = new Set<string>(build.rootMainFiles);
    for (const chunks of Object.values(manifest?.entryJSFiles ?? {})) for (const chunk of chunks) files.add(chunk);
    const bytes = [...files].reduce((sum, file) => sum + gzipSize(file), 0);
    // Next's own client entries (its built-in error boundary, the layout router) name the
    // chunks the framework needs beyond the root main files.
    const framework = new Set<string>(build.rootMainFiles);
    for (const [name, chunks] of Object.entries(manifest?.entryJSFiles ?? {}))
      if (name.startsWith("[project]/node_modules/next/")) for (const chunk of chunks) framework.add(chunk);
    const frameworkBytes = [...framework].reduce((sum, file) => sum + gzipSize(file), 0);
    result.push({
      route,
      files: files.size,
      gzipKb: round(bytes / 1024),
      frameworkKb: round(frameworkBytes / 1024),
      appKb: round((bytes - frameworkBytes) / 1024),
      nangoSdk: [...files].some((file) => sdk.has(file)),
    });
  }
  result.sort((a, b) => a.route.localeCompare(b.route));
  return { routes: result, sdkChunks: [...sdk] };
}

export const clientWeight: Scenario = {
  name: "client-weight",
  title: "Client weight",
  async run() {
    const { routes, sdkChunks } = measureClientWeight();
    const dashboard = routes.find((route) => route.route === "/dashboard");
    if (!dashboard) throw new Error("no /dashboard route in the build");
    const heaviest = [...routes].sort((a, b) => b.gzipKb - a.gzipKb)[0]!;
    const heaviestApp = [...routes].sort((a, b) => b.appKb - a.appKb)[0]!;
    return {
      goals: [
        {
          goal: `/dashboard first-load JS ≤ ${BUDGET_KB} kB gz`,
          measured: `${dashboard.gzipKb} kB (heaviest: ${heaviest.route} ${heaviest.gzipKb} kB)`,
          pass: dashboard.gzipKb <= BUDGET_KB,
        },
        {
          goal: `app's share of /dashboard ≤ ${APP_SHARE_BUDGET_KB} kB gz`,
          measured: `app ${dashboard.appKb} kB + framework ${dashboard.frameworkKb} kB (most app code: ${heaviestApp.route} ${heaviestApp.appKb} kB)`,
          pass: dashboard.appKb <= APP_SHARE_BUDGET_KB,
        },
        {
          goal: "Nango frontend SDK not in /dashboard first load",
          measured: dashboard.nangoSdk
            ? "present"
            : `absent (SDK in ${sdkChunks.length} lazy chunk${sdkChunks.length === 1 ? "" : "s"})`,
          pass: !dashboard.nangoSdk && sdkChunks.length > 0,
        },
      ],
      data: { routes, sdkChunks },
    };
  },
};
