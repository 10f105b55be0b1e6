import { StoreError, type StoreProblem } from "../domain/errors.ts";

// SQLite's own failures that are about the store file rather than a query, told apart by their
// result code (better-sqlite3's SqliteError carries it as `code`, extended codes included, e.g.
// SQLITE_CORRUPT_INDEX, SQLITE_READONLY_DBMOVED), never by message text.

const PROBLEM_BY_CODE: readonly [prefix: string, problem: StoreProblem][] = [
  ["SQLITE_NOTADB", "not_a_store"],
  ["SQLITE_CORRUPT", "damaged"],
  ["SQLITE_CANTOPEN", "cannot_open"],
  ["SQLITE_READONLY", "cannot_write"],
  ["SQLITE_FULL", "cannot_write"],
];

function problemOf(error: unknown): StoreProblem | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  return PROBLEM_BY_CODE.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1];
}

/** Whether the error is SQLite failing on the store file itself (not a store, damaged, unreadable, unwritable). */
export function isStoreFileFailure(error: unknown): boolean {
  return problemOf(error) !== undefined;
}

/** The error as a StoreError naming `file`, when it is one of those failures; otherwise undefined. */
export function storeErrorFrom(error: unknown, file: string): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const problem = problemOf(error);
  return problem === undefined ? undefined : new StoreError({ file, problem, detail: (error as Error).message });
}
