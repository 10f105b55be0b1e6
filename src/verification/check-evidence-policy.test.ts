import { describe, expect, it } from "vitest";
import { CLAIM_EVIDENCE } from "../domain/claims.ts";
import { checkEvidencePolicy, framingOf, type PolicyClaim, type SectionPolicy } from "./check-evidence-policy.ts";

// Each rule of the evidence policy on real sentences: the flag it raises and the reason a reviewer reads.

const ANY: SectionPolicy = { sectionId: "core-principles", accepts: CLAIM_EVIDENCE };
const EVIDENCE_BASE: SectionPolicy = { sectionId: "evidence-base", accepts: ["source"] };
const REFLECTIVE: SectionPolicy = { sectionId: "reflective-questions", accepts: ["llm"] };

const llm = (text: string): PolicyClaim => ({ text, basis: "llm", elaborated: false, sourcedText: null });
const example = (text: string): PolicyClaim => ({ text, basis: "example", elaborated: false, sourcedText: null });
const sourced = (text: string): PolicyClaim => ({ text, basis: "source", elaborated: false, sourcedText: null });
const elaborated = (text: string, sourcedText: string): PolicyClaim => ({ text, basis: "source", elaborated: true, sourcedText });

describe("unsourced_clinical_fact", () => {
  it.each<[string, PolicyClaim, string]>([
    ["an llm sentence with a dose", llm("Most adults respond to sertraline at 50 mg once daily."), 'unsourced_clinical_fact: dose "50 mg", frequency "once daily"'],
    ["an llm sentence with a rate", llm("Roughly 30% of clients drop out of group therapy."), 'unsourced_clinical_fact: rate "30%"'],
    ["an llm sentence with an efficacy claim", llm("Peer consultation groups reduce burnout in hospice teams."), 'unsourced_clinical_fact: efficacy "reduce burnout"'],
    ["an llm sentence naming a trial", llm("The STAR*D trial is the usual reference for sequenced treatment."), 'unsourced_clinical_fact: study "The STAR*D trial"'],
    ["an llm sentence with authors and a year", llm("Wenger et al. (2002) showed how such groups are cultivated."), 'unsourced_clinical_fact: study "Wenger et al. (2002)"'],
    ["an llm sentence with a risk", llm("Stopping abruptly increases the risk of relapse."), 'unsourced_clinical_fact: risk "increases the risk of relapse"'],
    ["an llm sentence with a safety claim", llm("The technique is safe for adolescents."), 'unsourced_clinical_fact: safety "is safe"'],
    ["an example with a dose", example("Her psychiatrist raised the dose to 100 mg after four weeks."), 'unsourced_clinical_fact: dose "100 mg", quantity "four weeks"'],
  ])("%s", (_name, claim, reason) => {
    expect(checkEvidencePolicy(claim, ANY)).toEqual([{ rule: "unsourced_clinical_fact", reason }]);
  });

  it.each([
    "Clinicians may find it useful to ask how the group shapes their sense of professional identity.",
    "Clinicians may find it useful to ask whether the consultation group reduces burnout on their team.",
    "What would a newcomer need to see before speaking up in case review?",
    "This framing connects the theory to everyday supervision.",
  ])("passes reflective prose: %s", (text) => {
    expect(checkEvidencePolicy(llm(text), ANY)).toEqual([]);
  });

  it("does not look for facts in a plain sourced sentence (the verifier checks it against its quote)", () => {
    expect(checkEvidencePolicy(sourced("Response rates reached 48% after 12 weeks of sertraline at 50 mg."), ANY)).toEqual([]);
  });

  it("holds an elaborated claim's framing to the rule, and only its framing", () => {
    const clean = elaborated(
      "For supervisors, this matters because newcomers learn by taking part in the work of the community.",
      "newcomers learn by taking part in the work of the community",
    );
    expect(checkEvidencePolicy(clean, ANY)).toEqual([]);
    const factual = elaborated("Newcomers learn by taking part, which halves dropout within 6 weeks of treatment.", "Newcomers learn by taking part");
    expect(framingOf(factual)).toBe(" … , which halves dropout within 6 weeks of treatment.");
    expect(checkEvidencePolicy(factual, ANY)).toEqual([
      { rule: "unsourced_clinical_fact", reason: 'unsourced_clinical_fact: efficacy "halves dropout", quantity "6 weeks" in the model\'s framing' },
    ]);
  });
});

describe("policy_violation", () => {
  it("flags a model-written sentence in a section that accepts only sourced ones, naming the rule", () => {
    expect(checkEvidencePolicy(llm("The evidence for this approach is still developing."), EVIDENCE_BASE)).toEqual([
      { rule: "policy_violation", reason: "policy_violation: evidence-base accepts only source, not llm" },
    ]);
  });

  it("flags an elaborated claim there too: the framing is the model's", () => {
    expect(checkEvidencePolicy(elaborated("Put simply, studies are few.", "studies are few"), EVIDENCE_BASE)).toEqual([
      { rule: "policy_violation", reason: "policy_violation: evidence-base accepts only source, not elaborated" },
    ]);
  });

  it("lists both rules when a sentence breaks both", () => {
    expect(checkEvidencePolicy(llm("A 2015 meta-analysis found large effects."), EVIDENCE_BASE).map((finding) => finding.reason)).toEqual([
      "policy_violation: evidence-base accepts only source, not llm",
      'unsourced_clinical_fact: study "A 2015 meta-analysis"',
    ]);
  });

  it("accepts model-written questions where the section asks for them, and refuses sourced ones there", () => {
    expect(checkEvidencePolicy(llm("Which part of your practice do you learn from colleagues?"), REFLECTIVE)).toEqual([]);
    expect(checkEvidencePolicy(sourced("Learning is situated in practice."), REFLECTIVE)).toEqual([
      { rule: "policy_violation", reason: "policy_violation: reflective-questions accepts only llm, not source" },
    ]);
  });
});
