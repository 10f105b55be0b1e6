import { describe, expect, it } from "vitest";
import type { CurrentArticle, CurrentEnvironment, StoredArticleFingerprint, StoredSectionFingerprint } from "./fingerprints.ts";
import { planRegeneration } from "./plan-regeneration.ts";

// planRegeneration as a pure function: one case per trigger, each comparing whole plans, built from
// a stored article that is up to date against today's fingerprints and then changed in one place.

const NOW = new Date("2026-11-30T03:00:00Z");
const FRESH = "2026-11-20T03:00:00Z";
const OLD = "2026-10-01T03:00:00Z";

function storedSection(rowId: number, sectionId: string, sources: Record<string, string>, verifierVersion = "1.2"): StoredSectionFingerprint {
  return {
    rowId,
    sectionId,
    status: "done",
    error: null,
    prompt: { version: 3, hash: `hash-${sectionId}` },
    provider: "anthropic",
    model: "claude-sonnet-5",
    verifiers: [{ id: "offline", version: verifierVersion }],
    snapshotHashes: sources,
  };
}

function storedArticle(): StoredArticleFingerprint {
  return {
    slug: "demo",
    version: 4,
    specVersion: 2,
    specHash: "spec-hash",
    template: { id: "clinical-theory", version: 1, hash: "template-hash" },
    systemPrompt: { version: 1, hash: "system-hash" },
    pipelineVersion: "0.1.0",
    sections: [
      storedSection(11, "summary", { "1": "text-1", "2": "text-2" }),
      storedSection(12, "evidence-base", { "2": "text-2", "3": "text-3" }),
      storedSection(13, "key-terms", { "1": "text-1" }),
    ],
  };
}

function currentArticle(): CurrentArticle {
  return {
    slug: "demo",
    specVersion: 2,
    specHash: "spec-hash",
    template: { id: "clinical-theory", version: 1, hash: "template-hash" },
    systemPrompt: { id: "system", version: 1, hash: "system-hash" },
    sections: ["summary", "evidence-base", "key-terms"].map((id) => ({ id, version: 3, hash: `hash-${id}` })),
    sources: [
      { number: 1, url: "file:///docs/one.txt", isLocal: true, textSha256: "text-1", fetchedAt: null, error: null },
      { number: 2, url: "https://example.org/two", isLocal: false, textSha256: "text-2", fetchedAt: FRESH, error: null },
      { number: 3, url: "https://example.org/three", isLocal: false, textSha256: "text-3", fetchedAt: FRESH, error: null },
    ],
  };
}

function environment(): CurrentEnvironment {
  return { provider: "anthropic", model: "claude-sonnet-5", verifier: { id: "offline", version: "1.2" }, pipelineVersion: "0.1.0", maxAgeDays: 30, now: NOW };
}

function plan(change: { stored?: (s: StoredArticleFingerprint) => void; current?: (c: CurrentArticle) => void; environment?: Partial<CurrentEnvironment> } = {}) {
  const stored = storedArticle();
  const current = currentArticle();
  change.stored?.(stored);
  change.current?.(current);
  const result = planRegeneration([stored], { articles: [current], environment: { ...environment(), ...change.environment } });
  expect(result.warnings).toEqual([]);
  const article = result.articles[0];
  if (!article) throw new Error("no article planned");
  return article;
}

/** section id -> [action, reasons], for comparing a whole plan's sections at once. */
function actions(article: ReturnType<typeof plan>): Record<string, [string, string[]]> {
  return Object.fromEntries(article.sections.map((section) => [section.sectionId, [section.action, section.reasons]]));
}

const KEEP: [string, string[]] = ["keep", []];

describe("planRegeneration", () => {
  it("finds nothing to do when every fingerprint matches", () => {
    const article = plan();
    expect(article).toEqual({
      slug: "demo",
      status: "up_to_date",
      storedVersion: 4,
      reasons: [],
      refetch: [],
      sections: [
        { sectionId: "summary", action: "keep", reasons: [], storedRowId: 11, awaitingRefetch: [] },
        { sectionId: "evidence-base", action: "keep", reasons: [], storedRowId: 12, awaitingRefetch: [] },
        { sectionId: "key-terms", action: "keep", reasons: [], storedRowId: 13, awaitingRefetch: [] },
      ],
      warnings: [],
    });
  });

  it("redrafts only the section whose prompt version was bumped", () => {
    const article = plan({ current: (c) => void (c.sections[1] = { id: "evidence-base", version: 4, hash: "hash-evidence-base-v4" }) });
    expect(article.status).toBe("stale");
    expect(actions(article)).toEqual({ summary: KEEP, "evidence-base": ["redraft", ["prompt evidence-base 3 -> 4"]], "key-terms": KEEP });
  });

  it("warns about a prompt edited without a version bump and redrafts nothing", () => {
    const article = plan({ current: (c) => void (c.sections[0] = { id: "summary", version: 3, hash: "edited" }) });
    expect(article.status).toBe("up_to_date");
    expect(actions(article)).toEqual({ summary: KEEP, "evidence-base": KEEP, "key-terms": KEEP });
    expect(article.warnings).toEqual(["prompt summary changed without a version bump (still version 3): not redrafted; bump its version to regenerate"]);
  });

  it("redrafts every section when the model changes", () => {
    const article = plan({ environment: { model: "claude-sonnet-5-5" } });
    const reason = "model claude-sonnet-5 -> claude-sonnet-5-5";
    expect(actions(article)).toEqual({ summary: ["redraft", [reason]], "evidence-base": ["redraft", [reason]], "key-terms": ["redraft", [reason]] });
  });

  it("redrafts every section when the spec version or the spec file changes, and says which", () => {
    const bumped = plan({ current: (c) => Object.assign(c, { specVersion: 3, specHash: "spec-hash-3" }) });
    expect(bumped.reasons).toEqual(["spec 2 -> 3"]);
    expect(bumped.sections.map((section) => [section.action, section.reasons])).toEqual(Array(3).fill(["redraft", ["spec 2 -> 3"]]));
    const edited = plan({ current: (c) => Object.assign(c, { specHash: "spec-hash-edited" }) });
    expect(edited.reasons).toEqual(["spec edited without a version bump (spec_version 2)"]);
    expect(edited.sections.every((section) => section.action === "redraft")).toBe(true);
  });

  it("redrafts only the sections that used a source whose content changed", () => {
    const article = plan({ current: (c) => void Object.assign(c.sources[2] ?? {}, { textSha256: "text-3-new" }) });
    expect(actions(article)).toEqual({ summary: KEEP, "evidence-base": ["redraft", ["source 3 content changed"]], "key-terms": KEEP });
  });

  it("lists a snapshot older than the max age for re-fetch, with the sections waiting on it", () => {
    const article = plan({ current: (c) => void Object.assign(c.sources[2] ?? {}, { fetchedAt: OLD }) });
    expect(article.status).toBe("refetch");
    expect(article.refetch).toEqual([
      { source: 3, url: "https://example.org/three", reason: "source 3 snapshot older than 30 days: re-fetch", sections: ["evidence-base"] },
    ]);
    expect(actions(article)).toEqual({ summary: KEEP, "evidence-base": KEEP, "key-terms": KEEP });
    expect(article.sections[1]?.awaitingRefetch).toEqual([3]);
  });

  it("re-verifies without redrafting when only the verifier changed", () => {
    const article = plan({
      environment: { verifier: { id: "offline", version: "1.3" } },
      stored: (s) => void (s.sections[2] = { ...storedSection(13, "key-terms", { "1": "text-1" }), verifiers: [] }),
    });
    expect(article.status).toBe("stale");
    const reason = "verifier offline 1.2 -> 1.3: no redraft";
    // key-terms has no sourced claims, so there is nothing to re-verify.
    expect(actions(article)).toEqual({ summary: ["reverify", [reason]], "evidence-base": ["reverify", [reason]], "key-terms": KEEP });
  });

  it("redrafts every section when the pipeline version changes", () => {
    const article = plan({ environment: { pipelineVersion: "0.2.0" } });
    expect(article.reasons).toEqual(["pipeline 0.1.0 -> 0.2.0"]);
    expect(Object.values(actions(article))).toEqual(Array(3).fill(["redraft", ["pipeline 0.1.0 -> 0.2.0"]]));
  });

  it("plans a never-generated article as new, every section to draft", () => {
    const result = planRegeneration([], { articles: [currentArticle()], environment: environment() });
    expect(result.articles[0]).toMatchObject({ slug: "demo", status: "new", storedVersion: null, reasons: ["new article: never generated"] });
    expect(result.articles[0]?.sections.map((section) => [section.sectionId, section.action])).toEqual([
      ["summary", "redraft"],
      ["evidence-base", "redraft"],
      ["key-terms", "redraft"],
    ]);
  });

  it("retries a failed section, drafts a section added to the template and drops a removed one", () => {
    const article = plan({
      stored: (s) => void Object.assign(s.sections[0] ?? {}, { status: "failed", error: "invalid output" }),
      current: (c) => {
        c.template = { id: "clinical-theory", version: 2, hash: "template-hash-2" };
        c.sections = [c.sections[0], c.sections[1], { id: "resources", version: 1, hash: "hash-resources" }].flatMap((s) => (s ? [s] : []));
      },
    });
    expect(article.reasons).toEqual(["template clinical-theory 1 -> 2"]);
    expect(actions(article)).toEqual({
      summary: ["redraft", ["v4 draft failed"]],
      "evidence-base": KEEP,
      resources: ["redraft", ["section resources not in v4"]],
      "key-terms": ["drop", ["section key-terms no longer in template clinical-theory"]],
    });
  });

  it("keeps sections whose source cannot be read now, with a warning", () => {
    const article = plan({ current: (c) => void Object.assign(c.sources[1] ?? {}, { textSha256: null, fetchedAt: null, error: "HTTP 503" }) });
    expect(article.status).toBe("up_to_date");
    expect(article.warnings).toEqual(["source 2 cannot be read (HTTP 503): sections drafted from its last snapshot are kept"]);
  });

  it("warns about a stored article whose spec is gone", () => {
    const result = planRegeneration([storedArticle(), { ...storedArticle(), slug: "retired" }], { articles: [currentArticle()], environment: environment() });
    expect(result.warnings).toEqual(["stored article retired (v4) has no spec: not regenerated"]);
  });
});
