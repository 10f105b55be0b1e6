import { describe, expect, it } from "vitest";
import { createOfflineVerifier } from "../../verification/offline-verifier.ts";
import { verifySectionClaims, type ClaimToVerify } from "./verify-section-claims.ts";

// The one verification loop with the evidence policy: an elaborated claim is verified on its sourced
// part, and policy findings become flagged claim-level verdict rows (the review queue's flags).

const SOURCE =
  "Communities of practice are groups of people who share a concern for something they do.\n\nNewcomers move from legitimate peripheral participation toward full participation in the practice of the community.";
const QUOTE = "Newcomers move from legitimate peripheral participation toward full participation in the practice of the community.";
const SOURCED = "Newcomers move from legitimate peripheral participation toward full participation in the practice of the community";
const FRAMED = `For a supervisor planning a team's induction, the lesson is plain: ${SOURCED}.`;
const NOW = new Date("2026-11-30T12:00:00.000Z");
const verifier = createOfflineVerifier();
const citation = { source: 1, quote: QUOTE, sourceText: SOURCE };
const policy = { sectionId: "core-principles", accepts: ["source", "elaborated", "llm", "example"] as const };

async function verdictsOf(claims: ClaimToVerify[], accepts: readonly ("source" | "elaborated" | "llm" | "example")[] = policy.accepts) {
  const { verdicts } = await verifySectionClaims({ claims, verifier, policy: { sectionId: "core-principles", accepts }, now: NOW });
  return verdicts.map((rows) => (rows ? { verdict: rows.claim.verdict, flagged: rows.claim.is_flagged, reason: rows.claim.reason, verifier: rows.claim.verifier_id } : null));
}

describe("verifySectionClaims with the evidence policy", () => {
  it("verifies an elaborated claim on its sourced part; the whole framed sentence would not verify", async () => {
    expect(await verdictsOf([{ text: FRAMED, basis: "source", citations: [citation], elaborated: true, sourcedText: SOURCED }])).toEqual([
      { verdict: "supported", flagged: 0, reason: "supported", verifier: "offline" },
    ]);
    const [whole] = await verdictsOf([{ text: FRAMED, basis: "source", citations: [citation] }]);
    expect(whole?.flagged).toBe(1);
  });

  it("adds the policy's reasons to a sourced claim's row and flags it", async () => {
    const factual = `${SOURCED}, which halves dropout in the first year.`;
    expect(await verdictsOf([{ text: factual, basis: "source", citations: [citation], elaborated: true, sourcedText: SOURCED }])).toEqual([
      { verdict: "supported", flagged: 1, reason: 'unsourced_clinical_fact: efficacy "halves dropout" in the model\'s framing', verifier: "offline" },
    ]);
  });

  it("gives a model-written claim a row only when it breaks a rule", async () => {
    expect(
      await verdictsOf([
        { text: "Clinicians may find it useful to ask how the group shapes their professional identity.", basis: "llm", citations: [] },
        { text: "Most teams that adopt the model cut sick leave by 20%.", basis: "llm", citations: [] },
      ]),
    ).toEqual([null, { verdict: "unverifiable", flagged: 1, reason: 'unsourced_clinical_fact: rate "20%"', verifier: "evidence-policy" }]);
  });

  it("flags a sentence kind its section does not accept", async () => {
    expect(await verdictsOf([{ text: "Research on this is young.", basis: "llm", citations: [] }], ["source"])).toEqual([
      { verdict: "unverifiable", flagged: 1, reason: "policy_violation: core-principles accepts only source, not llm", verifier: "evidence-policy" },
    ]);
  });

  it("applies no policy without one (a reviewer's re-check of one sentence)", async () => {
    const { verdicts } = await verifySectionClaims({ claims: [{ text: "Most teams cut sick leave by 20%.", basis: "llm", citations: [] }], verifier, now: NOW });
    expect(verdicts).toEqual([null]);
  });
});
