import type { StoredClaim } from "../store/load-article.ts";
import type { ReviewRow } from "../store/reviews.ts";
import type { VerdictInput } from "../store/sections.ts";

// One claim as every rendering shows it: built by build-article-view, changed by a reviewer's
// decision in apply-review-decision.

export interface ViewCitation {
  source: number;
  quote: string;
  /** Hash of the snapshot text the quote points into (offsets are into that text). */
  textSha256: string | null;
  /** The citation's verdict: stored, or the re-verification of a reviewer's replacement; null if none. */
  verdict: VerdictInput | null;
}

export interface ViewFlag {
  /** Short human label, e.g. "Not supported by the cited source". */
  label: string;
  /** The verifier's machine reason made readable, e.g. "missing terms: outcomes". */
  reason: string;
}

export interface ViewClaim {
  id: number;
  key: string;
  /** Position in its block; a table row's cell index. */
  index: number;
  text: string;
  basis: StoredClaim["basis"];
  /** A sourced sentence with the model's own framing: its marker reads "4 LLM". */
  elaborated: boolean;
  citations: ViewCitation[];
  /** The claim-level verdict; null for llm/example claims the evidence policy passed, and for edits without a re-verification. */
  verdict: VerdictInput | null;
  /** Set while the claim is flagged and no decision resolves it (review mode: always when flagged). */
  flag: ViewFlag | null;
  /** The newest decision for this claim; in publish mode it has been applied unless a flag remains. */
  decision: ReviewRow | null;
}
