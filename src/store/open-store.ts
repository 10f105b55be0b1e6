import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { StoreError } from "../domain/errors.ts";
import { checkStoreSchema, readStoreIdentity, refuseNonStore } from "./check-store-schema.ts";
import { MIGRATIONS } from "./migrations.ts";
import { storeErrorFrom } from "./store-failures.ts";

export type Store = Database.Database;

/**
 * Opens the SQLite store, creating it if needed, and brings its schema up to date: for the commands
 * that write runs (generate, sources, regen, schedule). WAL lets readers (the review page) run beside
 * a writing job; the busy timeout makes a second writer wait instead of failing at once.
 */
export function openStore(file: string): Store {
  return openWritable(file, { isCreating: true });
}

/**
 * Opens a store that must already exist (flags, decide, review, render, runs, cost): a mistyped --db
 * is an error, not a new empty store. An older schema is still migrated, as those commands need it.
 */
export function openExistingStore(file: string): Store {
  return openWritable(file, { isCreating: false });
}

/**
 * Every failure names the file: a path that is not a wikigen store (garbage, truncated, another
 * program's database), a schema missing a table or column its version promises, one too new.
 */
function openWritable(file: string, options: { isCreating: boolean }): Store {
  const isFile = file !== ":memory:";
  if (isFile && !options.isCreating && !existsSync(file)) throw new StoreError({ file, problem: "missing", detail: "" });
  if (isFile && options.isCreating) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Store | undefined;
  try {
    db = new Database(file, { fileMustExist: !options.isCreating });
    db.pragma("busy_timeout = 10000");
    // Checked before the first write (switching to WAL writes the header): a refused file is left as it was.
    refuseNonStore(file, readStoreIdentity(db), { isEmptyAllowed: options.isCreating });
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    migrate(db);
    checkStoreSchema(db, file, MIGRATIONS.length);
    return db;
  } catch (error) {
    db?.close();
    throw storeErrorFrom(error, file) ?? error;
  }
}

/**
 * Applies numbered migrations above the stored user_version. Each runs in an IMMEDIATE transaction
 * that re-reads the version first: two processes opening a new store at once take turns, and the
 * second finds the work done instead of creating the same tables again.
 */
export function migrate(db: Store): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StoreError({ file: db.name, problem: "too_new", detail: `schema version ${current} is newer than this wikigen knows (${MIGRATIONS.length})` });
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) applyMigration(db, version);
  return MIGRATIONS.length;
}

/** Applies migration `version` unless the store already has it (another process got there first). */
export function applyMigration(db: Store, version: number): boolean {
  const sql = MIGRATIONS[version - 1];
  if (sql === undefined) throw new Error(`no migration ${version}`);
  return db
    .transaction(() => {
      if ((db.pragma("user_version", { simple: true }) as number) >= version) return false;
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
      return true;
    })
    .immediate();
}
