// Shared by bench/verifier.ts and bench/verifier-fit.ts: reading the WiCE-derived dev claims from
// ../shared/eval/claims (never copied into the project), feature rows, seeded folds, cross-validation
// and threshold selection.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { extractFeatures, type SupportAnalysis } from "../src/verification/extract-features.ts";
import { decideVerdict } from "../src/verification/decide-verdict.ts";
import { DEFAULT_VERDICT_RULES } from "../src/verification/offline-verifier.ts";
import { indexSource } from "../src/verification/source-index.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const EVAL_DIR = join(REPO_ROOT, "..", "shared", "eval", "claims");

export type GoldLabel = "supported" | "partially_supported" | "not_supported";

const claimRow = z.object({
  id: z.string(),
  claim: z.string(),
  source_text: z.string(),
  label: z.enum(["supported", "partially_supported", "not_supported"]),
});
const metaRow = z.object({
  id: z.string(),
  supporting_char_spans: z.array(z.array(z.tuple([z.number(), z.number()]))),
});

export type EvalClaim = z.infer<typeof claimRow>;
export type EvalMeta = z.infer<typeof metaRow>;

export function hasEvalData(): boolean {
  return existsSync(join(EVAL_DIR, "dev.jsonl")) && existsSync(join(EVAL_DIR, "score.mjs"));
}

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return parsed.data;
    });
}

export function loadDevClaims(): EvalClaim[] {
  return readJsonl(join(EVAL_DIR, "dev.jsonl"), claimRow);
}

export function loadDevMeta(): Map<string, EvalMeta> {
  return new Map(readJsonl(join(EVAL_DIR, "dev.meta.jsonl"), metaRow).map((row) => [row.id, row]));
}

export function analyzeClaims(claims: EvalClaim[]): SupportAnalysis[] {
  return claims.map((claim) => extractFeatures({ claim: claim.claim, index: indexSource(claim.source_text) }));
}

/**
 * Each claim's features, gold label, and whether the verdict rules reject it whatever the score (a
 * fact check's veto, no content word, no evidence window): asked with a score of 1, the rules still
 * say "not supported".
 */
export function labelClaims(claims: EvalClaim[]): { features: Record<string, number>; gold: GoldLabel; isForcedNotSupported: boolean }[] {
  return claims.map((claim) => {
    const index = indexSource(claim.source_text);
    const analysis = extractFeatures({ claim: claim.claim, index });
    const decision = decideVerdict({ analysis, index, probability: 1, thresholds: { supported: 0.5, partial: 0 }, rules: DEFAULT_VERDICT_RULES });
    return { features: { ...analysis.features }, gold: claim.label, isForcedNotSupported: decision.verdict !== "supported" };
  });
}

/** Fold number per claim, stratified by gold label, shuffled with a fixed seed. */
export function assignFolds(labels: GoldLabel[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const folds = new Array<number>(labels.length).fill(0);
  for (const label of ["supported", "partially_supported", "not_supported"] as const) {
    const members = labels.flatMap((l, i) => (l === label ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    members.forEach((member, position) => {
      folds[member] = position % k;
    });
  }
  return folds;
}

export interface Thresholds {
  supported: number;
  partial: number;
}

function macroF1ThreeWay(scores: number[], gold: GoldLabel[], thresholds: Thresholds): number {
  const labels: GoldLabel[] = ["supported", "partially_supported", "not_supported"];
  const predicted = scores.map((s) => (s >= thresholds.supported ? "supported" : s >= thresholds.partial ? "partially_supported" : "not_supported"));
  const f1s = labels.map((label) => {
    const tp = predicted.filter((p, i) => p === label && gold[i] === label).length;
    const predictedN = predicted.filter((p) => p === label).length;
    const goldN = gold.filter((g) => g === label).length;
    const precision = predictedN ? tp / predictedN : 0;
    const recall = goldN ? tp / goldN : 0;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  });
  return f1s.reduce((a, b) => a + b, 0) / labels.length;
}

/** The balanced model's own balanced-accuracy point; bench/verifier-select.ts picks the shipped one. */
export const SUPPORTED_THRESHOLD = 0.5;

/** The given supported threshold, and the partial threshold below it that maximises 3-way macro-F1. */
export function pickThresholds(scores: number[], gold: GoldLabel[], supported: number = SUPPORTED_THRESHOLD): Thresholds {
  const candidates = [...new Set(scores.map((s) => Math.round(s * 1000) / 1000))].filter((c) => c <= supported).sort((a, b) => a - b);
  let partial = 0;
  let bestF1 = -1;
  for (const t of [0, ...candidates]) {
    const value = macroF1ThreeWay(scores, gold, { supported, partial: t });
    if (value > bestF1 + 1e-12) {
      bestF1 = value;
      partial = t;
    }
  }
  return { supported, partial };
}
