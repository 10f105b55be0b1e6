import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSourceServer, type SourceServer } from "./helpers/source-server.ts";
import { runWikigen } from "./helpers/run-cli.ts";

// `wikigen sources` end to end: a spec whose sources cover every fetch case of the local server,
// each ending in a snapshot or in a failed fetch row, with the others unaffected.

const CASES: { path: string; outcome: "fetched" | "failed"; kind?: string; status?: number }[] = [
  { path: "/page", outcome: "fetched" },
  { path: "/redirect/1", outcome: "fetched" },
  { path: "/loop/a", outcome: "failed", kind: "redirect_loop" },
  { path: "/missing", outcome: "failed", kind: "http_status", status: 404 },
  { path: "/flaky", outcome: "fetched" },
  { path: "/limited", outcome: "fetched" },
  { path: "/slow", outcome: "failed", kind: "timeout" },
  { path: "/huge", outcome: "failed", kind: "too_large" },
  { path: "/image", outcome: "failed", kind: "unsupported_type" },
  { path: "/cp1252", outcome: "fetched" },
  { path: "/doc.pdf", outcome: "fetched" },
];

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => statSync(path.join(dir, name)).isFile()).sort();
  } catch {
    return [];
  }
}

describe("wikigen sources", () => {
  let server: SourceServer;
  let dir: string;

  beforeAll(async () => {
    server = await startSourceServer();
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-sources-"));
    writeFileSync(
      path.join(dir, "wikigen.config.yaml"),
      [
        "fetch:",
        "  connect_timeout_ms: 1000",
        "  total_timeout_ms: 1500",
        "  max_bytes: 65536",
        "  max_retries: 2",
        "  retry_base_delay_ms: 20",
        "  max_retry_after_ms: 5000",
        "",
      ].join("\n"),
    );
    const sources = CASES.map((testCase, index) => `  - number: ${index + 1}\n    url: ${server.url(testCase.path)}\n    title: case ${testCase.path}\n    tier: T2`);
    writeFileSync(
      path.join(dir, "fetch-cases.yaml"),
      [
        "slug: fetch-cases",
        "title: Fetch cases",
        "spec_version: 1",
        "template: clinical-theory",
        "topic: fetching",
        "metadata:",
        "  type: Test",
        "  discipline: [Testing]",
        "  evidence_status: n/a",
        "sources:",
        ...sources,
        "",
      ].join("\n"),
    );
  });

  afterAll(async () => {
    await server.close();
  });

  it("snapshots what can be fetched, records a failed row for the rest, and exits 2", async () => {
    const run = await runWikigen(["sources", "fetch-cases.yaml", "--json"], { cwd: dir });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { articles: { sources: { number: number; outcome: string; error: { kind: string } | null; status: number | null; kind: string | null; title: string | null }[] }[] };
    const results = report.articles[0]?.sources ?? [];
    expect(results.map((result) => [result.outcome, result.error?.kind ?? null])).toEqual(
      CASES.map((testCase) => [testCase.outcome, testCase.kind ?? null]),
    );
    expect(results[3]?.status).toBe(404);
    expect(results.find((result) => result.number === 11)?.kind).toBe("pdf");

    const db = new Database(path.join(dir, "runs.db"), { readonly: true });
    const rows = db.prepare("SELECT url, outcome, status, error_kind, raw_sha256, text_sha256, extractor_id, fetched_at, content_type FROM fetches ORDER BY id").all() as {
      url: string;
      outcome: string;
      status: number | null;
      error_kind: string | null;
      raw_sha256: string | null;
      text_sha256: string | null;
      extractor_id: string | null;
      fetched_at: string;
      content_type: string | null;
    }[];
    db.close();
    expect(rows).toHaveLength(CASES.length);
    for (const testCase of CASES) {
      const row = rows.find((candidate) => candidate.url === server.url(testCase.path));
      expect(row?.outcome).toBe(testCase.outcome);
      expect(row?.error_kind ?? undefined).toBe(testCase.kind);
      if (testCase.outcome === "fetched") {
        expect(row?.raw_sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(listFiles(path.join(dir, "sources"))).toContain(path.join(row?.raw_sha256?.slice(0, 2) ?? "", row?.raw_sha256 ?? "", "raw"));
      }
    }
    expect(server.hits("/flaky")).toBe(2);
    expect(server.hits("/limited")).toBe(2);
  });

  it("decodes the Windows-1252 page and keeps the PDF's text layer", async () => {
    const run = await runWikigen(["sources", "fetch-cases.yaml", "--json", "--offline"], { cwd: dir });
    const report = JSON.parse(run.stdout) as { articles: { sources: { number: number; text_sha256: string | null }[] }[] };
    const db = new Database(path.join(dir, "runs.db"), { readonly: true });
    const textOf = (number: number): string => {
      const hash = report.articles[0]?.sources.find((source) => source.number === number)?.text_sha256;
      const row = db.prepare("SELECT text_path FROM snapshots WHERE text_sha256 = ?").get(hash) as { text_path: string };
      return readFileSync(path.join(dir, "sources", row.text_path), "utf8");
    };
    expect(textOf(10)).toMatch(/[“”–]/);
    expect(textOf(10)).not.toMatch(/[\u0080-\u009f]/);
    expect(textOf(11)).toContain("Situated learning holds that knowledge is inseparable");
    db.close();
  });

  it("re-running with --refresh on unchanged pages writes no new snapshot files", async () => {
    const before = listFiles(path.join(dir, "sources"));
    const pageHitsBefore = server.hits("/page");
    const run = await runWikigen(["sources", "fetch-cases.yaml", "--json", "--refresh"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(listFiles(path.join(dir, "sources"))).toEqual(before);
    const report = JSON.parse(run.stdout) as { articles: { sources: { number: number; outcome: string; new_files: number }[] }[] };
    const page = report.articles[0]?.sources.find((source) => source.number === 1);
    expect(page?.outcome).toBe("not_modified");
    // /page itself and the end of the /redirect/1 chain, both answered 304.
    expect(server.hits("/page")).toBe(pageHitsBefore + 2);
    expect(report.articles[0]?.sources.every((source) => source.new_files === 0)).toBe(true);
  });

  it("reuses fresh snapshots without touching the network, and --offline fails sources never fetched", async () => {
    const hitsBefore = server.requests.length;
    const reuse = await runWikigen(["sources", "fetch-cases.yaml", "--json", "--offline"], { cwd: dir });
    const report = JSON.parse(reuse.stdout) as { articles: { sources: { number: number; outcome: string; error: { kind: string; message: string } | null }[] }[] };
    const outcomes = report.articles[0]?.sources ?? [];
    expect(outcomes.filter((source) => CASES[source.number - 1]?.outcome === "fetched").every((source) => source.outcome === "reused")).toBe(true);
    const neverFetched = outcomes.find((source) => source.number === 3);
    expect(neverFetched?.error?.kind).toBe("offline_no_snapshot");
    expect(neverFetched?.error?.message).toContain("no snapshot stored and --offline forbids fetching it");
    expect(server.requests.length).toBe(hitsBefore);
  });

  it("prints a table with number, url, status, bytes, short hash, age and extractor", async () => {
    const run = await runWikigen(["sources", "fetch-cases.yaml", "--offline"], { cwd: dir });
    const lines = run.stdout.split("\n");
    expect(lines[1]).toMatch(/^#\s+url\s+status\s+bytes\s+hash\s+age\s+extractor$/);
    expect(lines.find((line) => line.startsWith(" 1 ") || line.startsWith("1 "))).toMatch(/reused (200|304)\s+\d+\s+[0-9a-f]{12}\s+\d+s\s+wikigen-html@/);
    expect(run.stdout).toContain("source 3: ");
  });

  it("stops with a clear message on a bad spec and writes nothing", async () => {
    writeFileSync(path.join(dir, "bad.yaml"), "slug: bad\ntitle: x\nspec_version: 1\ntemplate: clinical-theory\ntopic: t\nmetadata:\n  type: T\n  discipline: [D]\n  evidence_status: e\nsources:\n  - number: 1\n    url: http://127.0.0.1:1/x\n    title: x\n    tier: T4\n");
    const before = listFiles(path.join(dir, "sources"));
    const run = await runWikigen(["sources", "bad.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('wikigen sources: bad.yaml: sources[0].tier: expected T1|T2|T3, got "T4"\n');
    expect(listFiles(path.join(dir, "sources"))).toEqual(before);
  });
});
