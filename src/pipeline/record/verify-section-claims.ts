import type { Pricing } from "../../domain/cost.ts";
import type { ModelCallInput, VerdictInput } from "../../store/sections.ts";
import type { Verifier } from "../../verification/types.ts";
import { verifyClaim, type CitationToVerify, type FlaggableVerdict } from "../../verification/verify-claim.ts";
import { collectJudgeCalls } from "./record-judge-calls.ts";

// The one loop that verifies a section's claims and turns the verdicts into rows. Drafted sections,
// carried sections re-verified by today's verifier, and a reviewer's edited sentence or replaced
// citation all go through it, so a claim is judged and stored the same way wherever it came from.

export interface ClaimToVerify {
  text: string;
  basis: "source" | "llm" | "example";
  citations: CitationToVerify[];
}

export interface ClaimVerdictRows {
  claim: VerdictInput;
  /** One per citation, in the claim's order. */
  citations: VerdictInput[];
}

export interface SectionVerification {
  /** By claim position; null for model-written and example claims, which no source can confirm. */
  verdicts: (ClaimVerdictRows | null)[];
  /** The judge calls the verifier made (llm, cascade), as model-call rows of the section. */
  judgeCalls: ModelCallInput[];
}

export async function verifySectionClaims(args: {
  claims: readonly ClaimToVerify[];
  verifier: Verifier;
  signal?: AbortSignal | undefined;
  /** Where to log judge calls; without it (a reviewer's edit) they are not logged. */
  judgeLog?: { runId: number; sectionId: string; pricing: Pricing } | undefined;
  now?: Date;
}): Promise<SectionVerification> {
  const now = args.now ?? new Date();
  const verifyAll = async (): Promise<(ClaimVerdictRows | null)[]> => {
    const verdicts: (ClaimVerdictRows | null)[] = [];
    for (const claim of args.claims) {
      if (claim.basis !== "source") {
        verdicts.push(null);
        continue;
      }
      const result = await verifyClaim({ text: claim.text, citations: claim.citations }, args.verifier, { signal: args.signal });
      verdicts.push({ claim: verdictRow(result.claim, now), citations: result.citations.map((verdict) => verdictRow(verdict, now)) });
    }
    return verdicts;
  };
  if (!args.judgeLog) return { verdicts: await verifyAll(), judgeCalls: [] };
  const judged = await collectJudgeCalls(verifyAll, args.judgeLog);
  return { verdicts: judged.value, judgeCalls: judged.calls };
}

/** A verifier's verdict as a verdicts row. */
function verdictRow(verdict: FlaggableVerdict, now: Date): VerdictInput {
  return {
    verdict: verdict.verdict,
    score: verdict.score,
    reason: verdict.reason,
    quote_status: verdict.quote?.status ?? null,
    quote_start: verdict.quote && verdict.quote.start >= 0 ? verdict.quote.start : null,
    quote_end: verdict.quote && verdict.quote.end >= 0 ? verdict.quote.end : null,
    quote_similarity: verdict.quote?.similarity ?? null,
    evidence_start: verdict.evidence?.start ?? null,
    evidence_end: verdict.evidence?.end ?? null,
    evidence_text: verdict.evidence?.text ?? null,
    is_flagged: verdict.isFlagged ? 1 : 0,
    verifier_id: verdict.verifier.id,
    verifier_version: verdict.verifier.version,
    created_at: now.toISOString(),
  };
}
