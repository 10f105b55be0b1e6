import { normalizeForKey } from "../domain/claim-key.ts";
import { changedSources, compareArticleFacts, compareSectionFacts, describeTemplateChange, sourceChangedReason, verifierChange } from "./compare-fingerprints.ts";
import type { StoredArticleFingerprint } from "./fingerprints.ts";

// Claim-level differences between two stored versions of an article, and for each redrafted section
// the fingerprint changes that explain it (the same wording `plan` uses). Pure: callers load both
// versions from the store.

export interface ClaimView {
  key: string;
  text: string;
  basis: string;
  /** "supported", "not_supported (flagged)", ...; null for llm and example claims. */
  verdict: string | null;
}

export interface VersionSide {
  fingerprint: StoredArticleFingerprint;
  /** By section row id: the row it was carried from, and its claims in reading order. */
  sections: { rowId: number; reusedFrom: number | null; claims: ClaimView[] }[];
}

export interface ClaimChange {
  before: ClaimView;
  after: ClaimView;
  /** Word overlap of the two sentences, 1 when only the citation changed. */
  similarity: number;
}

export interface SectionDiff {
  sectionId: string;
  change: "unchanged" | "reverified" | "redrafted" | "added" | "removed";
  reasons: string[];
  added: ClaimView[];
  removed: ClaimView[];
  /** Matched by similarity: the sentence was reworded (or kept with a different citation). */
  reworded: ClaimChange[];
  /** Matched claims (by key or similarity) whose verdict differs. */
  verdictChanges: ClaimChange[];
  unchanged: number;
}

export interface VersionDiff {
  slug: string;
  from: number;
  to: number;
  reasons: string[];
  sections: SectionDiff[];
}

/** Sentences sharing at least this share of their words are taken for one claim reworded. */
export const REWORD_SIMILARITY = 0.5;

export function diffVersions(before: VersionSide, after: VersionSide): VersionDiff {
  const a = before.fingerprint;
  const b = after.fingerprint;
  const article = compareArticleFacts(a, b);
  const templateChange = describeTemplateChange(a.template, b.template);
  const rowsBefore = new Map(before.sections.map((section) => [section.rowId, section]));
  const rowsAfter = new Map(after.sections.map((section) => [section.rowId, section]));
  const sectionsBefore = new Map(a.sections.map((section) => [section.sectionId, section]));
  const sections: SectionDiff[] = b.sections.map((section) => {
    const claimsAfter = rowsAfter.get(section.rowId)?.claims ?? [];
    const old = sectionsBefore.get(section.sectionId);
    if (!old) return { ...matchClaims([], claimsAfter), sectionId: section.sectionId, change: "added", reasons: [`section ${section.sectionId} not in v${a.version}`] };
    const claims = matchClaims(rowsBefore.get(old.rowId)?.claims ?? [], claimsAfter);
    const isCarried = rowsAfter.get(section.rowId)?.reusedFrom !== null && claims.added.length + claims.removed.length + claims.reworded.length === 0;
    if (isCarried) {
      const verifier = section.verifiers[0] ? verifierChange(old.verifiers, section.verifiers[0]) : null;
      return { ...claims, sectionId: section.sectionId, change: verifier ? "reverified" : "unchanged", reasons: verifier ? [verifier] : [] };
    }
    const own = compareSectionFacts(
      { sectionId: old.sectionId, prompt: old.prompt, provider: old.provider, model: old.model },
      { sectionId: section.sectionId, prompt: section.prompt, provider: section.provider, model: section.model },
    );
    const hashesAfter = new Map(Object.entries(section.snapshotHashes).map(([number, hash]) => [Number(number), hash]));
    const reasons = [
      ...article.reasons,
      ...(old.status === "failed" ? [`v${a.version} draft failed`] : []),
      ...own.reasons,
      ...changedSources(old.snapshotHashes, hashesAfter).map(sourceChangedReason),
    ];
    return { ...claims, sectionId: section.sectionId, change: "redrafted", reasons: reasons.length > 0 ? reasons : ["drafted again with no fingerprint change"] };
  });
  const kept = new Set(b.sections.map((section) => section.sectionId));
  for (const old of a.sections) {
    if (kept.has(old.sectionId)) continue;
    sections.push({ ...matchClaims(rowsBefore.get(old.rowId)?.claims ?? [], []), sectionId: old.sectionId, change: "removed", reasons: [`section ${old.sectionId} not in v${b.version}`] });
  }
  return { slug: b.slug, from: a.version, to: b.version, reasons: [...article.reasons, ...(templateChange ? [templateChange] : [])], sections };
}

type ClaimMatch = Pick<SectionDiff, "added" | "removed" | "reworded" | "verdictChanges" | "unchanged">;

/** Pairs claims by key first, then the most similar remaining sentences; the rest are added or removed. */
export function matchClaims(before: readonly ClaimView[], after: readonly ClaimView[]): ClaimMatch {
  const removed = [...before];
  const added: ClaimView[] = [];
  const verdictChanges: ClaimChange[] = [];
  let unchanged = 0;
  for (const claim of after) {
    const index = removed.findIndex((candidate) => candidate.key === claim.key);
    const match = index >= 0 ? removed.splice(index, 1)[0] : undefined;
    if (!match) {
      added.push(claim);
      continue;
    }
    unchanged += 1;
    if (match.verdict !== claim.verdict) verdictChanges.push({ before: match, after: claim, similarity: 1 });
  }
  const pairs = removed
    .flatMap((old, i) => added.map((now, j) => ({ i, j, similarity: similarityOf(old.text, now.text) })))
    .filter((pair) => pair.similarity >= REWORD_SIMILARITY)
    .sort((x, y) => y.similarity - x.similarity || x.i - y.i || x.j - y.j);
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const reworded: ClaimChange[] = [];
  for (const pair of pairs) {
    if (usedBefore.has(pair.i) || usedAfter.has(pair.j)) continue;
    usedBefore.add(pair.i);
    usedAfter.add(pair.j);
    const change = { before: removed[pair.i] as ClaimView, after: added[pair.j] as ClaimView, similarity: pair.similarity };
    reworded.push(change);
    if (change.before.verdict !== change.after.verdict) verdictChanges.push(change);
  }
  return {
    added: added.filter((_, j) => !usedAfter.has(j)),
    removed: removed.filter((_, i) => !usedBefore.has(i)),
    reworded,
    verdictChanges,
    unchanged,
  };
}

/** Jaccard overlap of the two sentences' word sets, after the claim-key normalization. */
export function similarityOf(a: string, b: string): number {
  const words = (text: string) => new Set(normalizeForKey(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const left = words(a);
  const right = words(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}
