// The perturbation suite (issue 13, item 3): supported claims with exactly one fact changed per
// operator (bench/perturb/operators.ts), checked by the shipped offline verifier against the
// claim's own source. A perturbed claim called "supported" is a false accept. Reported per operator
// and overall, next to the accept rate of the untouched claims; also conditioned on the untouched
// claim being accepted (a perturbation of a claim already rejected is rejected for free).
// Run: npm run bench -- perturbation

import { pathToFileURL } from "node:url";
import { loadExampleClaims, loadWiceSupported, type BaseClaim } from "./perturb/base-claims.ts";
import { OPERATORS, perturbClaim, type OperatorName } from "./perturb/operators.ts";
import { measureCascadeShare } from "./cascade-share.ts";
import { EVAL_DIR, hasEvalData } from "./verifier-data.ts";
import { createOfflineVerifier } from "../src/verification/offline-verifier.ts";
import type { Verdict } from "../src/verification/types.ts";

interface Tally {
  perturbed: number;
  falseAccepts: number;
  falseAcceptRate: number;
  /** Perturbations of claims whose untouched text was accepted, and how many of those were accepted too. */
  ofAcceptedBase: number;
  falseAcceptsOfAcceptedBase: number;
  falseAcceptRateOfAcceptedBase: number;
}

function tally(rows: { accepted: boolean; baseAccepted: boolean }[]): Tally {
  const falseAccepts = rows.filter((row) => row.accepted).length;
  const ofAccepted = rows.filter((row) => row.baseAccepted);
  const falseOfAccepted = ofAccepted.filter((row) => row.accepted).length;
  return {
    perturbed: rows.length,
    falseAccepts,
    falseAcceptRate: rows.length === 0 ? 0 : falseAccepts / rows.length,
    ofAcceptedBase: ofAccepted.length,
    falseAcceptsOfAcceptedBase: falseOfAccepted,
    falseAcceptRateOfAcceptedBase: ofAccepted.length === 0 ? 0 : falseOfAccepted / ofAccepted.length,
  };
}

export async function benchPerturbation(options: { examples: number } = { examples: 3 }): Promise<object> {
  const bases: BaseClaim[] = [];
  const notes: string[] = [];
  if (hasEvalData()) bases.push(...loadWiceSupported());
  else notes.push(`no eval data at ${EVAL_DIR}: WiCE claims skipped`);
  const example = loadExampleClaims();
  if ("skipped" in example) notes.push(`example article skipped: ${example.skipped}`);
  else bases.push(...example);

  const verifier = createOfflineVerifier();
  const verify = (claim: string, base: BaseClaim): Promise<Verdict> => verifier.verify({ claim, quote: base.quote, sourceText: base.sourceText });
  const rows: { operator: OperatorName; origin: BaseClaim["origin"]; accepted: boolean; baseAccepted: boolean; perturbed: string; reason: string; verdict: Verdict }[] = [];
  const untouchedVerdicts: Verdict[] = [];
  const untouched = { wice: { claims: 0, accepted: 0 }, example: { claims: 0, accepted: 0 } };
  for (const base of bases) {
    const baseVerdict = await verify(base.claim, base);
    untouchedVerdicts.push(baseVerdict);
    const baseAccepted = baseVerdict.verdict === "supported";
    untouched[base.origin].claims++;
    if (baseAccepted) untouched[base.origin].accepted++;
    for (const perturbation of perturbClaim({ claim: base.claim, sourceText: base.sourceText })) {
      const verdict = await verify(perturbation.perturbed, base);
      rows.push({ operator: perturbation.operator, origin: base.origin, accepted: verdict.verdict === "supported", baseAccepted, perturbed: perturbation.perturbed, reason: verdict.reason, verdict });
    }
  }
  const claims = untouched.wice.claims + untouched.example.claims;
  const accepted = untouched.wice.accepted + untouched.example.accepted;
  const perOperator: Record<string, Tally & { examplesStillAccepted: string[] }> = {};
  for (const { name } of OPERATORS) {
    const ofOperator = rows.filter((row) => row.operator === name);
    perOperator[name] = { ...tally(ofOperator), examplesStillAccepted: ofOperator.filter((row) => row.accepted).slice(0, options.examples).map((row) => row.perturbed) };
  }
  const reasons: Record<string, number> = {};
  for (const row of rows) {
    if (row.accepted) continue;
    const kind = row.reason.split(":")[0] ?? row.reason;
    reasons[kind] = (reasons[kind] ?? 0) + 1;
  }
  return {
    verifier: `${verifier.id} ${verifier.version}`,
    notes,
    untouched: { claims, accepted, acceptRate: claims === 0 ? 0 : accepted / claims, wice: untouched.wice, example: untouched.example },
    overall: tally(rows),
    byOrigin: { wice: tally(rows.filter((row) => row.origin === "wice")), example: tally(rows.filter((row) => row.origin === "example")) },
    perOperator,
    rejectionReasons: reasons,
    // Every perturbed claim is gold "not supported", every untouched one "supported".
    cascade: measureCascadeShare([
      ...rows.map((row) => ({ verdict: row.verdict, isSupported: false })),
      ...untouchedVerdicts.map((verdict) => ({ verdict, isSupported: true })),
    ]),
    cascadePerturbedOnly: measureCascadeShare(rows.map((row) => ({ verdict: row.verdict, isSupported: false }))),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchPerturbation({ examples: 20 }), null, 2));
}
