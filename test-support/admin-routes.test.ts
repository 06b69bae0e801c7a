import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_API_ROUTES } from "./admin-routes";

const ROOT = path.resolve(import.meta.dirname, "..");

function routeFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return routeFiles(rel);
    return entry.name === "route.ts" ? [rel] : [];
  });
}

describe("admin API routes", () => {
  const files = routeFiles("app/api/admin").sort();

  it("are all listed in ADMIN_API_ROUTES with their methods", () => {
    const found = files.map((file) => {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      const methods = [...source.matchAll(/export const (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)].map((m) => m[1]);
      return { file, methods: methods.sort() };
    });
    const listed = ADMIN_API_ROUTES.map((r) => ({ file: r.file, methods: [...r.methods].sort() })).sort((a, b) =>
      a.file.localeCompare(b.file),
    );
    expect(found).toEqual(listed);
  });

  it("wrap every method in withAdmin and export nothing else callable", () => {
    for (const file of files) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      const exports = [...source.matchAll(/export (?:async )?(?:const|function) (\w+)(.*)/g)];
      for (const [, name, rest] of exports)
        expect({ file, name, rest: rest?.trimStart().startsWith("= withAdmin") }).toEqual({ file, name, rest: true });
    }
  });
});
