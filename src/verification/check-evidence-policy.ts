import type { ClaimBasis, ClaimEvidence } from "../domain/claims.ts";
import { detectClinicalFacts, type ClinicalFact } from "./detect-clinical-facts.ts";

// The evidence policy (issue 15): what a sentence may state without a source, and which kinds of
// sentence a section accepts. It runs in the verification stage, beside the verifier, because it is
// a check of a drafted claim against rules, not part of drafting: the model's own label (basis llm,
// elaborated) is an input here, never trusted as proof that nothing factual was said, and the same
// check runs wherever claims are verified (drafted, carried and re-verified sections alike).
//
// - unsourced_clinical_fact: a sentence no source backs (basis llm or example) that states a clinical
//   fact (detect-clinical-facts.ts); for an elaborated sourced claim, the part outside its
//   `sourced_text` (the model's framing) is held to the same rule.
// - policy_violation: the sentence's kind is not among what its section accepts.

export type PolicyRule = "unsourced_clinical_fact" | "policy_violation";

export interface PolicyFinding {
  rule: PolicyRule;
  /** What a reviewer reads: `unsourced_clinical_fact: dose "50 mg"`. */
  reason: string;
}

export interface PolicyClaim {
  text: string;
  basis: ClaimBasis;
  elaborated: boolean;
  /** For an elaborated claim: the verbatim part of `text` its quote supports. */
  sourcedText: string | null;
}

export interface SectionPolicy {
  sectionId: string;
  accepts: readonly ClaimEvidence[];
}

const MAX_LISTED_FACTS = 3;

/** The kind of evidence a claim is, as section policies name it. */
export function evidenceOf(claim: Pick<PolicyClaim, "basis" | "elaborated">): ClaimEvidence {
  if (claim.basis === "source") return claim.elaborated ? "elaborated" : "source";
  return claim.basis;
}

/** The model's framing of an elaborated claim: its text with the sourced part cut out. */
export function framingOf(claim: Pick<PolicyClaim, "text" | "sourcedText">): string {
  if (!claim.sourcedText) return claim.text;
  const at = claim.text.indexOf(claim.sourcedText);
  if (at < 0) return claim.text;
  return `${claim.text.slice(0, at)} … ${claim.text.slice(at + claim.sourcedText.length)}`;
}

function describeFacts(facts: ClinicalFact[]): string {
  const distinct = [...new Map(facts.map((fact) => [`${fact.kind} "${fact.text}"`, fact])).keys()];
  const listed = distinct.slice(0, MAX_LISTED_FACTS).join(", ");
  return distinct.length > MAX_LISTED_FACTS ? `${listed} and ${distinct.length - MAX_LISTED_FACTS} more` : listed;
}

/** Every rule the claim breaks, in the order a reviewer should read them; empty when it keeps all. */
export function checkEvidencePolicy(claim: PolicyClaim, policy: SectionPolicy): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const evidence = evidenceOf(claim);
  if (!policy.accepts.includes(evidence)) {
    findings.push({ rule: "policy_violation", reason: `policy_violation: ${policy.sectionId} accepts only ${policy.accepts.join(", ")}, not ${evidence}` });
  }
  if (evidence === "llm" || evidence === "example") {
    const facts = detectClinicalFacts(claim.text);
    if (facts.length > 0) findings.push({ rule: "unsourced_clinical_fact", reason: `unsourced_clinical_fact: ${describeFacts(facts)}` });
  } else if (evidence === "elaborated") {
    const facts = detectClinicalFacts(framingOf(claim));
    if (facts.length > 0) findings.push({ rule: "unsourced_clinical_fact", reason: `unsourced_clinical_fact: ${describeFacts(facts)} in the model's framing` });
  }
  return findings;
}
