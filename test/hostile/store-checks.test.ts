import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, closeSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations.ts";
import { writeArticleFixture } from "../helpers/article-fixture.ts";
import { runWikigen } from "../helpers/run-cli.ts";

// Issue 17, item 5: a damaged or mistyped store. The store is checked when it is opened: a file that
// is not a wikigen store, a damaged or truncated one, one missing a table are refused before any
// work, naming the file (and the table); commands that only read never create a store.

const SLUG = "demo-article";
/** Every command that opens the store, with the arguments it needs to get that far. */
const STORE_COMMANDS: string[][] = [
  ["runs"],
  ["cost"],
  ["flags"],
  ["decide", "1", "approve"],
  ["eval", "--from-reviews"],
  ["history", SLUG],
  ["diff", SLUG],
  ["render", SLUG],
  ["review", "--port", "0"],
  ["plan", SLUG],
  ["sources", SLUG, "--offline"],
  ["generate", SLUG, "--offline"],
];
/** The commands that never create a store: a missing --db is an error for these (plan aside). */
const READING_COMMANDS = STORE_COMMANDS.filter(([name]) => !["plan", "sources", "generate"].includes(name ?? ""));

describe("the store is checked when it is opened", () => {
  let dir: string;
  let good: string;
  const wikigen = (args: string[]) => runWikigen(args, { cwd: dir });
  const countRows = (file: string, table: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-hostile-store-"));
    writeArticleFixture(dir);
    expect((await wikigen(["generate", SLUG, "--offline"])).code).toBe(0);
    good = path.join(dir, "good.db");
    // A clean copy: closing the store checkpointed its WAL into runs.db.
    copyFileSync(path.join(dir, "runs.db"), good);
  }, 60_000);

  it("refuses a file of garbage in every command, naming it, and leaves its bytes alone", async () => {
    const garbage = Buffer.alloc(300_000, "this is not a SQLite file; ");
    writeFileSync(path.join(dir, "garbage.db"), garbage);
    for (const args of STORE_COMMANDS) {
      const run = await wikigen([...args, "--db", "garbage.db"]);
      expect([args[0], run.code, run.stderr]).toEqual([args[0], 1, `wikigen ${args[0]}: garbage.db: not a wikigen store (file is not a database)\n`]);
    }
    expect(readFileSync(path.join(dir, "garbage.db")).equals(garbage)).toBe(true);
  });

  it("refuses a truncated store in every command, naming it", async () => {
    writeFileSync(path.join(dir, "truncated.db"), readFileSync(good).subarray(0, 100_000));
    for (const args of STORE_COMMANDS) {
      const run = await wikigen([...args, "--db", "truncated.db"]);
      expect([args[0], run.code, run.stderr]).toEqual([
        args[0],
        1,
        `wikigen ${args[0]}: truncated.db: the store is damaged (database disk image is malformed); restore it from a backup, or pass another --db\n`,
      ]);
    }
  });

  it("names the file when damage shows only in a later query (a page of the runs table overwritten)", async () => {
    const file = path.join(dir, "bad-page.db");
    copyFileSync(good, file);
    const db = new Database(file, { readonly: true });
    const { rootpage } = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'runs'`).get() as { rootpage: number };
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    db.close();
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    const run = await wikigen(["runs", "--db", "bad-page.db"]);
    expect([run.code, run.stdout, run.stderr]).toEqual([1, "", "wikigen runs: bad-page.db: the store is damaged (database disk image is malformed); restore it from a backup, or pass another --db\n"]);
  });

  it("refuses a store missing a table before generate drafts or records anything, naming the table and the file", async () => {
    const file = path.join(dir, "no-reviews.db");
    copyFileSync(good, file);
    const db = new Database(file);
    db.exec("DROP TABLE reviews");
    db.close();
    const run = await wikigen(["generate", SLUG, "--offline", "--db", "no-reviews.db", "--out", "out-no-reviews"]);
    expect([run.code, run.stdout]).toEqual([1, ""]);
    expect(run.stderr).toBe(`wikigen generate: no-reviews.db: incomplete wikigen store (schema version ${MIGRATIONS.length}, but missing table reviews)\n`);
    expect(countRows(file, "runs")).toBe(1);
    expect(countRows(file, "article_versions")).toBe(1);
    expect(existsSync(path.join(dir, "out-no-reviews"))).toBe(false);
    const flags = await wikigen(["flags", "--db", "no-reviews.db"]);
    expect([flags.code, flags.stderr]).toEqual([1, `wikigen flags: no-reviews.db: incomplete wikigen store (schema version ${MIGRATIONS.length}, but missing table reviews)\n`]);
  });

  it("refuses another program's SQLite database without adding a table to it", async () => {
    const file = path.join(dir, "photos.db");
    const db = new Database(file);
    db.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
    db.close();
    for (const args of [["generate", SLUG, "--offline"], ["runs"], ["plan", SLUG]]) {
      const run = await wikigen([...args, "--db", "photos.db"]);
      expect([args[0], run.code, run.stderr]).toEqual([args[0], 1, `wikigen ${args[0]}: photos.db: not a wikigen store (a SQLite database with other tables: photos)\n`]);
    }
    const after = new Database(file, { readonly: true });
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()).toEqual([{ name: "photos" }]);
    after.close();
  });

  it("a mistyped --db is exit 1 'no store at ...' for every reading command, and no file appears", async () => {
    for (const args of READING_COMMANDS) {
      const run = await wikigen([...args, "--db", "runs.bd"]);
      expect([args[0], run.code, run.stdout, run.stderr]).toEqual([args[0], 1, "", `wikigen ${args[0]}: no store at runs.bd (run wikigen generate first, or pass --db)\n`]);
      expect(existsSync(path.join(dir, "runs.bd"))).toBe(false);
    }
  });

  it("plan with no store plans every article as new (as documented) and creates nothing; generate creates the store", async () => {
    const plan = await wikigen(["plan", SLUG, "--db", "fresh.db"]);
    expect([plan.code, plan.stdout.split("\n")[0]]).toEqual([0, `${SLUG}: new, never generated: 14 sections to draft`]);
    expect(existsSync(path.join(dir, "fresh.db"))).toBe(false);
    const generated = await wikigen(["generate", SLUG, "--offline", "--db", "fresh.db", "--out", "out-fresh"]);
    expect(generated.code).toBe(0);
    expect(countRows(path.join(dir, "fresh.db"), "article_versions")).toBe(1);
  });

  it("an empty file is no store for reading commands, nothing new for plan, and a new store for generate", async () => {
    writeFileSync(path.join(dir, "empty.db"), "");
    const runs = await wikigen(["runs", "--db", "empty.db"]);
    expect([runs.code, runs.stderr]).toEqual([1, "wikigen runs: empty.db: an empty database, not a wikigen store yet (run wikigen generate first, or pass --db)\n"]);
    expect(readFileSync(path.join(dir, "empty.db")).length).toBe(0);
    const plan = await wikigen(["plan", SLUG, "--db", "empty.db"]);
    expect([plan.code, plan.stdout.split("\n")[0]]).toEqual([0, `${SLUG}: new, never generated: 14 sections to draft`]);
    const generated = await wikigen(["generate", SLUG, "--offline", "--db", "empty.db", "--out", "out-empty"]);
    expect(generated.code).toBe(0);
    expect(countRows(path.join(dir, "empty.db"), "article_versions")).toBe(1);
  });
});
