/**
 * Loads Prisma's schema engine compiled to WebAssembly and binds it to a driver adapter.
 *
 * Why: the Prisma CLI needs the native schema engine, which it downloads on first use and
 * cannot offline. `@prisma/schema-engine-wasm` is the same engine (migrate deploy/dev,
 * diff, reset) talking SQL through a JS driver adapter instead of its own connections.
 * Its `schema_engine.js` entry imports the .wasm as an ES module, which Node 20 cannot
 * do, so the module is instantiated by hand against the generated JS glue.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = glue.SchemaEngine;

let loaded = false;

function loadWasm(): void {
  if (loaded) return;
  const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
  const bytes = readFileSync(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  loaded = true;
}

/** Engine logs arrive as JSON lines; only errors/warnings are worth showing. */
function onLog(line: string): void {
  if (process.env.PRISMA_SCHEMA_ENGINE_DEBUG) console.error(line);
}

export type BoundEngine = {
  engine: SchemaEngine;
  /** Readable message for an engine error (see below). */
  explain: (error: unknown) => string;
};

/**
 * A schema engine bound to `factory`. `schema` (a Prisma schema's text) is only needed
 * by commands that compare against it (dev).
 */
export async function createSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema?: { path: string; content: string },
): Promise<BoundEngine> {
  loadWasm();
  const datamodels: [string, string][] | undefined = schema ? [[schema.path, schema.content]] : undefined;
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await glue.SchemaEngine.new({ datamodels }, onLog, bound);
  // A driver error reaches the engine only as "External error id#N": the error itself
  // stays in the adapter's registry. Splice its message in, or a failed migration would
  // not say which statement failed.
  const explain = (error: unknown) =>
    messageOf(error).replace(/External error id#(\d+)/g, (text, id: string) => {
      const record = bound.errorRegistry.consumeError(Number(id));
      return record ? messageOf(record.error) : text;
    });
  return { engine, explain };
}

/** Engine errors arrive as objects with a `message`, not always Error instances. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object" && "message" in error) return String(error.message);
  return String(error);
}
