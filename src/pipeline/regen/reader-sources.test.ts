import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../store/migrations.ts";
import type { ArticleSpec, ResolvedSource } from "../../spec/article-spec.ts";
import { mergeReaderSources, readerSourcesAdded, type ReaderSourceAdded } from "./reader-sources.ts";

// The merge alone: which reader sources join the spec from disk, under which number, and what plan
// is told. The path through the store and the CLI is test/revisions-regen.test.ts.

function source(number: number, url: string, tier: "T1" | "T2" | "T3" = "T1"): ResolvedSource {
  return { number, url, title: url, tier, resolvedUrl: url };
}

function spec(sources: ResolvedSource[], drop?: string[]): ArticleSpec {
  return {
    slug: "demo",
    title: "Demo",
    spec_version: 1,
    template: "clinical-theory",
    topic: "demo",
    metadata: { type: "Theory", discipline: ["Psychology"], evidence_status: "Emerging", populations: [], problems: [], key_figures: [] },
    sources,
    file: "articles/demo.yaml",
    hash: "h",
    ...(drop ? { drop_reader_sources: drop } : {}),
  };
}

const A = "https://a.example/one";
const B = "https://b.example/two";
const READER = "https://reader.example/guide";
const SECOND = "https://reader.example/second";

function added(suggestionId: number, version: number, number: number, url: string): ReaderSourceAdded {
  return { suggestionId, version, source: { ...source(number, url, "T3"), note: `suggested by a reader (suggestion #${suggestionId})` } };
}

describe("mergeReaderSources", () => {
  it("adds each reader source under its number, once, and says so", () => {
    const merged = mergeReaderSources(spec([source(1, A), source(2, B)]), [added(1, 2, 3, READER), added(2, 3, 4, SECOND), added(3, 4, 5, READER)]);
    expect(merged.spec.sources.map((entry) => [entry.number, entry.url, entry.tier])).toEqual([
      [1, A, "T1"],
      [2, B, "T1"],
      [3, READER, "T3"],
      [4, SECOND, "T3"],
    ]);
    expect(merged.notes).toEqual([
      `source 3 (${READER}) added by reader revision #1 (v2) is carried: demo.yaml does not list it`,
      `source 4 (${SECOND}) added by reader revision #2 (v3) is carried: demo.yaml does not list it`,
    ]);
    expect(merged.warnings).toEqual([]);
  });

  it("leaves the spec as it is when the team lists the URL itself", () => {
    const onDisk = spec([source(1, A), source(7, READER, "T2")]);
    const merged = mergeReaderSources(onDisk, [added(1, 2, 2, READER)]);
    expect(merged.spec).toBe(onDisk);
    expect(merged.notes).toEqual([]);
  });

  it("renumbers a reader source whose number the spec now gives another source", () => {
    const merged = mergeReaderSources(spec([source(1, A), source(2, B), source(3, "https://new.example/x")]), [added(1, 2, 3, READER)]);
    expect(merged.spec.sources.map((entry) => [entry.number, entry.url])).toContainEqual([4, READER]);
    expect(merged.notes).toEqual([`source 3 (${READER}) added by reader revision #1 (v2) is carried as source 4 (the spec's source 3 is another): demo.yaml does not list it`]);
  });

  it("drops a URL listed under drop_reader_sources and warns about an entry that matches nothing", () => {
    const onDisk = spec([source(1, A)], [READER, "https://typo.example/guide", A]);
    const merged = mergeReaderSources(onDisk, [added(1, 2, 2, READER)]);
    expect(merged.spec.sources.map((entry) => entry.url)).toEqual([A]);
    expect(merged.notes).toEqual([`source 2 (${READER}) added by reader revision #1 (v2) is dropped: listed under drop_reader_sources`]);
    expect(merged.warnings).toEqual([
      "drop_reader_sources lists https://typo.example/guide, which no approved reader revision added",
      `drop_reader_sources lists ${A}, which no approved reader revision added (the spec lists it among its sources)`,
    ]);
  });
});

describe("readerSourcesAdded", () => {
  it("finds none in a store from before the suggestions table (plan reads such a store unmigrated)", () => {
    const db = new Database(":memory:");
    try {
      for (const sql of MIGRATIONS.slice(0, 7)) db.exec(sql);
      expect(readerSourcesAdded(db, "demo")).toEqual([]);
    } finally {
      db.close();
    }
  });
});
