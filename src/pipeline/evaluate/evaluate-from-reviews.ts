import { readFile } from "node:fs/promises";
import path from "node:path";
import { labelDecision, scoreVerifier, type ReviewLabel, type VerifierScore } from "../../evaluation/score-verifier.ts";
import type { Store } from "../../store/open-store.ts";
import { readReviewedClaims, type ReviewedClaim } from "../../store/reviewed-claims.ts";
import type { ReviewDecision } from "../../store/reviews.ts";
import type { SupportVerdict, Verifier } from "../../verification/types.ts";
import { verifyClaim } from "../../verification/verify-claim.ts";

// `wikigen eval --from-reviews`: the newest reviewer decision per claim key becomes a label, the
// claim is verified again by the given verifier against the very snapshot texts its citations
// recorded, and the pairs are scored. Reads the store and the snapshot files; writes nothing (judge
// calls of llm and cascade are not logged as model calls: this is no run).

export type SkipReason =
  /** replace_citation: the reviewer judged another citation than the stored one. */
  | "citation_replaced"
  /** edit: the reviewer judged another sentence than the stored one. */
  | "sentence_edited"
  /** The claim is model-written or an example: nothing to verify. */
  | "not_sourced"
  /** A citation records no snapshot (its source was never fetched). */
  | "source_not_fetched"
  /** A cited snapshot has no row, or its text file is missing or unreadable. */
  | "no_snapshot_text"
  /** The verifier threw (e.g. the judge's API failed). */
  | "verifier_failed";

export interface EvaluatedClaim {
  review_id: number;
  claim_id: number;
  claim_key: string;
  article: string;
  version: number;
  section: string;
  claim: string;
  quotes: string[];
  decision: ReviewDecision;
  reviewer: string;
  label: ReviewLabel;
  verdict: SupportVerdict;
  score: number;
  reason: string;
  accepted: boolean;
}

export interface SkippedDecision {
  review_id: number;
  claim_id: number;
  decision: ReviewDecision;
  reason: SkipReason;
  detail: string;
}

export interface ReviewEvaluation {
  verifier: { id: string; version: string };
  decisions: { total: number; superseded: number; newest: number; used: number; skipped: number };
  claims: EvaluatedClaim[];
  skipped: SkippedDecision[];
  score: VerifierScore;
}

export async function evaluateFromReviews(args: { db: Store; sourcesDir: string; verifier: Verifier; signal?: AbortSignal | undefined }): Promise<ReviewEvaluation> {
  const reviewed = readReviewedClaims(args.db);
  const texts = new Map<string, Promise<string | null>>();
  const readText = (textPath: string): Promise<string | null> => {
    let text = texts.get(textPath);
    if (!text) {
      text = readFile(path.join(args.sourcesDir, textPath), "utf8").catch(() => null);
      texts.set(textPath, text);
    }
    return text;
  };
  const claims: EvaluatedClaim[] = [];
  const skipped: SkippedDecision[] = [];
  for (const claim of reviewed.claims) {
    const skip = (reason: SkipReason, detail: string) =>
      skipped.push({ review_id: claim.review_id, claim_id: claim.claim_id, decision: claim.decision, reason, detail });
    const label = labelDecision(claim.decision);
    if (label.kind === "excluded") {
      skip(label.reason, `${claim.decision} changed what the reviewer judged`);
      continue;
    }
    if (claim.basis !== "source" || claim.citations.length === 0) {
      skip("not_sourced", `a ${claim.basis} claim`);
      continue;
    }
    const sources = await citedTexts(claim, readText);
    if (sources.kind === "skip") {
      skip(sources.reason, sources.detail);
      continue;
    }
    let verification: Awaited<ReturnType<typeof verifyClaim>>;
    try {
      // An elaborated claim is verified on the part its quote supports, as the pipeline verifies it.
      verification = await verifyClaim({ text: claim.sourced_text ?? claim.text, citations: sources.citations }, args.verifier, { signal: args.signal });
    } catch (error) {
      // One claim's failure is that claim's skip, listed with its message; the others are still scored.
      skip("verifier_failed", error instanceof Error ? error.message : String(error));
      continue;
    }
    claims.push({
      review_id: claim.review_id,
      claim_id: claim.claim_id,
      claim_key: claim.claim_key,
      article: claim.slug,
      version: claim.version,
      section: claim.section_id,
      claim: claim.text,
      quotes: claim.citations.map((citation) => citation.quote),
      decision: claim.decision,
      reviewer: claim.reviewer,
      label: label.label,
      verdict: verification.claim.verdict,
      score: verification.claim.score,
      reason: verification.claim.reason,
      // What the product does with the verdict: an accepted claim is never shown to a reviewer.
      accepted: !verification.claim.isFlagged,
    });
  }
  return {
    verifier: { id: args.verifier.id, version: args.verifier.version },
    decisions: {
      total: reviewed.claims.length + reviewed.supersededCount,
      superseded: reviewed.supersededCount,
      newest: reviewed.claims.length,
      used: claims.length,
      skipped: skipped.length,
    },
    claims,
    skipped,
    score: scoreVerifier(claims.map((claim) => ({ label: claim.label, isAccepted: claim.accepted }))),
  };
}

type CitedTexts =
  | { kind: "texts"; citations: { source: number; quote: string; sourceText: string }[] }
  | { kind: "skip"; reason: "source_not_fetched" | "no_snapshot_text"; detail: string };

/** Every cited snapshot's text, or why one is missing: the label holds only for what the reviewer saw. */
async function citedTexts(claim: ReviewedClaim, readText: (textPath: string) => Promise<string | null>): Promise<CitedTexts> {
  const citations: { source: number; quote: string; sourceText: string }[] = [];
  for (const citation of claim.citations) {
    if (!citation.raw_sha256 || !citation.text_sha256) {
      return { kind: "skip", reason: "source_not_fetched", detail: `source ${citation.source_number} has no snapshot` };
    }
    const text = citation.text_path === null ? null : await readText(citation.text_path);
    if (text === null) {
      const where = citation.text_path === null ? `no snapshot row for text ${citation.text_sha256.slice(0, 12)}` : `cannot read ${citation.text_path}`;
      return { kind: "skip", reason: "no_snapshot_text", detail: `source ${citation.source_number}: ${where}` };
    }
    citations.push({ source: citation.source_number, quote: citation.quote, sourceText: text });
  }
  return { kind: "texts", citations };
}
