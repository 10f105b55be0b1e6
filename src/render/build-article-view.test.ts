import { describe, expect, it } from "vitest";
import type { StoredArticle, StoredClaim, StoredVerdict } from "../store/load-article.ts";
import type { ReviewDecision, ReviewRow } from "../store/reviews.ts";
import { buildArticleView, countUndecidedFlags, countWords } from "./build-article-view.ts";
import type { ViewClaim } from "./view-claim.ts";
import { escapeHtml, formatTimestamp } from "./render-text.ts";

// The view every rendering reads: decisions applied by claim key, flags, placeholders, read time.

function verdict(isFlagged: boolean, overrides: Partial<StoredVerdict> = {}): StoredVerdict {
  return {
    id: 1,
    claim_id: 1,
    citation_id: null,
    verdict: isFlagged ? "not_supported" : "supported",
    score: isFlagged ? 0.2 : 0.9,
    reason: isFlagged ? "missing_terms: outcomes" : "supported",
    quote_status: "exact",
    quote_start: 0,
    quote_end: 10,
    quote_similarity: 1,
    evidence_start: null,
    evidence_end: null,
    evidence_text: null,
    is_flagged: isFlagged ? 1 : 0,
    verifier_id: "offline",
    verifier_version: "1",
    created_at: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

function claim(key: string, options: { isFlagged?: boolean; basis?: StoredClaim["basis"]; text?: string; verdict?: StoredVerdict } = {}): StoredClaim {
  const basis = options.basis ?? "source";
  const claimVerdict = options.verdict ?? verdict(options.isFlagged ?? false);
  return {
    id: key.length,
    section_row_id: 1,
    block_index: 0,
    block_kind: "paragraph",
    claim_index: 0,
    text: options.text ?? `Sentence ${key}.`,
    basis,
    claim_key: key,
    elaborated: 0,
    sourced_text: null,
    citations: basis === "source" ? [{ id: 1, claim_id: 1, citation_index: 0, source_number: 2, quote: "the quote", raw_sha256: null, text_sha256: "t", verdict: claimVerdict }] : [],
    verdict: basis === "source" ? claimVerdict : null,
  };
}

function article(claims: StoredClaim[], section: { status?: "done" | "failed" | "not_drafted"; error?: string | null } = {}): StoredArticle {
  const base = { model_reported: "m", started_at: "2026-01-01T00:00:00.000Z", finished_at: "2026-01-01T00:01:00.000Z", status: "done" } as const;
  return {
    version: { ...base, id: 1, version: 1, slug: "a", title: "A", spec_json: "{}", provider: "p", model_requested: "m", pipeline_version: "0", verifier_id: "v", verifier_version: "1", spec_version: 1 } as StoredArticle["version"],
    sources: [],
    sections: [{ id: 1, section_id: "s", position: 0, title: "S", status: section.status ?? "done", error: section.error ?? null, claims } as StoredArticle["sections"][number]],
  };
}

function review(key: string, decision: ReviewDecision, payload: unknown = {}): ReviewRow {
  return { id: 1, claim_key: key, claim_id: 1, article_version_id: 1, reviewer: "r", decided_at: "2026-01-02T00:00:00.000Z", decision, note: null, payload: JSON.stringify(payload) };
}

function shown(view: ReturnType<typeof buildArticleView>): ViewClaim | undefined {
  return view.sections[0]?.blocks[0]?.claims[0];
}

describe("buildArticleView in publish mode", () => {
  const flagged = claim("k", { isFlagged: true, text: "Original." });
  it.each<[string, ReviewRow | null, { text: string; basis: string; sources: number[]; isFlagged: boolean } | null]>([
    ["no decision keeps the flag", null, { text: "Original.", basis: "source", sources: [2], isFlagged: true }],
    ["reject removes", review("k", "reject"), null],
    ["approve clears the flag", review("k", "approve"), { text: "Original.", basis: "source", sources: [2], isFlagged: false }],
    ["retag makes it model-written", review("k", "retag"), { text: "Original.", basis: "llm", sources: [], isFlagged: false }],
    ["edit shows the new text", review("k", "edit", { text: "Edited." }), { text: "Edited.", basis: "source", sources: [2], isFlagged: false }],
    ["replace_citation shows the new source", review("k", "replace_citation", { source: 5, quote: "q" }), { text: "Original.", basis: "source", sources: [5], isFlagged: false }],
    ["an unreadable payload is not applied", review("k", "edit", { txt: "x" }), { text: "Original.", basis: "source", sources: [2], isFlagged: true }],
    ["a decision on another key does nothing", review("other", "reject"), { text: "Original.", basis: "source", sources: [2], isFlagged: true }],
  ])("%s", (_, decision, expected) => {
    const decisions = new Map(decision ? [[decision.claim_key, decision]] : []);
    const result = shown(buildArticleView(article([flagged]), { mode: "publish", decisions }));
    expect(result ? { text: result.text, basis: result.basis, sources: result.citations.map((citation) => citation.source), isFlagged: result.flag !== null } : null).toEqual(expected);
  });

  it("review mode applies nothing but records the decision", () => {
    const view = buildArticleView(article([flagged]), { mode: "review", decisions: new Map([["k", review("k", "reject")]]) });
    expect(shown(view)).toMatchObject({ text: "Original.", flag: { label: "Not supported by the cited source", reason: "missing terms: outcomes" }, decision: { decision: "reject" } });
  });

  it("says when every sentence of a section was removed", () => {
    const view = buildArticleView(article([flagged]), { mode: "publish", decisions: new Map([["k", review("k", "reject")]]) });
    expect(view.sections[0]?.placeholder).toBe("Every sentence of this section was removed in review.");
    expect(view.counts).toMatchObject({ removed: 1, source: 0, flagged: 0, undecided: 0 });
  });
});

describe("flags and undecided counts", () => {
  it.each<[string, StoredVerdict, string, string]>([
    ["not supported", verdict(true), "Not supported by the cited source", "missing terms: outcomes"],
    ["quote not found", verdict(true, { reason: "quote_not_found", quote_status: "not_found" }), "Quote not found in source 2", ""],
    ["unverifiable", verdict(true, { verdict: "unverifiable", reason: "source_missing", quote_status: null }), "Unverifiable: the cited source is not available", "source missing"],
    ["partly supported", verdict(true, { verdict: "partially_supported", reason: "low_support" }), "Only partly supported by the cited source", "low support"],
  ])("%s", (_, stored, label, reason) => {
    const view = buildArticleView(article([claim("k", { verdict: stored })]), { mode: "review", decisions: new Map() });
    expect(shown(view)?.flag).toEqual({ label, reason });
  });

  it("counts flagged claims whose key has no decision, as the review queue does", () => {
    const stored = article([claim("a", { isFlagged: true }), claim("bb", { isFlagged: true }), claim("ccc"), claim("dddd", { basis: "llm" })]);
    expect(countUndecidedFlags(stored, new Map())).toBe(2);
    expect(countUndecidedFlags(stored, new Map([["a", review("a", "edit", { broken: 1 })]]))).toBe(1);
  });
});

describe("placeholders and read time", () => {
  it.each<[string, "failed" | "not_drafted" | "done", string | null, string]>([
    ["not drafted", "not_drafted", "not drafted offline: the extractive provider does not write question blocks", "Not drafted offline: the extractive provider does not write question blocks"],
    ["failed", "failed", "model output is not valid claim JSON", "This section failed to generate: model output is not valid claim JSON"],
    ["failed without a message", "failed", null, "This section failed to generate: no error was stored."],
    ["done but empty", "done", null, "No content was drafted for this section."],
  ])("%s", (_, status, error, placeholder) => {
    expect(buildArticleView(article([], { status, error }), { mode: "review", decisions: new Map() }).sections[0]?.placeholder).toBe(placeholder);
  });

  it.each([
    [0, 1],
    [200, 1],
    [201, 2],
    [1000, 5],
  ])("%i words read in %i min at 200 wpm", (words, minutes) => {
    const text = Array.from({ length: words }, () => "word").join(" ");
    const view = buildArticleView(article(words > 0 ? [claim("k", { basis: "llm", text })] : []), { mode: "review", decisions: new Map() });
    expect({ words: view.words, minutes: view.readMinutes }).toEqual({ words, minutes });
  });

  it("counts words, not punctuation", () => {
    expect(countWords("One — two, three (4) … “five”")).toBe(5);
  });
});

describe("render text helpers", () => {
  it.each([
    ['<script>alert("x")</script>', "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"],
    ["Tom & Jerry's", "Tom &amp; Jerry&#39;s"],
  ])("escapeHtml(%j)", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it("formats timestamps in UTC without locale", () => {
    expect(formatTimestamp("2026-03-14T23:59:30.000+01:00")).toBe("2026-03-14 22:59 UTC");
    expect(formatTimestamp("not a date")).toBe("not a date");
  });
});
