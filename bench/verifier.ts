// Measures the offline verifier on the WiCE-derived dev claims in ../shared/eval/claims:
// - nested cross-validation: 10 outer folds (seeds 1-5); in each, bench/verifier-select.ts chooses the
//   L2 penalty, feature subset and thresholds by an inner 5-fold cross-validation of the nine training
//   folds, fits them there, and the tenth fold is predicted through the real verifier; score.mjs
//   scores the concatenation (with its bootstrap interval);
// - the cascade on those verdicts: the share sent to the judge, the offline error outside the band;
// - how often the returned evidence overlaps an annotated supporting sentence;
// - throughput of the shipped verifier, and check time on synthetic 10 kB / 100 kB / 1 MB sources.
// Run: npx tsx bench/verifier.ts

import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { measureCascadeShare } from "./cascade-share.ts";
import { assignFolds, EVAL_DIR, hasEvalData, labelClaims, loadDevClaims, loadDevMeta, REPO_ROOT, type EvalClaim, type EvalMeta } from "./verifier-data.ts";
import { binaryBalancedAccuracy, fitRecipe, selectRecipe, type LabelledRow, type Recipe } from "./verifier-select.ts";
import { FEATURE_NAMES } from "../src/verification/extract-features.ts";
import { fitLogisticModel, predictProbability } from "../src/verification/logistic-model.ts";
import { createOfflineVerifier } from "../src/verification/offline-verifier.ts";
import { splitSentences } from "../src/domain/text/split-sentences.ts";
import type { Verdict } from "../src/verification/types.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";

const FOLDS = 10;
const SEED = 1;
/** Other fold assignments, reported to show how much the figure moves with the split alone. */
const EXTRA_SEEDS = [2, 3, 4, 5];
const SCALING_SIZES = [10_000, 100_000, 1_000_000];
const SCALING_CLAIMS = 20;
const OUT_DIR = join(REPO_ROOT, "bench", "out");

interface ScoreReport {
  binary: { balancedAccuracy: number; macroF1: number; auroc?: number; ci95: { balancedAccuracy: number[]; macroF1: number[] } };
  threeWay: { macroF1: number; balancedAccuracy: number; accuracy: number };
  missing: number;
}

/** The inner selection's seed for one outer fold: differs per fold and per outer seed. */
function innerSeed(outerSeed: number, fold: number): number {
  return outerSeed * 1000 + fold + 1;
}

async function predictNested(claims: EvalClaim[], rows: LabelledRow[], seed: number): Promise<{ verdicts: Verdict[]; recipes: Recipe[] }> {
  const folds = assignFolds(rows.map((row) => row.gold), FOLDS, seed);
  const verdicts = new Array<Verdict>(claims.length);
  const recipes: Recipe[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = rows.filter((_, i) => folds[i] !== fold);
    const recipe = selectRecipe(train, innerSeed(seed, fold));
    recipes.push(recipe);
    const verifier = createOfflineVerifier({ model: fitRecipe(train, recipe), thresholds: recipe.thresholds });
    for (let i = 0; i < claims.length; i++) {
      if (folds[i] !== fold) continue;
      const claim = claims[i] as EvalClaim;
      verdicts[i] = await verifier.verify({ claim: claim.claim, sourceText: claim.source_text });
    }
  }
  return { verdicts, recipes };
}

/**
 * The old fixed recipe (all features, L2 0.01, threshold 0.5, nothing chosen) in plain 10-fold CV, as
 * binary verdicts from the same feature rows and vetoes: what the nested figure's choosing costs.
 */
function crossValidateFixedRecipe(rows: LabelledRow[], seed: number): number {
  const folds = assignFolds(rows.map((row) => row.gold), FOLDS, seed);
  const predicted = new Array<boolean>(rows.length).fill(false);
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = rows.filter((_, i) => folds[i] !== fold);
    const model = fitLogisticModel({ features: [...FEATURE_NAMES], rows: train.map((row) => row.features), labels: train.map((row) => row.gold === "supported"), options: { l2: 0.01 } });
    rows.forEach((row, i) => {
      if (folds[i] === fold) predicted[i] = !row.isForcedNotSupported && predictProbability(model, row.features) >= 0.5;
    });
  }
  return binaryBalancedAccuracy(predicted, rows.map((row) => row.gold));
}

/** How often each choice was made across the outer folds: a stable recipe is chosen the same way everywhere. */
function summarizeRecipes(recipes: Recipe[]): object {
  const count = (values: (string | number)[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
    return counts;
  };
  return {
    outerFolds: recipes.length,
    l2: count(recipes.map((recipe) => recipe.l2)),
    supportedThreshold: count(recipes.map((recipe) => recipe.thresholds.supported)),
    featureKept: count(recipes.flatMap((recipe) => recipe.features)),
    featureCount: count(recipes.map((recipe) => recipe.features.length)),
    innerBalancedAccuracy: { min: Math.min(...recipes.map((r) => r.innerBalancedAccuracy)), max: Math.max(...recipes.map((r) => r.innerBalancedAccuracy)) },
  };
}

function scoreWithScorer(predictionsPath: string): ScoreReport {
  const output = execFileSync(process.execPath, [join(EVAL_DIR, "score.mjs"), "--pred", predictionsPath, "--split", "dev", "--json"], { encoding: "utf8" });
  return JSON.parse(output) as ScoreReport;
}

function measureEvidenceOverlap(claims: EvalClaim[], verdicts: Verdict[], meta: Map<string, EvalMeta>): { annotated: number; overlapping: number; rate: number } {
  let annotated = 0;
  let overlapping = 0;
  claims.forEach((claim, i) => {
    const spans = (meta.get(claim.id)?.supporting_char_spans ?? []).flat();
    if (spans.length === 0) return;
    annotated++;
    const evidence = verdicts[i]?.evidence;
    if (evidence && spans.some(([start, end]) => evidence.start < end && start < evidence.end)) overlapping++;
  });
  return { annotated, overlapping, rate: annotated === 0 ? 0 : overlapping / annotated };
}

async function measureThroughput(claims: EvalClaim[]): Promise<{ claims: number; seconds: number; claimsPerSecond: number }> {
  const verifier = createOfflineVerifier();
  const started = performance.now();
  for (const claim of claims) await verifier.verify({ claim: claim.claim, sourceText: claim.source_text });
  const seconds = (performance.now() - started) / 1000;
  return { claims: claims.length, seconds, claimsPerSecond: claims.length / seconds };
}

/** Each claim's own source sentences shuffled into filler sentences of other dev sources, up to `size` characters. */
function buildLongSource(claim: EvalClaim, pool: string[], size: number, random: () => number): string {
  const own = splitSentences(claim.source_text).map((span) => claim.source_text.slice(span.start, span.end));
  const parts: string[] = [];
  let length = own.reduce((total, sentence) => total + sentence.length + 1, 0);
  while (length < size) {
    const sentence = pool[Math.floor(random() * pool.length)] as string;
    parts.push(sentence);
    length += sentence.length + 1;
  }
  const insertAt = Math.floor(random() * (parts.length + 1));
  parts.splice(insertAt, 0, ...own);
  return parts.join("\n").slice(0, Math.max(size, own.join("\n").length));
}

async function measureScaling(claims: EvalClaim[]): Promise<{ sizes: { bytes: number; msPerClaim: number }[]; growth: string[] }> {
  const random = seededRandom(SEED);
  const pool = claims.flatMap((claim) => splitSentences(claim.source_text).map((span) => claim.source_text.slice(span.start, span.end)));
  const sample = claims.filter((_, i) => i % Math.floor(claims.length / SCALING_CLAIMS) === 0).slice(0, SCALING_CLAIMS);
  const verifier = createOfflineVerifier();
  const sizes: { bytes: number; msPerClaim: number }[] = [];
  for (const size of SCALING_SIZES) {
    const sources = sample.map((claim) => buildLongSource(claim, pool, size, random));
    const started = performance.now();
    for (let i = 0; i < sample.length; i++) {
      const claim = sample[i] as EvalClaim;
      const source = sources[i] as string;
      // A quote in different case takes the normalized path, which normalizes the whole source.
      const sentence = splitSentences(claim.source_text)[0];
      const quote = sentence ? claim.source_text.slice(sentence.start, sentence.end).toUpperCase() : undefined;
      await verifier.verify({ claim: claim.claim, quote, sourceText: source });
    }
    sizes.push({ bytes: size, msPerClaim: (performance.now() - started) / sample.length });
  }
  const growth = sizes.slice(1).map((entry, k) => {
    const previous = sizes[k] as { bytes: number; msPerClaim: number };
    return `${previous.bytes}->${entry.bytes} bytes (x${entry.bytes / previous.bytes}): time x${(entry.msPerClaim / previous.msPerClaim).toFixed(2)}`;
  });
  return { sizes, growth };
}

export async function benchVerifier(): Promise<object | { skipped: string }> {
  if (!hasEvalData()) return { skipped: `no eval data at ${EVAL_DIR}` };
  const claims = loadDevClaims();
  const meta = loadDevMeta();
  const rows = labelClaims(claims);
  mkdirSync(OUT_DIR, { recursive: true });
  const runSeed = async (seed: number): Promise<{ verdicts: Verdict[]; recipes: Recipe[]; path: string; scored: ScoreReport }> => {
    const { verdicts, recipes } = await predictNested(claims, rows, seed);
    const path = join(OUT_DIR, `verifier-nested-cv-dev-seed${seed}.jsonl`);
    const lines = verdicts.map((verdict, i) => JSON.stringify({ id: claims[i]?.id, verdict: verdict.verdict, score: verdict.score, reason: verdict.reason }));
    writeFileSync(path, lines.join("\n") + "\n");
    return { verdicts, recipes, path, scored: scoreWithScorer(path) };
  };
  const { verdicts, recipes, path: predictionsPath, scored } = await runSeed(SEED);
  const otherSeeds: { seed: number; balancedAccuracy: number; balancedAccuracyCi95: number[]; auroc: number | undefined }[] = [];
  for (const seed of EXTRA_SEEDS) {
    const run = await runSeed(seed);
    otherSeeds.push({ seed, balancedAccuracy: run.scored.binary.balancedAccuracy, balancedAccuracyCi95: run.scored.binary.ci95.balancedAccuracy, auroc: run.scored.binary.auroc });
  }
  const allBalanced = [scored.binary.balancedAccuracy, ...otherSeeds.map((entry) => entry.balancedAccuracy)];
  const reasons: Record<string, number> = {};
  for (const verdict of verdicts) {
    const kind = verdict.reason.split(":")[0] ?? verdict.reason;
    reasons[kind] = (reasons[kind] ?? 0) + 1;
  }
  return {
    protocol: `nested cross-validation on dev: ${FOLDS} stratified outer folds (seed ${SEED}); L2, features and thresholds chosen by an inner cross-validation of the other folds, then fitted on them`,
    recipesChosen: summarizeRecipes(recipes),
    forcedNotSupported: rows.filter((row) => row.isForcedNotSupported).length,
    predictions: predictionsPath,
    binary: {
      balancedAccuracy: scored.binary.balancedAccuracy,
      balancedAccuracyCi95: scored.binary.ci95.balancedAccuracy,
      macroF1: scored.binary.macroF1,
      auroc: scored.binary.auroc,
    },
    threeWay: { macroF1: scored.threeWay.macroF1, balancedAccuracy: scored.threeWay.balancedAccuracy, accuracy: scored.threeWay.accuracy },
    missingPredictions: scored.missing,
    otherFoldSeeds: otherSeeds,
    balancedAccuracyOverSeeds: {
      mean: allBalanced.reduce((total, value) => total + value, 0) / allBalanced.length,
      min: Math.min(...allBalanced),
      max: Math.max(...allBalanced),
    },
    fixedRecipePlainCv: [SEED, ...EXTRA_SEEDS].map((seed) => ({ seed, balancedAccuracy: crossValidateFixedRecipe(rows, seed) })),
    reasons,
    cascade: measureCascadeShare(verdicts.map((verdict, i) => ({ verdict, isSupported: rows[i]?.gold === "supported" }))),
    evidenceOverlap: measureEvidenceOverlap(claims, verdicts, meta),
    throughput: await measureThroughput(claims),
    scaling: await measureScaling(claims),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchVerifier(), null, 2));
}
