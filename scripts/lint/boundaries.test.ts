// The layer rules in eslint.config.mjs, proven on deliberately wrong (and right) imports.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The ids of the boundary rules that fire on `code` as if it lived at `file`. */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "boundaries/no-server-import-in-client")
    .map((m) => m.ruleId!);
}

describe("one-way layers (eslint.config.mjs)", () => {
  it.each([
    ["app/(app)/dashboard/probe.tsx", 'import { startTestEmulator } from "@/emulator/testing";'],
    ["app/api/probe/route.ts", 'import { e2eEnv } from "../../../scripts/lib/e2e-env.mjs";'],
    ["lib/connections/probe.ts", 'import { DEMO_MICROSOFT_ACCOUNTS } from "../../emulator/data/demo-accounts";'],
    ["lib/admin/probe.ts", 'import { migratedPgliteDir } from "../../scripts/db/testing";'],
    ["lib/admin/probe2.ts", 'import { env } from "../../e2e/security/support";'],
    ["components/admin/probe.tsx", 'import { authWebhook } from "@/test-support/nango-webhook";'],
  ])("%s may not import the emulator, scripts, e2e or test-support", async (file, code) => {
    expect(await violations(file, code)).toEqual(["no-restricted-imports"]);
  });

  it.each([
    ['import { notFound } from "next/navigation";'],
    ['import { revalidatePath } from "next/cache";'],
    ['import { cookies } from "next/headers";'],
    ['import { takeToken } from "@/lib/http/rate-limit";'],
    ['import { pageId } from "../http/page-ids";'],
  ])("lib/graph may not import Next.js page/route helpers or lib/http: %s", async (code) => {
    expect(await violations("lib/graph/probe.ts", code)).toEqual(["no-restricted-imports"]);
  });

  it.each([
    ['"use client";\nimport "server-only";'],
    ['"use client";\nimport { env } from "@/lib/env";'],
    ['"use client";\nimport { db } from "@/lib/db";'],
    ['"use client";\nimport { getJoinedTeams } from "@/lib/graph/teams";'],
  ])("a client component may not import a server-only module: %s", async (code) => {
    expect(await violations("components/dashboard/probe.tsx", code)).toEqual(["boundaries/no-server-import-in-client"]);
  });

  it("allows the imports the layers are made of", async () => {
    expect(
      await violations(
        "app/api/probe/route.ts",
        'import { readQuery } from "@/lib/http/route-helpers";\nimport { getJoinedTeams } from "@/lib/graph/teams";',
      ),
    ).toEqual([]);
    expect(
      await violations(
        "lib/graph/probe.ts",
        'import { AppError } from "@/lib/errors";\nimport { nango } from "@/lib/nango/client";',
      ),
    ).toEqual([]);
    expect(
      await violations(
        "lib/http/probe.ts",
        'import { notFound } from "next/navigation";\nimport { decodeParam } from "@/lib/graph/ids";',
      ),
    ).toEqual([]);
    // A client component may import pure modules and server-only types; a server component may import server code.
    expect(
      await violations(
        "components/chats/probe.tsx",
        '"use client";\nimport type { MessageView } from "@/lib/graph/types";\nimport type { Env } from "@/lib/env";\nimport { signInErrorMessage } from "@/lib/auth/sign-in-errors";',
      ),
    ).toEqual([]);
    expect(await violations("components/dashboard/probe.tsx", 'import { env } from "@/lib/env";')).toEqual([]);
    // Tests inside lib/ may start the emulator.
    expect(
      await violations("lib/graph/probe.test.ts", 'import { startTestEmulator } from "../../emulator/testing";'),
    ).toEqual([]);
    // Scripts, the emulator and tests may import lib/.
    expect(await violations("scripts/doctor/probe.ts", 'import { env } from "@/lib/env";')).toEqual([]);
  });
});
