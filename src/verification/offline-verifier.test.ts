import { describe, expect, it } from "vitest";
import { createOfflineVerifier } from "./offline-verifier.ts";

const SOURCE = [
  "Cognitive behavioural therapy (CBT) was developed by Aaron Beck in the 1960s.",
  "In a 2019 trial, Smith and colleagues found that CBT reduced depressive symptoms by 40% over 12 weeks.",
  "The trial did not find any benefit for insomnia.",
  "Sertraline is usually started at 50 mg daily in adults.",
  "Mindfulness-based cognitive therapy may reduce relapse in recurrent depression.",
  "Group sessions were held weekly at three community clinics in Leeds.",
].join("\n");

const verifier = createOfflineVerifier();

describe("createOfflineVerifier: verdicts and reasons", () => {
  const cases: { name: string; claim: string; quote?: string; sourceText?: string | null; verdict: string; reason: string }[] = [
    {
      name: "number mismatch (percentage)",
      claim: "In a 2019 trial, CBT reduced depressive symptoms by 60% over 12 weeks.",
      verdict: "not_supported",
      reason: "number_mismatch: claim 60%, source 40%",
    },
    {
      name: "date mismatch",
      claim: "In a 2017 trial, Smith and colleagues found that CBT reduced depressive symptoms by 40% over 12 weeks.",
      verdict: "not_supported",
      reason: "number_mismatch: claim 2017, source 2019",
    },
    {
      name: "dose mismatch",
      claim: "Sertraline is usually started at 100 mg daily in adults.",
      verdict: "not_supported",
      reason: "number_mismatch: claim 100 mg, source 50 mg",
    },
    {
      name: "claim affirms what the source negates",
      claim: "The trial found a benefit for insomnia.",
      verdict: "not_supported",
      reason: "negation: claim affirms, source negates",
    },
    {
      name: "claim negates what the source affirms",
      claim: "Sertraline is not usually started at 50 mg daily in adults.",
      verdict: "not_supported",
      reason: "negation: claim negates, source affirms",
    },
    {
      name: "claim states as fact what the source hedges",
      claim: "Mindfulness-based cognitive therapy reduces relapse in recurrent depression.",
      verdict: "not_supported",
      reason: "negation: claim certain, source hedged",
    },
    {
      name: "finding credited to another person (active voice)",
      claim: "In a 2019 trial, Jones and colleagues found that CBT reduced depressive symptoms by 40% over 12 weeks.",
      verdict: "not_supported",
      reason: "entity_mismatch: Jones / Smith",
    },
    {
      name: "method credited to another person (passive voice)",
      claim: "Cognitive behavioural therapy was developed by Albert Ellis in the 1960s.",
      verdict: "not_supported",
      reason: "entity_mismatch: Albert Ellis / Aaron Beck",
    },
    {
      name: "faithful paraphrase",
      claim: "Aaron Beck developed cognitive behavioural therapy during the 1960s.",
      verdict: "supported",
      reason: "supported",
    },
    {
      name: "faithful paraphrase with a located quote",
      claim: "Sertraline is typically begun at 50 mg a day in adults.",
      quote: "Sertraline is usually started at 50 mg daily",
      verdict: "supported",
      reason: "supported",
    },
    {
      name: "fabricated quote",
      claim: "CBT reduced depressive symptoms.",
      quote: "CBT cured every patient within a single week of treatment",
      verdict: "not_supported",
      reason: "quote_not_found",
    },
    {
      name: "claim about something the source never mentions",
      claim: "Electroconvulsive therapy is contraindicated in pregnancy.",
      verdict: "not_supported",
      reason: "missing_terms: [Electroconvulsive, contraindicated, pregnancy]",
    },
    { name: "source missing", claim: "CBT reduced depressive symptoms.", sourceText: null, verdict: "unverifiable", reason: "source_missing" },
    {
      name: "claim with no content word, even with a located quote",
      claim: "It was so.",
      quote: "Sertraline is usually started at 50 mg daily",
      verdict: "not_supported",
      reason: "no_content: the claim has no word to check against the source",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const verdict = await verifier.verify({ claim: c.claim, quote: c.quote, sourceText: c.sourceText === undefined ? SOURCE : c.sourceText });
      expect({ verdict: verdict.verdict, reason: verdict.reason }).toEqual({ verdict: c.verdict, reason: c.reason });
      expect(verdict.score).toBeGreaterThanOrEqual(0);
      expect(verdict.score).toBeLessThanOrEqual(1);
    });
  }
});

describe("createOfflineVerifier: evidence, quote and identity", () => {
  it("returns the evidence sentence and the quote's location in the source", async () => {
    const quote = "reduced depressive symptoms by 40%";
    const verdict = await verifier.verify({ claim: "Smith and colleagues found that CBT reduced depressive symptoms by 40% in 2019.", quote, sourceText: SOURCE });
    const start = SOURCE.indexOf("In a 2019 trial");
    const sentence = SOURCE.split("\n")[1] as string;
    expect({ verdict: verdict.verdict, evidence: verdict.evidence, quote: verdict.quote, verifier: verdict.verifier.id }).toEqual({
      verdict: "supported",
      evidence: { start, end: start + sentence.length, text: sentence },
      quote: { status: "exact", start: SOURCE.indexOf(quote), end: SOURCE.indexOf(quote) + quote.length, similarity: 1 },
      verifier: "offline",
    });
  });

  it("scores a supported claim above a partly supported one and that above an unrelated one", async () => {
    const claims = [
      "Smith and colleagues found that CBT reduced depressive symptoms by 40% over 12 weeks.",
      "Smith and colleagues found that CBT reduced depressive symptoms and anxiety in veterans with chronic pain over 12 weeks.",
      "Lithium prevents suicide in bipolar disorder.",
    ];
    const scores = await Promise.all(claims.map(async (claim) => (await verifier.verify({ claim, sourceText: SOURCE })).score));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("rejects an aborted call", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(verifier.verify({ claim: "CBT works.", sourceText: SOURCE }, { signal: controller.signal })).rejects.toThrow("stop");
  });

  it("names itself with a version that moves with the weights", () => {
    expect({ id: verifier.id, version: verifier.version }).toEqual({ id: "offline", version: expect.stringMatching(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/) });
  });
});
