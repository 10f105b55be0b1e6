import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";

// The offline default end to end on the example article: extractive provider, offline verifier,
// no key and no network, into a fresh store and output folder.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXAMPLE_SPEC = path.join(REPO, "articles", "communities-of-practice.yaml");

describe("generate on the example article with the offline defaults", () => {
  let run: CliRun;
  const harness = useIntegrationHarness({ prefix: "wikigen-offline-", project: { kind: "prompts-only" } });

  beforeAll(async () => {
    // The example's sources live in the repository's examples/ folder: a root the config allows.
    writeFileSync(path.join(harness.dir, "wikigen.config.yaml"), REPO_EXAMPLE_CONFIG);
    run = await harness.wikigen(["generate", EXAMPLE_SPEC, "--offline", "--json"]);
  }, 120_000);

  it("finishes every section (drafted or honestly not drafted) and reports the job as JSON", () => {
    expect([0, 3]).toContain(run.code);
    const summary = JSON.parse(run.stdout) as { articles: { slug: string; sections: { done: number; failed: number; not_drafted: number }; failed_sources: number; claims: { source: number; llm: number; example: number } }[] };
    const article = summary.articles[0];
    expect(article?.slug).toBe("communities-of-practice");
    expect(article?.failed_sources).toBe(0);
    expect(article?.sections.failed).toBe(0);
    expect(article?.sections.done).toBeGreaterThanOrEqual(11);
    expect(article?.claims.llm).toBe(0);
    expect(article?.claims.example).toBe(0);
    expect(article?.claims.source).toBeGreaterThan(40);
  });

  it("stores only sourced claims whose quotes occur verbatim in their snapshot text", () => {
    const db = harness.openDb();
    const claims = db.prepare("SELECT id, text, basis FROM claims").all() as { id: number; text: string; basis: string }[];
    expect(claims.length).toBeGreaterThan(40);
    expect(claims.every((claim) => claim.basis === "source")).toBe(true);
    const citations = db
      .prepare(
        `SELECT ci.claim_id, ci.quote, s.text_path FROM citations ci
         JOIN snapshots s ON s.text_sha256 = ci.text_sha256 AND s.raw_sha256 = ci.raw_sha256`,
      )
      .all() as { claim_id: number; quote: string; text_path: string }[];
    expect(new Set(citations.map((citation) => citation.claim_id)).size).toBe(claims.length);
    for (const citation of citations) {
      const text = readFileSync(path.join(harness.dir, "sources", citation.text_path), "utf8");
      expect(text.includes(citation.quote), citation.quote).toBe(true);
    }
    const notDrafted = db.prepare("SELECT section_id, error FROM sections WHERE status = 'not_drafted' ORDER BY position").all() as { section_id: string; error: string }[];
    expect(notDrafted.map((section) => section.section_id)).toEqual(expect.arrayContaining(["smart-objectives", "reflective-questions"]));
    expect(notDrafted.every((section) => section.error.startsWith("not drafted offline"))).toBe(true);
    const verdicts = db.prepare("SELECT COUNT(*) AS n FROM verdicts WHERE citation_id IS NULL").get() as { n: number };
    expect(verdicts.n).toBe(claims.length);
    const article = db.prepare("SELECT provider, model_requested, model_reported, api_version FROM article_versions").get();
    expect(article).toEqual({ provider: "extractive", model_requested: "extractive-5", model_reported: "extractive-5", api_version: null });
    db.close();
  });

  it("writes output/<slug>/article.json with the claims and provenance", () => {
    const article = JSON.parse(readFileSync(path.join(harness.dir, "output", "communities-of-practice", "article.json"), "utf8")) as {
      format: string;
      sections: { id: string; blocks: { claims: { citations: { quote_status: string }[] }[] }[] }[];
      sources: { snapshot: { text_sha256: string } | null }[];
    };
    expect(article.format).toBe("wikigen-article/1");
    expect(article.sections).toHaveLength(14);
    expect(article.sources.every((source) => source.snapshot !== null)).toBe(true);
    const statuses = article.sections.flatMap((section) => section.blocks.flatMap((block) => block.claims.flatMap((claim) => claim.citations.map((citation) => citation.quote_status))));
    expect(statuses.every((status) => status === "exact")).toBe(true);
  });
});
