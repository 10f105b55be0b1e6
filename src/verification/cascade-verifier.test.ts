import { describe, expect, it } from "vitest";
import { createCascadeVerifier, JUDGE_REASON_PREFIX } from "./cascade-verifier.ts";
import type { QuoteLocation, Verdict, Verifier, VerifyInput, VerifyOptions } from "./types.ts";

// The cascade's routing with two plain in-test verifiers: the offline one answers from a script keyed
// by claim, the judge records every input it sees and answers one fixed verdict.

const SOURCE = "Communities of practice are groups of people who share a concern or a passion.";
const FOUND: QuoteLocation = { status: "exact", start: 0, end: 24, similarity: 1 };
const MISSING: QuoteLocation = { status: "not_found", start: -1, end: -1, similarity: 0.2 };

type Scripted = Pick<Verdict, "verdict" | "score" | "reason" | "quote" | "isVetoed">;

function offlineVerifier(script: Record<string, Scripted>): Verifier & { seen: VerifyInput[] } {
  const seen: VerifyInput[] = [];
  return {
    id: "offline",
    version: "off-3",
    seen,
    verify: async (input) => {
      seen.push(input);
      const scripted = script[input.claim];
      if (!scripted) throw new Error(`no offline verdict scripted for ${input.claim}`);
      return { ...scripted, evidence: { start: 0, end: 24, text: SOURCE.slice(0, 24) }, verifier: { id: "offline", version: "off-3" } };
    },
  };
}

const JUDGED: Verdict = {
  verdict: "partially_supported",
  score: 0.5,
  reason: "missing_terms: [1991]",
  evidence: { start: 25, end: 78, text: SOURCE.slice(25, 78) },
  quote: FOUND,
  verifier: { id: "llm", version: "judge-1+m" },
};

function judgeVerifier(answer: (input: VerifyInput) => Promise<Verdict> = async () => JUDGED): Verifier & { seen: VerifyInput[]; signals: (AbortSignal | undefined)[] } {
  const seen: VerifyInput[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  return {
    id: "llm",
    version: "judge-1+m",
    seen,
    signals,
    verify: async (input: VerifyInput, options?: VerifyOptions) => {
      seen.push(input);
      signals.push(options?.signal);
      return answer(input);
    },
  };
}

const band = [0.35, 0.65] as const;
const cascadeInfo = { id: "cascade", version: "offline@off-3+llm@judge-1+m+band[0.35,0.65]" };

describe("createCascadeVerifier routing", () => {
  it.each([
    { name: "inside the band", offline: { verdict: "partially_supported", score: 0.5, reason: "low_support", quote: FOUND }, isJudged: true },
    { name: "on the low edge (inclusive)", offline: { verdict: "not_supported", score: 0.35, reason: "low_support", quote: FOUND }, isJudged: true },
    { name: "on the high edge (inclusive)", offline: { verdict: "supported", score: 0.65, reason: "supported", quote: FOUND }, isJudged: true },
    { name: "just below the band", offline: { verdict: "not_supported", score: 0.34, reason: "negation: is not", quote: FOUND }, isJudged: false },
    { name: "just above the band", offline: { verdict: "supported", score: 0.66, reason: "supported", quote: FOUND }, isJudged: false },
    { name: "confidently supported", offline: { verdict: "supported", score: 0.97, reason: "supported", quote: null }, isJudged: false },
    { name: "a quote not in its source, even with an in-band score", offline: { verdict: "not_supported", score: 0.5, reason: "quote_not_found", quote: MISSING }, isJudged: false },
    { name: "a missing source, even with an in-band score", offline: { verdict: "unverifiable", score: 0.5, reason: "source_missing", quote: null }, isJudged: false },
    {
      name: "a vetoed fact, even with an in-band score (issue 13)",
      offline: { verdict: "not_supported", score: 0.5, reason: "swapped_values: claim 30% / 12%, source has them the other way round", quote: FOUND, isVetoed: true },
      isJudged: false,
    },
  ] satisfies { name: string; offline: Scripted; isJudged: boolean }[])("$name -> judged: $isJudged", async ({ offline: scripted, isJudged }) => {
    const offline = offlineVerifier({ claim: scripted });
    const judge = judgeVerifier();
    const cascade = createCascadeVerifier({ offline, judge, band });
    const input: VerifyInput = { claim: "claim", quote: "Communities of practice", sourceText: SOURCE };

    const verdict = await cascade.verify(input);

    expect(offline.seen).toEqual([input]);
    expect(judge.seen).toEqual(isJudged ? [input] : []);
    const expected: Verdict = isJudged
      ? { ...JUDGED, reason: `${JUDGE_REASON_PREFIX}missing_terms: [1991]`, verifier: cascadeInfo }
      : { ...scripted, evidence: { start: 0, end: 24, text: SOURCE.slice(0, 24) }, verifier: cascadeInfo };
    expect(verdict).toEqual(expected);
  });

  it("sends only the uncertain claims of a batch to the judge, in order", async () => {
    const offline = offlineVerifier({
      a: { verdict: "supported", score: 0.9, reason: "supported", quote: FOUND },
      b: { verdict: "partially_supported", score: 0.4, reason: "low_support", quote: FOUND },
      c: { verdict: "not_supported", score: 0.1, reason: "number_mismatch: claim 1998, source 1991", quote: FOUND },
      d: { verdict: "supported", score: 0.6, reason: "supported", quote: FOUND },
    });
    const judge = judgeVerifier();
    const cascade = createCascadeVerifier({ offline, judge, band });
    const verdicts = [];
    for (const claim of ["a", "b", "c", "d"]) verdicts.push(await cascade.verify({ claim, quote: "Communities", sourceText: SOURCE }));
    expect(judge.seen.map((input) => input.claim)).toEqual(["b", "d"]);
    expect(verdicts.map((verdict) => [verdict.verdict, verdict.reason])).toEqual([
      ["supported", "supported"],
      ["partially_supported", "judge: missing_terms: [1991]"],
      ["not_supported", "number_mismatch: claim 1998, source 1991"],
      ["partially_supported", "judge: missing_terms: [1991]"],
    ]);
  });

  it("passes the caller's abort signal to the judge", async () => {
    const offline = offlineVerifier({ claim: { verdict: "supported", score: 0.5, reason: "supported", quote: FOUND } });
    const judge = judgeVerifier();
    const controller = new AbortController();
    await createCascadeVerifier({ offline, judge, band }).verify({ claim: "claim", sourceText: SOURCE }, { signal: controller.signal });
    expect(judge.signals).toEqual([controller.signal]);
  });

  it("lets a judge failure through instead of falling back to the offline verdict", async () => {
    const offline = offlineVerifier({ claim: { verdict: "supported", score: 0.5, reason: "supported", quote: FOUND } });
    const failure = new Error("judge unavailable");
    const judge = judgeVerifier(async () => {
      throw failure;
    });
    const result = createCascadeVerifier({ offline, judge, band }).verify({ claim: "claim", sourceText: SOURCE });
    await expect(result).rejects.toBe(failure);
  });
});

describe("createCascadeVerifier identity", () => {
  it("has a version naming both verifiers and the band, which changes with any of them", () => {
    const offline = offlineVerifier({});
    const judge = judgeVerifier();
    const versions = [
      createCascadeVerifier({ offline, judge, band }),
      createCascadeVerifier({ offline, judge, band: [0.3, 0.65] }),
      createCascadeVerifier({ offline: { ...offline, version: "off-4" }, judge, band }),
      createCascadeVerifier({ offline, judge: { ...judge, version: "judge-2+m" }, band }),
    ].map((cascade) => [cascade.id, cascade.version]);
    expect(versions).toEqual([
      ["cascade", "offline@off-3+llm@judge-1+m+band[0.35,0.65]"],
      ["cascade", "offline@off-3+llm@judge-1+m+band[0.3,0.65]"],
      ["cascade", "offline@off-4+llm@judge-1+m+band[0.35,0.65]"],
      ["cascade", "offline@off-3+llm@judge-2+m+band[0.35,0.65]"],
    ]);
  });

  it.each([
    [0.7, 0.3],
    [-0.1, 0.5],
    [0.5, 1.2],
  ] as const)("rejects the band [%s, %s]", (low, high) => {
    expect(() => createCascadeVerifier({ offline: offlineVerifier({}), judge: judgeVerifier(), band: [low, high] })).toThrow(RangeError);
  });
});
