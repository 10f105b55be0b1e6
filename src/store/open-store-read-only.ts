import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { MIGRATIONS } from "./migrations.ts";
import type { Store } from "./open-store.ts";

/**
 * Opens the store for commands that only read (plan, history, diff): no file is created and no
 * migration is applied. Without a store file, an empty in-memory store with the current schema
 * stands in, so "never generated" needs no special case.
 */
export function openStoreReadOnly(file: string): Store {
  if (!existsSync(file)) {
    const empty = new Database(":memory:");
    for (const sql of MIGRATIONS) empty.exec(sql);
    return empty;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new Error(`${file}: schema version ${version} is newer than this wikigen knows (${MIGRATIONS.length}); upgrade wikigen`);
  }
  return db;
}
