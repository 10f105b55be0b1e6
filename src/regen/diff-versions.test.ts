import { describe, expect, it } from "vitest";
import { diffVersions, matchClaims, similarityOf, type ClaimView, type VersionSide } from "./diff-versions.ts";
import type { StoredArticleFingerprint, StoredSectionFingerprint } from "./fingerprints.ts";

function claim(key: string, text: string, verdict: string | null = "supported"): ClaimView {
  return { key, text, basis: verdict === null ? "llm" : "source", verdict };
}

function section(rowId: number, sectionId: string, change: Partial<StoredSectionFingerprint> = {}): StoredSectionFingerprint {
  return {
    rowId,
    sectionId,
    status: "done",
    error: null,
    prompt: { version: 1, hash: `hash-${sectionId}` },
    provider: "anthropic",
    model: "claude-sonnet-5",
    verifiers: [{ id: "offline", version: "1.2" }],
    snapshotHashes: { "1": "text-1" },
    ...change,
  };
}

function fingerprint(version: number, sections: StoredSectionFingerprint[]): StoredArticleFingerprint {
  return {
    slug: "demo",
    version,
    specVersion: 1,
    specHash: "spec",
    template: { id: "clinical-theory", version: 1, hash: "template" },
    systemPrompt: { version: 1, hash: "system" },
    pipelineVersion: "0.1.0",
    sections,
  };
}

describe("matchClaims", () => {
  it("pairs by key, then by similarity, and reports the rest as added or removed", () => {
    const before = [
      claim("k1", "Lave and Wenger introduced the term in 1991."),
      claim("k2", "Evidence of improved patient outcomes remains limited."),
      claim("k3", "Groups meet monthly."),
    ];
    const after = [
      claim("k1", "Lave and Wenger introduced the term in 1991.", "not_supported (flagged)"),
      claim("k4", "Evidence of improved patient outcomes is still limited."),
      claim("k5", "Facilitators protect client confidentiality."),
    ];
    const result = matchClaims(before, after);
    expect(result.unchanged).toBe(1);
    expect(result.reworded).toEqual([{ before: before[1], after: after[1], similarity: similarityOf(before[1]?.text ?? "", after[1]?.text ?? "") }]);
    expect(result.verdictChanges).toEqual([{ before: before[0], after: after[0], similarity: 1 }]);
    expect(result.added).toEqual([after[2]]);
    expect(result.removed).toEqual([before[2]]);
  });
});

describe("diffVersions", () => {
  it("explains each section: carried unchanged, redrafted with the fingerprint that changed, re-verified, added and removed", () => {
    const before: VersionSide = {
      fingerprint: fingerprint(1, [section(1, "summary"), section(2, "evidence-base"), section(3, "key-terms"), section(4, "resources")]),
      sections: [
        { rowId: 1, reusedFrom: null, claims: [claim("s1", "A summary sentence.")] },
        { rowId: 2, reusedFrom: null, claims: [claim("e1", "Evidence remains limited in health care.")] },
        { rowId: 3, reusedFrom: null, claims: [claim("t1", "A term is defined.")] },
        { rowId: 4, reusedFrom: null, claims: [] },
      ],
    };
    const after: VersionSide = {
      fingerprint: fingerprint(2, [
        section(11, "summary"),
        section(12, "evidence-base", { prompt: { version: 2, hash: "hash-evidence-base-2" } }),
        section(13, "key-terms", { verifiers: [{ id: "offline", version: "1.3" }] }),
        section(14, "questions"),
      ]),
      sections: [
        { rowId: 11, reusedFrom: 1, claims: [claim("s1", "A summary sentence.")] },
        { rowId: 12, reusedFrom: null, claims: [claim("e2", "Evidence remains limited in clinical health care."), claim("e3", "A new finding.")] },
        { rowId: 13, reusedFrom: 3, claims: [claim("t1", "A term is defined.", "partially_supported (flagged)")] },
        { rowId: 14, reusedFrom: null, claims: [claim("q1", "What do you learn?", null)] },
      ],
    };
    const diff = diffVersions(before, after);
    expect(diff.from).toBe(1);
    expect(diff.to).toBe(2);
    expect(diff.sections.map((entry) => [entry.sectionId, entry.change, entry.reasons])).toEqual([
      ["summary", "unchanged", []],
      ["evidence-base", "redrafted", ["prompt evidence-base 1 -> 2"]],
      ["key-terms", "reverified", ["verifier offline 1.2 -> 1.3: no redraft"]],
      ["questions", "added", ["section questions not in v1"]],
      ["resources", "removed", ["section resources not in v2"]],
    ]);
    const evidence = diff.sections[1];
    expect(evidence?.reworded.map((change) => [change.before.text, change.after.text])).toEqual([
      ["Evidence remains limited in health care.", "Evidence remains limited in clinical health care."],
    ]);
    expect(evidence?.added.map((entry) => entry.text)).toEqual(["A new finding."]);
    expect(diff.sections[2]?.verdictChanges.map((change) => [change.before.verdict, change.after.verdict])).toEqual([["supported", "partially_supported (flagged)"]]);
  });

  it("names a changed source as the cause of a redraft", () => {
    const side = (version: number, hash: string, rowId: number, text: string): VersionSide => ({
      fingerprint: fingerprint(version, [section(rowId, "summary", { snapshotHashes: { "1": "text-1", "2": hash } })]),
      sections: [{ rowId, reusedFrom: null, claims: [claim(`${hash}-k`, text)] }],
    });
    const diff = diffVersions(side(1, "old", 1, "Peer groups meet."), side(2, "new", 2, "Peer groups meet."));
    expect(diff.sections[0]).toMatchObject({ change: "redrafted", reasons: ["source 2 content changed"] });
    expect(diff.sections[0]?.reworded[0]?.similarity).toBe(1);
  });
});
