import Database from "better-sqlite3";
import { StoreError } from "../domain/errors.ts";
import { MIGRATIONS } from "./migrations.ts";

// Checks made when a store is opened, so a wrong file is refused before any work starts rather than
// when a query first needs the missing piece (after every section was drafted and paid for).

type Db = Database.Database;

const COLUMNS_SQL = `SELECT m.name AS table_name, p.name AS column_name
  FROM sqlite_master m JOIN pragma_table_info(m.name) p
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`;

/**
 * The schema version and tables, read in one transaction: a process creating the store at the same
 * moment commits its first migration's tables together with the version, so both are seen or neither.
 */
export function readStoreIdentity(db: Db): { version: number; tables: string[] } {
  return db.transaction(() => ({
    version: db.pragma("user_version", { simple: true }) as number,
    tables: (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((row) => row.name),
  }))();
}

/**
 * Refuses a file that is not a wikigen store: a schema version newer than this wikigen knows, or
 * version 0 (no wikigen migration ever ran) with another program's tables, or empty when the command
 * does not create stores.
 */
export function refuseNonStore(file: string, identity: { version: number; tables: string[] }, options: { isEmptyAllowed: boolean }): void {
  const { version, tables } = identity;
  if (version > MIGRATIONS.length) {
    throw new StoreError({ file, problem: "too_new", detail: `schema version ${version} is newer than this wikigen knows (${MIGRATIONS.length})` });
  }
  if (version > 0) return;
  if (tables.length > 0) {
    const shown = tables.length > 5 ? `${tables.slice(0, 5).join(", ")}, ...` : tables.join(", ");
    throw new StoreError({ file, problem: "not_a_store", detail: `a SQLite database with other tables: ${shown}` });
  }
  if (!options.isEmptyAllowed) throw new StoreError({ file, problem: "empty", detail: "" });
}

const expectedByVersion = new Map<number, Map<string, string[]>>();

/** Table -> columns after migrations 1..version, from running them on an empty in-memory database. */
function expectedSchema(version: number): Map<string, string[]> {
  let expected = expectedByVersion.get(version);
  if (!expected) {
    const scratch = new Database(":memory:");
    try {
      for (const sql of MIGRATIONS.slice(0, version)) scratch.exec(sql);
      expected = readColumns(scratch);
    } finally {
      scratch.close();
    }
    expectedByVersion.set(version, expected);
  }
  return expected;
}

function readColumns(db: Db): Map<string, string[]> {
  const columns = new Map<string, string[]>();
  for (const row of db.prepare(COLUMNS_SQL).all() as { table_name: string; column_name: string }[]) {
    columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
  }
  return columns;
}

/** Every table and column the store's schema version promises is there; else a StoreError listing what is missing. */
export function checkStoreSchema(db: Db, file: string, version: number): void {
  const actual = readColumns(db);
  const missing: string[] = [];
  for (const [table, columns] of expectedSchema(version)) {
    const present = actual.get(table);
    if (!present) {
      missing.push(`table ${table}`);
      continue;
    }
    for (const column of columns) if (!present.includes(column)) missing.push(`column ${table}.${column}`);
  }
  if (missing.length > 0) throw new StoreError({ file, problem: "incomplete", detail: `schema version ${version}, but missing ${missing.join(", ")}` });
}
