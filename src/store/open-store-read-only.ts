import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { StoreError } from "../domain/errors.ts";
import { checkStoreSchema, readStoreIdentity, refuseNonStore } from "./check-store-schema.ts";
import { MIGRATIONS } from "./migrations.ts";
import type { Store } from "./open-store.ts";
import { storeErrorFrom } from "./store-failures.ts";

/**
 * Opens the store for commands that only read (plan, history, diff): no file is created and no
 * migration is applied. A missing file, or one that is not a complete wikigen store, is a
 * StoreError naming it.
 */
export function openStoreReadOnly(file: string): Store {
  if (!existsSync(file)) throw new StoreError({ file, problem: "missing", detail: "" });
  let db: Store | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 10000");
    const identity = readStoreIdentity(db);
    refuseNonStore(file, identity, { isEmptyAllowed: false });
    checkStoreSchema(db, file, identity.version);
    return db;
  } catch (error) {
    db?.close();
    throw storeErrorFrom(error, file) ?? error;
  }
}

/** An empty in-memory store with the current schema: "never generated" for a plan with no store yet. */
export function openEmptyStore(): Store {
  const empty = new Database(":memory:");
  for (const sql of MIGRATIONS) empty.exec(sql);
  return empty;
}
