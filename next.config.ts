import type { NextConfig } from "next";
// Importing the env module validates the configuration at build and start: a bad
// value fails here, with the variable's name, not on a user's first request.
import { loadEnv } from "./lib/env-schema";
import { API_CONTENT_SECURITY_POLICY, CSP_HEADER } from "./lib/http/content-security-policy";

loadEnv();

// On every response, static files included. The pages' Content-Security-Policy is not
// here: it carries a nonce per request, so proxy.ts sets it (lib/http/content-security-policy.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // The policy's `frame-ancestors 'none'`, for browsers that only know this header.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` and CI run `tsc --noEmit` over the whole project before building; checking
  // again inside `next build` costs a minute on a 2-core machine and finds nothing new.
  typescript: { ignoreBuildErrors: true },
  // PGlite loads WASM from its package directory: bundling it breaks that path.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/client"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The JSON API's fixed policy (no nonce): proxy.ts does not run for these routes.
      { source: "/api/:path((?!auth/).*)", headers: [{ key: CSP_HEADER, value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
