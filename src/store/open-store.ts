import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS } from "./migrations.ts";

export type Store = Database.Database;

/**
 * Opens (creating if needed) the SQLite store and brings its schema up to date. WAL lets readers
 * (the review page) run beside a writing job; the busy timeout makes a second writer wait instead
 * of failing at once.
 */
export function openStore(file: string): Store {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 10000");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  migrate(db);
  return db;
}

/**
 * Applies numbered migrations above the stored user_version. Each runs in an IMMEDIATE transaction
 * that re-reads the version first: two processes opening a new store at once take turns, and the
 * second finds the work done instead of creating the same tables again.
 */
export function migrate(db: Store): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `${db.name}: schema version ${current} is newer than this wikigen knows (${MIGRATIONS.length}); upgrade wikigen`,
    );
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
