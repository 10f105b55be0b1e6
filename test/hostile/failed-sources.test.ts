import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeArticleFixture } from "../helpers/article-fixture.ts";
import { startFakeAnthropic, type FakeAnthropic } from "../helpers/fake-anthropic.ts";
import { runWikigen } from "../helpers/run-cli.ts";
import { answerFromBody, bodyOf } from "../helpers/section-answer.ts";
import { withoutModelReads } from "../helpers/fake-models-route.ts";

// Issue 17, item 3: generate named no failed source; with a missing or empty source file it printed
// only "not_drafted (... no source sentence relevant ...)" lines. Each failed source is now reported
// with its reason (stderr, summary, --json), and an article none of whose sources could be read
// fails as a whole: exit 2, the reasons, no version, no section, no model call.

function count(dir: string, table: string): number {
  const db = new Database(path.join(dir, "runs.db"), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("generate names each failed source with its reason", () => {
  it("in the progress on stderr, the summary on stdout and the --json document", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-failed-source-"));
    writeArticleFixture(dir);
    rmSync(path.join(dir, "docs", "two.txt"));
    const missing = path.join(dir, "docs", "two.txt");
    const reason = `${pathToFileURL(missing).href}: no such file (${missing})`;

    const text = await runWikigen(["generate", "demo-article"], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`demo-article: source 2 failed: ${reason}\n`);
    expect(text.stdout).toContain(`demo-article: source 2 failed: ${reason}\n`);
    // The article itself was drafted from the source that could be read.
    expect(text.stdout).toMatch(/^demo-article v1 +done /m);

    const json = await runWikigen(["generate", "demo-article", "--json"], { cwd: dir });
    expect(json.code).toBe(2);
    const document = JSON.parse(json.stdout) as { failed_sources: unknown[]; articles: { slug: string; failed_sources: number }[] };
    expect(document.failed_sources).toEqual([{ slug: "demo-article", number: 2, url: "file:../docs/two.txt", kind: "not_found", error: reason }]);
    expect(document.articles.map((article) => [article.slug, article.failed_sources])).toEqual([["demo-article", 1]]);
  });
});

describe("an article whose every source failed", () => {
  let fake: FakeAnthropic;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    fake.setResponder((request) => ({ kind: "message", content: answerFromBody(bodyOf(request)) }));
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-all-failed-"));
    writeArticleFixture(dir, { configLines: ["provider:", "  name: anthropic"] });
    writeFileSync(path.join(dir, "docs", "one.txt"), "");
    rmSync(path.join(dir, "docs", "two.txt"));
  });

  afterAll(async () => {
    await fake.close();
  });

  it("fails with every reason and exit 2, before any version, section or model call", async () => {
    const env = { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl };
    const run = await runWikigen(["generate", "demo-article"], { cwd: dir, env });
    expect(run.code).toBe(2);
    const one = pathToFileURL(path.join(dir, "docs", "one.txt")).href;
    const two = path.join(dir, "docs", "two.txt");
    expect(run.stdout).toContain(
      [
        "demo-article: failed: every source failed (2 of 2); nothing was drafted",
        `  source 1: ${one}: no text found in the text document (0 bytes)`,
        `  source 2: ${pathToFileURL(two).href}: no such file (${two})`,
      ].join("\n"),
    );
    expect(run.stderr).toContain(`demo-article: source 1 failed: ${one}: no text found in the text document (0 bytes)`);
    expect(run.stderr).not.toContain("not_drafted");
    expect(run.stderr).not.toContain("drafting 14 sections");
    expect(withoutModelReads(fake.requests)).toHaveLength(0);
    expect([count(dir, "article_versions"), count(dir, "sections"), count(dir, "model_calls")]).toEqual([0, 0, 0]);
    expect(existsSync(path.join(dir, "output", "demo-article"))).toBe(false);

    const json = await runWikigen(["generate", "demo-article", "--json"], { cwd: dir, env });
    expect(json.code).toBe(2);
    const document = JSON.parse(json.stdout) as { articles: unknown[]; failures: { slug: string; error: string }[]; failed_sources: { number: number; kind: string }[] };
    expect(document.articles).toEqual([]);
    expect(document.failures).toHaveLength(1);
    expect(document.failures[0]?.error).toContain("every source failed (2 of 2); nothing was drafted\n  source 1: ");
    expect(document.failed_sources.map((source) => [source.number, source.kind])).toEqual([
      [1, "extract_failed"],
      [2, "not_found"],
    ]);
    expect(withoutModelReads(fake.requests)).toHaveLength(0);
  });
});
