/**
 * Makes driver adapters safe for the WASM schema engine to run migrations with.
 *
 * Two quirks measured with the engine (docs/offline-toolchain.md):
 * - a migration.sql with several statements reaches `executeRaw`, which uses the extended
 *   protocol (one statement only) on PGlite: such parameterless scripts go to
 *   `executeScript` (simple protocol, one implicit transaction) instead;
 * - pglite-prisma-adapter 0.7.2's `executeScript` calls `client.exec()` without awaiting
 *   it, so a failing migration would be recorded as applied. Callers pass an awaited
 *   `runScript` to replace it.
 */
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";

export type AdapterOverrides = {
  /** Runs a multi-statement script and rejects when any statement fails. */
  runScript?: (script: string) => Promise<void>;
  /** Extra cleanup after the adapter's own dispose (e.g. close a shadow database). */
  onDispose?: () => Promise<void>;
};

/** True when `sql` holds more than one statement (a `;` followed by more SQL). */
export function isMultiStatement(sql: string): boolean {
  return /;\s*\S/.test(sql.replace(/--[^\n]*/g, ""));
}

export function wrapForMigrations(adapter: SqlDriverAdapter, overrides: AdapterOverrides = {}): SqlDriverAdapter {
  const executeScript = overrides.runScript ?? adapter.executeScript.bind(adapter);
  // A Proxy keeps every other method (queryRaw, startTransaction…) untouched.
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "executeScript") return executeScript;
      if (prop === "executeRaw") {
        return (query: SqlQuery) =>
          query.args.length === 0 && isMultiStatement(query.sql)
            ? executeScript(query.sql).then(() => 0)
            : target.executeRaw(query);
      }
      if (prop === "dispose") {
        return async () => {
          await target.dispose();
          await overrides.onDispose?.();
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
