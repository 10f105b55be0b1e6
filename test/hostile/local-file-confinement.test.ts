import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { REPO_PROMPTS, specYaml, UNLIMITED_RUN_LINES, writeArticleFixture } from "../helpers/article-fixture.ts";
import { runWikigen } from "../helpers/run-cli.ts";

// Issue 17, item 2: a spec or a claims file written by someone else must not read files outside the
// project. file: sources and check's source_file are confined to paths.local_roots (by default the
// project root: the working directory, or the folder of the --config file), symlinks resolved.

const SECRET = "Communities of practice are groups of people who share a secret outside the project root.";

interface Workspace {
  /** Holds the project and, beside it, a file the project must not read. */
  top: string;
  project: string;
  outside: string;
}

function makeWorkspace(): Workspace {
  const top = mkdtempSync(path.join(tmpdir(), "wikigen-confine-"));
  const project = path.join(top, "project");
  mkdirSync(project);
  writeArticleFixture(project);
  const outside = path.join(top, "outside.txt");
  writeFileSync(outside, `${SECRET}\n`);
  return { top, project, outside };
}

function writeSpec(project: string, secondUrl: string): void {
  writeFileSync(
    path.join(project, "articles", "demo-article.yaml"),
    specYaml("demo-article", [
      { url: "file:../docs/one.txt", title: "Origins of communities of practice", tier: "T1" },
      { url: secondUrl, title: "Planted source", tier: "T3" },
    ]),
  );
}

/** Every snapshot file's text under the project's sources/ folder. */
function snapshotTexts(project: string): string[] {
  const dir = path.join(project, "sources");
  let names: string[] = [];
  try {
    names = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      return [readFileSync(path.join(dir, name), "utf8")];
    } catch {
      return [];
    }
  });
}

function fetchRows(project: string): { url: string; outcome: string; error_kind: string | null; error_message: string | null }[] {
  const db = new Database(path.join(project, "runs.db"), { readonly: true });
  try {
    return db.prepare("SELECT url, outcome, error_kind, error_message FROM fetches ORDER BY id").all() as never;
  } finally {
    db.close();
  }
}

describe("local file: sources are confined to the project root", () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = makeWorkspace();
  });

  it("refuses a relative path that climbs out of the project, per source, and snapshots nothing of it", async () => {
    writeSpec(ws.project, "file:../../outside.txt");
    const run = await runWikigen(["generate", "demo-article"], { cwd: ws.project });
    expect(run.code).toBe(2);
    const outsideUrl = pathToFileURL(ws.outside).href;
    const reason = `${outsideUrl}: outside the allowed local roots (${ws.project}; set paths.local_roots to allow more)`;
    const sources = await runWikigen(["sources", "demo-article"], { cwd: ws.project });
    expect(sources.code).toBe(2);
    expect(sources.stdout).toContain(`  source 2: ${reason}`);
    const rows = fetchRows(ws.project);
    expect(rows.find((row) => row.url === outsideUrl)).toMatchObject({ outcome: "failed", error_kind: "outside_local_roots", error_message: reason });
    // The other source went on and was snapshotted; the outside file's text is nowhere in the snapshots.
    expect(rows.find((row) => row.url.endsWith("/docs/one.txt"))).toMatchObject({ outcome: "fetched", error_kind: null });
    expect(snapshotTexts(ws.project).some((text) => text.includes("secret outside"))).toBe(false);
    expect(snapshotTexts(ws.project).some((text) => text.includes("Jean Lave"))).toBe(true);
  });

  it("refuses an absolute file:/// URL outside the roots, whether or not the file exists", async () => {
    writeSpec(ws.project, pathToFileURL(path.join(ws.top, "no-such-file.txt")).href);
    const run = await runWikigen(["sources", "demo-article"], { cwd: ws.project });
    expect(run.code).toBe(2);
    // Not "no such file": the answer does not tell what exists outside the project.
    expect(run.stdout).toContain(`source 2: ${pathToFileURL(path.join(ws.top, "no-such-file.txt")).href}: outside the allowed local roots (${ws.project};`);
    expect(run.stdout).toContain("failed: outside_local_roots");
  });

  it("refuses a symlink inside the project that points outside it", async () => {
    symlinkSync(ws.outside, path.join(ws.project, "docs", "innocent.txt"));
    writeSpec(ws.project, "file:../docs/innocent.txt");
    const run = await runWikigen(["sources", "demo-article"], { cwd: ws.project });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`source 2: ${pathToFileURL(path.join(ws.project, "docs", "innocent.txt")).href}: a link to ${ws.outside}, outside the allowed local roots (${ws.project};`);
    expect(snapshotTexts(ws.project).some((text) => text.includes("secret outside"))).toBe(false);
  });

  it("reads from an extra root the config names, and `wikigen config` shows the resolved roots", async () => {
    writeFileSync(
      path.join(ws.project, "wikigen.config.yaml"),
      ["paths:", `  prompts: ${REPO_PROMPTS}`, '  local_roots: [".", ".."]', ...UNLIMITED_RUN_LINES, ""].join("\n"),
    );
    writeSpec(ws.project, "file:../../outside.txt");
    const sources = await runWikigen(["sources", "demo-article", "--json"], { cwd: ws.project });
    expect(sources.code).toBe(0);
    const report = JSON.parse(sources.stdout) as { articles: { sources: { number: number; outcome: string; error: unknown }[] }[] };
    expect(report.articles[0]?.sources.map((source) => [source.number, source.outcome, source.error])).toEqual([
      [1, "fetched", null],
      [2, "fetched", null],
    ]);
    const config = await runWikigen(["config", "--json"], { cwd: ws.project });
    const values = (JSON.parse(config.stdout) as { values: { key: string; value: unknown; origin: string }[] }).values;
    expect(values.find((row) => row.key === "paths.local_roots")).toEqual({ key: "paths.local_roots", value: [ws.project, ws.top], origin: "file" });
  });

  it("resolves the default root against the folder of a --config file named elsewhere", async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), "wikigen-confine-cwd-"));
    const config = await runWikigen(["config", "--json", "--config", path.join(ws.project, "wikigen.config.yaml")], { cwd: elsewhere });
    const values = (JSON.parse(config.stdout) as { values: { key: string; value: unknown; origin: string }[] }).values;
    expect(values.find((row) => row.key === "paths.local_roots")).toEqual({ key: "paths.local_roots", value: [ws.project], origin: "default" });
  });

  it("rejects a malformed paths.local_roots naming the key", async () => {
    writeFileSync(path.join(ws.project, "wikigen.config.yaml"), "paths:\n  local_roots: /etc\n");
    const run = await runWikigen(["config"], { cwd: ws.project });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("wikigen.config.yaml: paths.local_roots: ");
  });
});

describe("check's source_file is confined too", () => {
  it("refuses /etc/passwd by a climbing path and by a symlink, per line, and prints none of it", async () => {
    const ws = makeWorkspace();
    symlinkSync(ws.outside, path.join(ws.project, "docs", "innocent.txt"));
    const lines = [
      { id: "passwd", claim: "root has a login shell.", source_file: "../../../../../../../../etc/passwd", quote: "root" },
      { id: "link", claim: "Communities share a secret.", source_file: "docs/innocent.txt", quote: "share a secret" },
      { id: "inside", claim: "Lave and Wenger introduced the term in 1991.", source_file: "docs/one.txt", quote: "Jean Lave and Etienne Wenger introduced the term in 1991." },
    ];
    writeFileSync(path.join(ws.project, "claims.jsonl"), `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    const run = await runWikigen(["check", "--input", "claims.jsonl"], { cwd: ws.project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `claims.jsonl:1: source_file: ../../../../../../../../etc/passwd: outside the allowed local roots (${ws.project}; set paths.local_roots to allow more)`,
    );
    expect(run.stderr).toContain(`claims.jsonl:2: source_file: docs/innocent.txt: a link to ${ws.outside}, outside the allowed local roots (${ws.project};`);
    const verdicts = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: string; verdict: string });
    expect(verdicts.map((verdict) => [verdict.id, verdict.verdict])).toEqual([["inside", "supported"]]);
    expect(run.stdout).not.toContain("root:");
    expect(run.stdout).not.toContain("secret");
  });
});
