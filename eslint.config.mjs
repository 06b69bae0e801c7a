import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { boundariesPlugin } from "./scripts/lint/no-server-import-in-client.mjs";

/*
 * One-way layers (docs/architecture.md): the app (app/, components/, lib/, proxy.ts,
 * instrumentation.ts) never imports the emulator, the scripts or the tests; lib/graph
 * (the Graph client) never imports Next.js request/page helpers or lib/http; a client
 * component never imports a server-only module. Tests and test fixtures inside lib/ may
 * start the emulator, so they are exempt from the first rule.
 */
const APP_CODE = ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "lib/**/test/**", "**/*.fixture.ts"];
const notTheApp = {
  group: [
    "**/emulator",
    "**/emulator/**",
    "@/emulator/**",
    "**/scripts/**",
    "@/scripts/**",
    "**/e2e/**",
    "@/e2e/**",
    "**/test-support/**",
    "@/test-support/**",
  ],
  message: "The app never imports the emulator, scripts/, e2e/ or test-support/ (docs/architecture.md).",
};
const notInGraph = [
  {
    group: ["next/navigation", "next/cache", "next/headers", "next/server"],
    message: "lib/graph is the Graph client, not Next.js glue: page and route helpers live in lib/http/.",
  },
  {
    group: ["@/lib/http", "@/lib/http/**", "../http", "../http/**"],
    message: "lib/graph must not depend on lib/http (the HTTP layer sits above it).",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      // The one env module and the launcher scripts are the only readers of process.env.
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration from lib/env.ts, not process.env.",
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: [
      "lib/env.ts",
      "lib/env-schema.ts",
      "instrumentation.ts",
      "scripts/**",
      "emulator/**",
      "e2e/**",
      "test-support/**",
      "**/*.test.ts",
      "*.config.ts",
      "*.config.mjs",
      "bench/**",
      "lib/db/**",
      "lib/db.ts",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: APP_CODE,
    ignores: TESTS,
    rules: { "no-restricted-imports": ["error", { patterns: [notTheApp] }] },
  },
  {
    files: ["lib/graph/**"],
    ignores: TESTS,
    rules: { "no-restricted-imports": ["error", { patterns: [notTheApp, ...notInGraph] }] },
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx", "components/**/*.ts"],
    plugins: { boundaries: boundariesPlugin },
    rules: { "boundaries/no-server-import-in-client": "error" },
  },
  {
    // Tests poke at loosely typed JSON bodies; production code stays strict.
    files: ["**/*.test.ts", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
