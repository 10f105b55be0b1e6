import Database from "better-sqlite3";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specYaml, writeArticleFixture } from "../helpers/article-fixture.ts";
import { runWikigen } from "../helpers/run-cli.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

// Issue 17, item 4: 300 kB of random bytes saved as .html were decoded as Windows-1252 into 240k
// characters of mojibake, and generate exited 0 for an article with no claims. A source whose bytes
// are not text of its declared type is now a per-source error naming why, and a finished article
// without a single claim exits 2 with a message.

function junk(bytes: number, seed: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
}

function writeSpec(dir: string, sources: { url: string; title: string; tier: string }[]): void {
  writeFileSync(path.join(dir, "articles", "demo-article.yaml"), specYaml("demo-article", sources));
}

function snapshotCount(dir: string): number {
  const db = new Database(path.join(dir, "runs.db"), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM snapshots").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("bytes that are not text are refused as a source", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    // Junk served under text types, with and without a charset.
    server = createServer((request, response) => {
      const contentType = request.url === "/junk-utf8" ? "text/html; charset=utf-8" : request.url === "/png-as-text" ? "text/plain" : "text/html";
      const body = request.url === "/png-as-text" ? Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), junk(4_000, 3)]) : junk(50_000, 2);
      response.writeHead(200, { "content-type": contentType, "content-length": body.length });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("300 kB of random bytes saved as .html: a per-source error, the other sources go on", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-junk-"));
    writeArticleFixture(dir);
    writeFileSync(path.join(dir, "docs", "junk.html"), junk(300_000, 1));
    writeSpec(dir, [
      { url: "file:../docs/one.txt", title: "Origins of communities of practice", tier: "T1" },
      { url: "file:../docs/junk.html", title: "Junk", tier: "T2" },
      { url: `${base}/junk`, title: "Junk over HTTP", tier: "T2" },
      { url: `${base}/junk-utf8`, title: "Junk declared UTF-8", tier: "T2" },
      { url: `${base}/png-as-text`, title: "A PNG served as text", tier: "T3" },
    ]);
    const run = await runWikigen(["sources", "demo-article", "--json"], { cwd: dir });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { articles: { sources: { number: number; outcome: string; error: { kind: string; message: string } | null }[] }[] };
    const sources = report.articles[0]?.sources ?? [];
    expect(sources.map((source) => [source.number, source.outcome, source.error?.kind ?? null])).toEqual([
      [1, "fetched", null],
      [2, "failed", "not_text"],
      [3, "failed", "not_text"],
      [4, "failed", "not_text"],
      [5, "failed", "not_text"],
    ]);
    expect(sources[1]?.error?.message).toBe(`${pathToFileURL(path.join(dir, "docs", "junk.html")).href}: not text: 13% control characters (declared text/html)`);
    expect(sources[2]?.error?.message).toBe(`${base}/junk: not text: 13% control characters (declared text/html)`);
    expect(sources[3]?.error?.message).toMatch(new RegExp(`^${base}/junk-utf8: not text: \\d+% control characters \\(declared text/html\\)$`));
    expect(sources[4]?.error?.message).toBe(`${base}/png-as-text: not text: the bytes are a PNG image (declared text/plain)`);
    // Only the real text became a snapshot.
    expect(snapshotCount(dir)).toBe(1);
  });

  it("generate with junk as the only source fails the article with the reason, exit 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-junk-only-"));
    writeArticleFixture(dir);
    writeFileSync(path.join(dir, "docs", "junk.html"), junk(300_000, 1));
    writeSpec(dir, [{ url: "file:../docs/junk.html", title: "Junk", tier: "T2" }]);
    const run = await runWikigen(["generate", "demo-article"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      `demo-article: failed: every source failed (1 of 1); nothing was drafted\n  source 1: ${pathToFileURL(path.join(dir, "docs", "junk.html")).href}: not text: 13% control characters (declared text/html)`,
    );
  });
});

describe("an article whose sections drafted no claims at all", () => {
  it("exits 2 and says so, in the summary and in --json", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-no-claims-"));
    writeArticleFixture(dir);
    // Readable text that has nothing to do with the article's topic: every section comes back empty.
    writeFileSync(path.join(dir, "docs", "bread.txt"), "Bake the loaf at two hundred degrees.\n\nKnead the dough for ten minutes until smooth.\n");
    writeSpec(dir, [{ url: "file:../docs/bread.txt", title: "Bread", tier: "T3" }]);
    const run = await runWikigen(["generate", "demo-article"], { cwd: dir });
    expect(run.stdout).toMatch(/^demo-article v1 +done +0\/0\/14 +0\/0\/0 /m);
    expect(run.stdout).toContain("demo-article: no claims: not one section drafted a sentence from the sources\n");
    expect(run.code).toBe(2);

    const json = await runWikigen(["generate", "demo-article", "--json"], { cwd: dir });
    expect(json.code).toBe(2);
    const document = JSON.parse(json.stdout) as { articles: { slug: string; no_claims: boolean; claims: { source: number } }[] };
    expect(document.articles.map((article) => [article.slug, article.no_claims, article.claims.source])).toEqual([["demo-article", true, 0]]);
  });
});
