import { z } from "zod";
import type { ReviewRow } from "../store/reviews.ts";
import type { VerdictInput } from "../store/sections.ts";
import type { ViewClaim } from "./view-claim.ts";

// Publish mode: what a reviewer's decision does to a claim. Payload shapes are the review stage's
// (store/reviews.ts): replace_citation {source, quote, text_sha256?, verdict?}, edit {text, verdict?},
// where verdict is the verdicts-row shape of the re-verification that accompanied the decision.

const verdictSchema = z.object({
  verdict: z.enum(["supported", "partially_supported", "not_supported", "unverifiable"]),
  score: z.number(),
  reason: z.string(),
  quote_status: z.enum(["exact", "normalized", "fuzzy", "not_found"]).nullable(),
  quote_start: z.number().nullable(),
  quote_end: z.number().nullable(),
  quote_similarity: z.number().nullable(),
  evidence_start: z.number().nullable(),
  evidence_end: z.number().nullable(),
  evidence_text: z.string().nullable(),
  is_flagged: z.number(),
  verifier_id: z.string(),
  verifier_version: z.string(),
  created_at: z.string(),
});

const replaceCitationPayload = z.object({
  source: z.number().int().min(1),
  quote: z.string().min(1),
  text_sha256: z.string().nullable().optional(),
  verdict: z.unknown().optional(),
});
const editPayload = z.object({ text: z.string().trim().min(1), verdict: z.unknown().optional() });

export type DecisionResult =
  | { kind: "removed" }
  | { kind: "applied"; claim: ViewClaim }
  /** The payload does not parse: the claim stays as drafted, flag and all. */
  | { kind: "not_applied" };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A re-verification verdict in the payload, when there is a readable one. */
function verdictOf(value: unknown): VerdictInput | null {
  const parsed = verdictSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function applyReviewDecision(claim: ViewClaim, review: ReviewRow): DecisionResult {
  const resolved: ViewClaim = { ...claim, flag: null };
  const payload = parseJson(review.payload);
  switch (review.decision) {
    case "reject":
      return { kind: "removed" };
    case "approve":
      return { kind: "applied", claim: resolved };
    case "retag":
      // The reviewer keeps the sentence but no longer vouches for a source: it becomes model-written.
      return { kind: "applied", claim: { ...resolved, basis: "llm", elaborated: false, citations: [], verdict: null } };
    case "edit": {
      const parsed = editPayload.safeParse(payload);
      if (!parsed.success) return { kind: "not_applied" };
      // The stored verdict judged the old wording; only a re-verification of the new text applies.
      return { kind: "applied", claim: { ...resolved, text: parsed.data.text, verdict: verdictOf(parsed.data.verdict) } };
    }
    case "replace_citation": {
      const parsed = replaceCitationPayload.safeParse(payload);
      if (!parsed.success) return { kind: "not_applied" };
      const verdict = verdictOf(parsed.data.verdict);
      const citation = { source: parsed.data.source, quote: parsed.data.quote, textSha256: parsed.data.text_sha256 ?? null, verdict };
      // The re-verification checked the whole sentence against the new citation: it is now a plain
      // sourced claim (a model-written sentence the reviewer found a source for included).
      return { kind: "applied", claim: { ...resolved, basis: "source", elaborated: false, citations: [citation], verdict } };
    }
  }
}
