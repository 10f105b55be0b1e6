import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.ts";
import { applyMigration, openStore } from "./open-store.ts";

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
