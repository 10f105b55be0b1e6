// Speed of the offline verifier with each source indexed once (issue 13, item 5), side by side with
// the verifier before the index: the code of a baseline commit (VERIFIER_BASELINE, default the
// commit this work started from), exported with `git archive` into bench/out and imported as is.
// - equality: every verdict, score, reason, evidence span and quote location, claim by claim, on
//   the WiCE dev claims (without quotes, and with exact, re-cased and altered quotes), on the
//   perturbation suite's claims, and on the 1 MB source below;
// - WiCE-sized sources: claims/s end to end (each dev claim has its own source, so each verify
//   indexes one) and against a kept index (the same claim verified again);
// - a 1 MB source made from the example article's own sources (repeated, each copy numbered):
//   the time of a first claim whose quote is nowhere in the source (it builds the sentence index and
//   every part quote search builds on first need: word indexes, normalized text), then ms per claim.
// After a merge, point VERIFIER_BASELINE at the merge's first parent: equality then compares the
// index alone, not other changes to the checks or weights.
// Run: npm run bench -- verifier   (or: npx tsx bench/verifier-speed.ts)

import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { exportBaseline } from "./baseline-source.ts";
import { loadExampleClaims, loadWiceSupported, type BaseClaim } from "./perturb/base-claims.ts";
import { perturbClaim } from "./perturb/operators.ts";
import { EVAL_DIR, hasEvalData, loadDevClaims } from "./verifier-data.ts";
import { createOfflineVerifier } from "../src/verification/offline-verifier.ts";
import { splitSentences } from "../src/domain/text/split-sentences.ts";
import type { Verdict, Verifier, VerifyInput } from "../src/verification/types.ts";
import { loadExampleSourceTexts } from "../test/helpers/example-source-texts.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";

const DEFAULT_BASELINE = "85ee88b6f3c933e605cac53bf2f9fe7c75e0960d";
const ROUNDS = 3;
const LONG_SOURCE_BYTES = 1_000_000;
const LONG_SOURCE_CLAIMS = 300;

type CreateVerifier = () => Verifier;

/** The offline verifier as it was at `ref`, from its own source files. */
async function loadBaseline(ref: string): Promise<{ commit: string; create: CreateVerifier }> {
  const baseline = exportBaseline(ref);
  const module = (await baseline.load("verification/offline-verifier.ts")) as { createOfflineVerifier: CreateVerifier };
  return { commit: baseline.commit, create: () => module.createOfflineVerifier() };
}

/** A verdict without the verifier's name and version, which differ between the two by design. */
function decisionOf(verdict: Verdict): string {
  return JSON.stringify({ ...verdict, verifier: undefined });
}

async function verifyAll(verifier: Verifier, inputs: VerifyInput[]): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const input of inputs) verdicts.push(await verifier.verify(input));
  return verdicts;
}

async function compare(before: CreateVerifier, inputs: VerifyInput[]): Promise<{ claims: number; identical: number; differing: string[] }> {
  const old = await verifyAll(before(), inputs);
  const now = await verifyAll(createOfflineVerifier(), inputs);
  const differing = inputs.flatMap((input, i) => (decisionOf(old[i] as Verdict) === decisionOf(now[i] as Verdict) ? [] : [input.claim]));
  return { claims: inputs.length, identical: inputs.length - differing.length, differing: differing.slice(0, 5) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Claims per second, end to end and against a kept index, old and new alternating per round. */
async function measureThroughput(before: CreateVerifier, inputs: VerifyInput[]): Promise<object> {
  const run = async (create: CreateVerifier): Promise<{ endToEnd: number; kept: number }> => {
    const verifier = create();
    let first = 0;
    let again = 0;
    for (const input of inputs) {
      const started = performance.now();
      await verifier.verify(input);
      const middle = performance.now();
      await verifier.verify(input);
      first += middle - started;
      again += performance.now() - middle;
    }
    return { endToEnd: (inputs.length / first) * 1000, kept: (inputs.length / again) * 1000 };
  };
  const old: { endToEnd: number; kept: number }[] = [];
  const now: { endToEnd: number; kept: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    old.push(await run(before));
    now.push(await run(createOfflineVerifier));
  }
  const figure = (key: "endToEnd" | "kept"): object => {
    const before = median(old.map((entry) => entry[key]));
    const after = median(now.map((entry) => entry[key]));
    return { claimsPerSecondBefore: Math.round(before), claimsPerSecondAfter: Math.round(after), ratio: Number((after / before).toFixed(2)) };
  };
  return { claims: inputs.length, rounds: `median of ${ROUNDS}, before and after alternating`, endToEnd: figure("endToEnd"), againstKeptIndex: figure("kept") };
}

/** Sentences of the example sources, each copy numbered so copies differ, up to `bytes` characters. */
function buildLongSource(bytes: number): string {
  const sentences = loadExampleSourceTexts().flatMap((text) => splitSentences(text).map((span) => text.slice(span.start, span.end)));
  const lines: string[] = [];
  let length = 0;
  for (let copy = 1; length < bytes; copy++) {
    for (const sentence of sentences) {
      const line = copy === 1 ? sentence : `${sentence} (Copy ${copy}.)`;
      lines.push(line);
      length += line.length + 1;
      if (length >= bytes) break;
    }
  }
  return lines.join("\n");
}

/** Claims and quotes about the long source: sentences as written, cut, re-cased, with words dropped, or invented. */
function longSourceInputs(source: string, count: number): VerifyInput[] {
  const random = seededRandom(3);
  const sentences = splitSentences(source).map((span) => source.slice(span.start, span.end)).filter((sentence) => sentence.split(" ").length >= 6);
  return Array.from({ length: count }, (_, k) => {
    const sentence = sentences[Math.floor(random() * sentences.length)] as string;
    const words = sentence.split(" ");
    const claim = k % 3 === 0 ? sentence : words.filter(() => random() > 0.25).join(" ");
    const quotes = [sentence, sentence.toUpperCase(), words.slice(1, -1).join(" "), `${words.slice(0, 3).join(" ")} never written here`, undefined];
    return { claim, quote: quotes[k % quotes.length], sourceText: source };
  });
}

async function measureLongSource(before: CreateVerifier): Promise<object> {
  const source = buildLongSource(LONG_SOURCE_BYTES);
  const inputs = longSourceInputs(source, LONG_SOURCE_CLAIMS);
  const run = async (create: CreateVerifier): Promise<{ firstClaimMs: number; msPerClaim: number }> => {
    const verifier = create();
    const started = performance.now();
    await verifier.verify({ claim: "Communities of practice met in Lisbon.", quote: "a quote written nowhere in the sources", sourceText: source });
    const firstClaimMs = performance.now() - started;
    const restStarted = performance.now();
    await verifyAll(verifier, inputs);
    return { firstClaimMs, msPerClaim: (performance.now() - restStarted) / inputs.length };
  };
  const old: { firstClaimMs: number; msPerClaim: number }[] = [];
  const now: { firstClaimMs: number; msPerClaim: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    old.push(await run(before));
    now.push(await run(createOfflineVerifier));
  }
  const msBefore = median(old.map((entry) => entry.msPerClaim));
  const msAfter = median(now.map((entry) => entry.msPerClaim));
  return {
    sourceChars: source.length,
    claims: inputs.length,
    quotes: "exact, re-cased, cut, partly invented, none (one in five each)",
    firstClaimMsBuildingTheIndex: { before: Math.round(median(old.map((entry) => entry.firstClaimMs))), after: Math.round(median(now.map((entry) => entry.firstClaimMs))) },
    msPerClaimAfterFirst: { before: Number(msBefore.toFixed(3)), after: Number(msAfter.toFixed(3)), speedup: Number((msBefore / msAfter).toFixed(1)) },
    equality: await compare(before, inputs),
  };
}

function perturbationInputs(): { inputs: VerifyInput[]; note: string } {
  const bases: BaseClaim[] = [...loadWiceSupported()];
  const example = loadExampleClaims();
  const note = "skipped" in example ? `example article skipped: ${example.skipped}` : "WiCE dev supported claims and the example article's claims";
  if (!("skipped" in example)) bases.push(...example);
  const inputs = bases.flatMap((base) => [base.claim, ...perturbClaim({ claim: base.claim, sourceText: base.sourceText }).map((p) => p.perturbed)].map((claim) => ({ claim, quote: base.quote, sourceText: base.sourceText })));
  return { inputs, note };
}

/** Dev claims with a quote from their own source: as written, re-cased, or with a word changed and words added. */
function devInputsWithQuotes(inputs: VerifyInput[]): VerifyInput[] {
  return inputs.flatMap((input) => {
    const text = input.sourceText ?? "";
    const spans = splitSentences(text);
    const span = spans[1] ?? spans[0];
    if (!span) return [];
    const sentence = text.slice(span.start, span.end);
    return [sentence, sentence.toUpperCase(), `${sentence.replace(/\b(\w)(\w+)/, "$2$1")} and more words`].map((quote) => ({ ...input, quote }));
  });
}

export async function benchVerifierSpeed(): Promise<object> {
  const baseline = await loadBaseline(process.env.VERIFIER_BASELINE ?? DEFAULT_BASELINE);
  const result: Record<string, unknown> = { baseline: `${baseline.commit} (VERIFIER_BASELINE to change)` };
  if (hasEvalData()) {
    const dev = loadDevClaims().map((claim) => ({ claim: claim.claim, sourceText: claim.source_text }));
    const perturbation = perturbationInputs();
    result.equality = {
      devClaims: await compare(baseline.create, dev),
      devClaimsWithQuotes: await compare(baseline.create, devInputsWithQuotes(dev)),
      perturbationSuite: { ...(await compare(baseline.create, perturbation.inputs)), of: perturbation.note },
    };
    result.wiceThroughput = await measureThroughput(baseline.create, dev);
  } else {
    result.wice = `skipped: no eval data at ${EVAL_DIR}`;
  }
  result.oneMegabyteSource = await measureLongSource(baseline.create);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchVerifierSpeed(), null, 2));
}
