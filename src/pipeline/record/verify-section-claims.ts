import type { Pricing } from "../../domain/cost.ts";
import type { ModelCallInput, VerdictInput } from "../../store/sections.ts";
import { checkEvidencePolicy, type PolicyFinding, type SectionPolicy } from "../../verification/check-evidence-policy.ts";
import type { Verifier } from "../../verification/types.ts";
import { verifyClaim, type CitationToVerify, type FlaggableVerdict } from "../../verification/verify-claim.ts";
import { collectJudgeCalls } from "./record-judge-calls.ts";

// The one loop that verifies a section's claims and turns the verdicts into rows. Drafted sections,
// carried sections re-verified by today's verifier, and a reviewer's edited sentence or replaced
// citation all go through it, so a claim is judged and stored the same way wherever it came from.
//
// The evidence policy (issue 15) is applied here too, when the section's policy is given: its
// findings join the claim-level verdict row, so the review queue, decisions, carried sections and
// every rendering treat them as flags without a table of their own. A sourced claim's row is the
// verifier's, flagged and with the policy's reasons added when a rule is broken; a model-written or
// example claim gets a row only when a rule is broken (verdict unverifiable: no source backs it).
// An elaborated claim is verified on its sourced_text, the part its quote supports; its framing is
// the policy's to judge.

export interface ClaimToVerify {
  text: string;
  basis: "source" | "llm" | "example";
  citations: CitationToVerify[];
  /** A sourced claim with the model's framing: only `sourcedText` is verified against the citations. */
  elaborated?: boolean | undefined;
  sourcedText?: string | null | undefined;
}

export interface ClaimVerdictRows {
  claim: VerdictInput;
  /** One per citation, in the claim's order. */
  citations: VerdictInput[];
}

export interface SectionVerification {
  /** By claim position; null for model-written and example claims that break no policy rule. */
  verdicts: (ClaimVerdictRows | null)[];
  /** The judge calls the verifier made (llm, cascade), as model-call rows of the section. */
  judgeCalls: ModelCallInput[];
}

/** Who judged a model-written claim that broke a policy rule (no verifier looked at it). */
export const EVIDENCE_POLICY_JUDGE = { id: "evidence-policy", version: "1" } as const;

export async function verifySectionClaims(args: {
  claims: readonly ClaimToVerify[];
  verifier: Verifier;
  /** The section's evidence policy; without it (a reviewer's re-check of one sentence) no policy rule is applied. */
  policy?: SectionPolicy | undefined;
  signal?: AbortSignal | undefined;
  /** Where to log judge calls; without it (a reviewer's edit) they are not logged. */
  judgeLog?: { runId: number; sectionId: string; pricing: Pricing } | undefined;
  now?: Date;
}): Promise<SectionVerification> {
  const now = args.now ?? new Date();
  const verifyAll = async (): Promise<(ClaimVerdictRows | null)[]> => {
    const verdicts: (ClaimVerdictRows | null)[] = [];
    for (const claim of args.claims) {
      const elaborated = claim.basis === "source" && claim.elaborated === true && Boolean(claim.sourcedText);
      const findings = args.policy
        ? checkEvidencePolicy({ text: claim.text, basis: claim.basis, elaborated, sourcedText: elaborated ? (claim.sourcedText ?? null) : null }, args.policy)
        : [];
      if (claim.basis !== "source") {
        verdicts.push(findings.length > 0 ? { claim: policyRow(findings, now), citations: [] } : null);
        continue;
      }
      const checked = elaborated ? (claim.sourcedText as string) : claim.text;
      const result = await verifyClaim({ text: checked, citations: claim.citations }, args.verifier, { signal: args.signal });
      verdicts.push({ claim: withFindings(verdictRow(result.claim, now), findings), citations: result.citations.map((verdict) => verdictRow(verdict, now)) });
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

/** The verifier's row with the policy's findings: flagged, the verifier's own reason first when it flagged too. */
function withFindings(row: VerdictInput, findings: PolicyFinding[]): VerdictInput {
  if (findings.length === 0) return row;
  const reasons = findings.map((finding) => finding.reason);
  return { ...row, is_flagged: 1, reason: (row.is_flagged === 1 ? [row.reason, ...reasons] : reasons).join("; ") };
}

/** The row of a model-written or example claim that broke a policy rule: no source backs it. */
function policyRow(findings: PolicyFinding[], now: Date): VerdictInput {
  return {
    verdict: "unverifiable",
    score: 0,
    reason: findings.map((finding) => finding.reason).join("; "),
    quote_status: null,
    quote_start: null,
    quote_end: null,
    quote_similarity: null,
    evidence_start: null,
    evidence_end: null,
    evidence_text: null,
    is_flagged: 1,
    verifier_id: EVIDENCE_POLICY_JUDGE.id,
    verifier_version: EVIDENCE_POLICY_JUDGE.version,
    created_at: now.toISOString(),
  };
}
