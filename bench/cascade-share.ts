// What the cascade verifier (src/verification/cascade-verifier.ts) would do with a set of offline
// verdicts (issue 13, item 4): the share of claims it sends to the judge (score inside the band, not
// vetoed, not settled otherwise, by the cascade's own shouldAskJudge), and how often the offline
// verifier is wrong on the claims it decides alone. Used by bench/verifier.ts on the nested
// cross-validated dev verdicts and by bench/perturbation.ts on the perturbed claims.

import { DEFAULT_CONFIG } from "../src/config/config-schema.ts";
import { shouldAskJudge } from "../src/verification/cascade-verifier.ts";
import type { Verdict } from "../src/verification/types.ts";

export const DEFAULT_BAND = DEFAULT_CONFIG.verifier.cascade_band;

export interface CascadeShare {
  band: readonly [number, number];
  claims: number;
  toJudge: number;
  shareToJudge: number;
  decidedOffline: number;
  /** Of the claims decided offline: vetoed by a fact check (never seen by the judge). */
  vetoedOffline: number;
  /** Binary errors (supported vs the rest) among the claims decided offline. */
  offlineErrors: number;
  offlineErrorRate: number;
  /** Decided offline as "supported" while gold is not: the costliest error, which no judge sees. */
  falseAcceptsOutsideBand: number;
  falseRejectsOutsideBand: number;
}

export function measureCascadeShare(rows: { verdict: Verdict; isSupported: boolean }[], band: readonly [number, number] = DEFAULT_BAND): CascadeShare {
  const [low, high] = band;
  const offline = rows.filter((row) => !shouldAskJudge(row.verdict, low, high));
  const accepted = (row: { verdict: Verdict }): boolean => row.verdict.verdict === "supported";
  const falseAccepts = offline.filter((row) => accepted(row) && !row.isSupported).length;
  const falseRejects = offline.filter((row) => !accepted(row) && row.isSupported).length;
  return {
    band,
    claims: rows.length,
    toJudge: rows.length - offline.length,
    shareToJudge: rows.length === 0 ? 0 : (rows.length - offline.length) / rows.length,
    decidedOffline: offline.length,
    vetoedOffline: offline.filter((row) => row.verdict.isVetoed === true).length,
    offlineErrors: falseAccepts + falseRejects,
    offlineErrorRate: offline.length === 0 ? 0 : (falseAccepts + falseRejects) / offline.length,
    falseAcceptsOutsideBand: falseAccepts,
    falseRejectsOutsideBand: falseRejects,
  };
}
