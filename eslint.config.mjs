import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
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
    files: ["lib/env.ts", "instrumentation.ts", "scripts/**", "emulator/**", "e2e/**", "test-support/**", "**/*.test.ts", "*.config.ts", "*.config.mjs", "bench/**", "lib/db/**", "lib/db.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // Tests poke at loosely typed JSON bodies; production code stays strict.
    files: ["**/*.test.ts", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
