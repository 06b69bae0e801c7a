/**
 * ESLint rule `boundaries/no-server-import-in-client`: a file that starts with
 * "use client" must not import `server-only`, nor a project module that does (its own
 * first lines say `import "server-only"`). `import type` is allowed: it is erased.
 *
 * Limits (documented in docs/architecture.md): only direct imports are checked, not what
 * an imported module imports in turn (Next's build catches that, later); only `@/…` and
 * relative specifiers are resolved (.ts, .tsx, .js, .mjs, index files).
 */
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];
const SERVER_ONLY = /^\s*import\s+["']server-only["']/m;

function resolve(fromFile, specifier) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function isServerOnly(file) {
  return SERVER_ONLY.test(fs.readFileSync(file, "utf8"));
}

export const noServerImportInClient = {
  meta: {
    type: "problem",
    docs: { description: "Client components must not import server-only modules" },
    schema: [],
    messages: {
      serverOnly:
        'A client component ("use client") must not import {{what}}: it holds secrets or server code. Pass the data in as props from a Server Component, or use `import type`.',
    },
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const isClient = body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
    if (!isClient) return {};
    const check = (node, source, typeOnly) => {
      if (typeOnly || typeof source?.value !== "string") return;
      const specifier = source.value;
      if (specifier === "server-only")
        return context.report({ node, messageId: "serverOnly", data: { what: "server-only" } });
      const file = resolve(context.filename, specifier);
      if (file && isServerOnly(file))
        context.report({ node, messageId: "serverOnly", data: { what: `${specifier} (a server-only module)` } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === "type"),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

export const boundariesPlugin = { rules: { "no-server-import-in-client": noServerImportInClient } };
