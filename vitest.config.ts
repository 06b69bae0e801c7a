import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; unit tests run lib/ code directly.
      "server-only": path.resolve(import.meta.dirname, "test-support/empty.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start servers or a WASM Postgres are heavy on 2 cores.
    maxWorkers: 2,
  },
});
