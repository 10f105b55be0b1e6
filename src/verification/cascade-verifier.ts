import type { Verdict, Verifier, VerifyInput, VerifyOptions } from "./types.ts";

// The "cascade" verifier: the offline verifier decides every claim it is sure about, and only the
// uncertain middle of its score range goes to the (paid, slower) judge. Pure composition of two
// Verifiers, so any pair can be combined and the routing is tested without a model.

/** Prefixed to a judge's reason, so a reviewer reading a flag knows the judge, not the offline score, decided. */
export const JUDGE_REASON_PREFIX = "judge: ";

export interface CreateCascadeVerifierArgs {
  offline: Verifier;
  judge: Verifier;
  /** [low, high], inclusive: offline scores inside it are uncertain and go to the judge. */
  band: readonly [number, number];
}

export function createCascadeVerifier(args: CreateCascadeVerifierArgs): Verifier {
  const { offline, judge } = args;
  const [low, high] = args.band;
  // The config schema checks the band too; this guards other callers, since an inverted band would
  // silently send nothing to the judge.
  if (!(low >= 0 && high <= 1 && low <= high)) throw new RangeError(`cascade band must satisfy 0 <= low <= high <= 1, got [${low}, ${high}]`);
  // Either verifier's version or the band changing changes which verdicts come out, so all three
  // are part of the cascade's version.
  const info = { id: "cascade", version: `${offline.id}@${offline.version}+${judge.id}@${judge.version}+band[${low},${high}]` };

  async function verify(input: VerifyInput, options?: VerifyOptions): Promise<Verdict> {
    const first = await offline.verify(input, options);
    if (!shouldAskJudge(first, low, high)) return { ...first, verifier: info };
    // A judge failure propagates: the caller decides what an unjudged claim becomes.
    const second = await judge.verify(input, options);
    return { ...second, reason: `${JUDGE_REASON_PREFIX}${second.reason}`, verifier: info };
  }

  return { ...info, verify, ...(judge.preflight ? { preflight: judge.preflight } : {}) };
}

/**
 * Whether the judge should see a claim the offline verifier scored. A missing source, a quote that
 * is not in its source, or a vetoed fact (issue 13: a one-fact change must be flagged whatever the
 * judge says) is settled already (classified by fields, not by reason text).
 */
export function shouldAskJudge(verdict: Verdict, low: number, high: number): boolean {
  if (verdict.verdict === "unverifiable" || verdict.quote?.status === "not_found" || verdict.isVetoed === true) return false;
  return verdict.score >= low && verdict.score <= high;
}
