import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.ts";
import { StoreError } from "../domain/errors.ts";
import { applyMigration, openExistingStore, openStore } from "./open-store.ts";
import { openStoreReadOnly } from "./open-store-read-only.ts";
import { storeErrorFrom } from "./store-failures.ts";

describe("openStore", () => {
  it("creates a WAL store with foreign keys and every migration applied, and reopens idempotently", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "wikigen-store-")), "nested", "runs.db");
    const first = openStore(file);
    expect(first.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(first.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(first.pragma("busy_timeout", { simple: true })).toBe(10000);
    expect(first.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    const tables = (first.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(["fetches", "snapshots"]));
    first.close();
    const second = openStore(file);
    expect(second.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(second.pragma("integrity_check", { simple: true })).toBe("ok");
    second.close();
  });

  it("refuses a store written by a newer wikigen", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "wikigen-store-")), "runs.db");
    const db = openStore(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openStore(file)).toThrow(`schema version ${MIGRATIONS.length + 1} is newer than this wikigen knows`);
  });

  it("enforces foreign keys between fetches and snapshots", () => {
    const db = openStore(":memory:");
    expect(() =>
      db
        .prepare(`INSERT INTO fetches (url, outcome, raw_sha256, extractor_id, extractor_version, fetched_at, attempts) VALUES ('u', 'fetched', 'nope', 'x', '1', 'now', 1)`)
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe("applyMigration", () => {
  it("does nothing when another process already applied the migration (the version is re-read inside the write lock)", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "wikigen-store-race-")), "runs.db");
    const first = openStore(file);
    const late = new Database(file);
    // `late` decided to migrate from version 0 before `first` finished; applying now must be a no-op.
    expect(applyMigration(late, 1)).toBe(false);
    expect(applyMigration(late, MIGRATIONS.length)).toBe(false);
    expect(late.pragma("integrity_check", { simple: true })).toBe("ok");
    late.close();
    first.close();
  });

  it("applies a migration the store does not have yet", () => {
    const db = new Database(":memory:");
    expect(applyMigration(db, 1)).toBe(true);
    expect(db.pragma("user_version", { simple: true })).toBe(1);
  });
});

describe("the checks at open", () => {
  it("refuses a store missing a column its schema version promises, naming the file, the table and the column", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "wikigen-store-check-")), "runs.db");
    openStore(file).close();
    const db = new Database(file);
    db.exec("ALTER TABLE runs DROP COLUMN stopped_by");
    db.close();
    expect(() => openExistingStore(file)).toThrow(new StoreError({ file, problem: "incomplete", detail: `schema version ${MIGRATIONS.length}, but missing column runs.stopped_by` }));
    expect(() => openStoreReadOnly(file)).toThrow(`${file}: incomplete wikigen store (schema version ${MIGRATIONS.length}, but missing column runs.stopped_by)`);
  });

  it("classifies SQLite's failures by result code, extended codes included, and leaves other errors alone", () => {
    const failure = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(storeErrorFrom(failure("SQLITE_NOTADB", "file is not a database"), "x.db")?.message).toBe("x.db: not a wikigen store (file is not a database)");
    expect(storeErrorFrom(failure("SQLITE_CORRUPT_INDEX", "database disk image is malformed"), "x.db")?.problem).toBe("damaged");
    expect(storeErrorFrom(failure("SQLITE_READONLY_DBMOVED", "attempt to write a readonly database"), "x.db")?.problem).toBe("cannot_write");
    expect(storeErrorFrom(failure("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed"), "x.db")).toBeUndefined();
    expect(storeErrorFrom(failure("SQLITE_CORRUPTED_LOOKALIKE", "not a real code"), "x.db")).toBeUndefined();
    expect(storeErrorFrom(new Error("database disk image is malformed"), "x.db")).toBeUndefined();
  });
});
