// How the offline verifier's recipe is chosen from labelled claims (issue 13, item 4): the L2
// penalty, the feature subset and the supported / partial thresholds, all by an inner
// cross-validation on the claims given, never on the claims the recipe is later scored on.
// bench/verifier.ts runs it inside every outer fold (nested cross-validation); bench/verifier-fit.ts
// runs it once on all of dev and ships the result.

import { assignFolds, pickThresholds, type GoldLabel, type Thresholds } from "./verifier-data.ts";
import { FEATURE_NAMES } from "../src/verification/extract-features.ts";
import { fitLogisticModel, predictProbability, type LogisticModel } from "../src/verification/logistic-model.ts";

export const INNER_FOLDS = 5;

export interface SelectionOptions {
  /** Inner cross-validations with different fold seeds, averaged: one 5-fold split of ~300 claims is noisy. */
  repeats: number;
  /** A choice departs from the default (all features, L2 0.01, threshold 0.5) only for at least this gain in inner balanced accuracy. */
  minGain: number;
}

export const DEFAULT_SELECTION: SelectionOptions = { repeats: 1, minGain: 0 };
const DEFAULT_L2 = 0.01;
export const L2_GRID = [0.001, 0.01, 0.1, 1] as const;
/** Supported thresholds tried; ties go to the one nearest 0.5 (the balanced model's own point). */
export const SUPPORTED_GRID = Array.from({ length: 21 }, (_, k) => Math.round((0.3 + k * 0.02) * 100) / 100);
/** Backward elimination stops at this many features. */
const MIN_FEATURES = 3;
/**
 * Never dropped: how much of the claim the evidence covers is what "supported" means. Without this
 * rule, elimination on all of dev (where vetoes settle most negatives) kept only length and
 * missing-word counts, and a claim about something the source never mentions scored "supported".
 */
export const ALWAYS_KEPT: readonly string[] = ["coverWindow", "coverGlobalFlat"];

/** One labelled claim as the selection sees it: its features, and whether a rule forces "not supported" whatever the score. */
export interface LabelledRow {
  features: Record<string, number>;
  gold: GoldLabel;
  /** A veto, no content word or no evidence window: never "supported", so no threshold can help it. */
  isForcedNotSupported: boolean;
}

export interface Recipe {
  features: string[];
  l2: number;
  thresholds: Thresholds;
  /** The inner cross-validated binary balanced accuracy at the chosen threshold (optimistic: it was maximised). */
  innerBalancedAccuracy: number;
}

function fit(rows: LabelledRow[], features: readonly string[], l2: number): LogisticModel {
  return fitLogisticModel({ features: [...features], rows: rows.map((row) => row.features), labels: rows.map((row) => row.gold === "supported"), options: { l2, balanceClasses: true } });
}

function outOfFoldScores(rows: LabelledRow[], folds: number[], features: readonly string[], l2: number): number[] {
  const scores = new Array<number>(rows.length).fill(0);
  for (let fold = 0; fold < INNER_FOLDS; fold++) {
    const model = fit(rows.filter((_, i) => folds[i] !== fold), features, l2);
    rows.forEach((row, i) => {
      if (folds[i] === fold) scores[i] = predictProbability(model, row.features);
    });
  }
  return scores;
}

/** Class-balanced mean log loss of the scores against supported / not, over the rows the score decides. */
function meanLogLoss(rows: LabelledRow[], scores: number[]): number {
  const decided = rows.flatMap((row, i) => (row.isForcedNotSupported ? [] : [{ isSupported: row.gold === "supported", p: Math.min(1 - 1e-9, Math.max(1e-9, scores[i] as number)) }]));
  const mean = (isSupported: boolean): number => {
    const members = decided.filter((row) => row.isSupported === isSupported);
    return members.length === 0 ? 0 : members.reduce((total, row) => total - Math.log(isSupported ? row.p : 1 - row.p), 0) / members.length;
  };
  return (mean(true) + mean(false)) / 2;
}

export function binaryBalancedAccuracy(predictedSupported: boolean[], gold: GoldLabel[]): number {
  let tp = 0, positives = 0, tn = 0, negatives = 0;
  gold.forEach((label, i) => {
    if (label === "supported") {
      positives++;
      if (predictedSupported[i]) tp++;
    } else {
      negatives++;
      if (!predictedSupported[i]) tn++;
    }
  });
  return ((positives ? tp / positives : 0) + (negatives ? tn / negatives : 0)) / 2;
}

/** Balanced accuracy at each supported threshold of the grid, forced rejections counted as they will be. */
function accuracyByThreshold(rows: LabelledRow[], scores: number[]): number[] {
  const gold = rows.map((row) => row.gold);
  return SUPPORTED_GRID.map((threshold) => binaryBalancedAccuracy(rows.map((row, i) => !row.isForcedNotSupported && (scores[i] as number) >= threshold), gold));
}

/** The threshold with the best mean accuracy, unless 0.5 is within `minGain` of it (ties go to the one nearest 0.5). */
function bestThreshold(accuracy: number[], minGain: number): { threshold: number; balancedAccuracy: number } {
  const atHalf = accuracy[SUPPORTED_GRID.indexOf(0.5)] as number;
  let best = { threshold: 0.5, balancedAccuracy: atHalf };
  SUPPORTED_GRID.forEach((threshold, k) => {
    const value = accuracy[k] as number;
    const isBetter = value > best.balancedAccuracy + 1e-12 || (Math.abs(value - best.balancedAccuracy) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5));
    if (isBetter) best = { threshold, balancedAccuracy: value };
  });
  return best.balancedAccuracy >= atHalf + minGain ? best : { threshold: 0.5, balancedAccuracy: atHalf };
}

/**
 * L2 first (all features, by inner log loss), then backward elimination: drop the feature whose
 * removal scores best, while that gains at least `minGain`. Every score is an inner out-of-fold balanced accuracy (mean
 * over `repeats` fold seeds) at its best supported threshold, forced rejections counted as they will be.
 */
export function selectRecipe(rows: LabelledRow[], seed: number, options: SelectionOptions = DEFAULT_SELECTION): Recipe {
  const foldings = Array.from({ length: options.repeats }, (_, r) => assignFolds(rows.map((row) => row.gold), INNER_FOLDS, seed + r * 7919));
  const evaluate = (features: readonly string[], l2: number): { threshold: number; balancedAccuracy: number; logLoss: number; scores: number[] } => {
    const runs = foldings.map((folds) => outOfFoldScores(rows, folds, features, l2));
    const accuracy = SUPPORTED_GRID.map((_, k) => runs.reduce((total, scores) => total + (accuracyByThreshold(rows, scores)[k] as number), 0) / runs.length);
    const logLoss = runs.reduce((total, scores) => total + meanLogLoss(rows, scores), 0) / runs.length;
    return { ...bestThreshold(accuracy, options.minGain), logLoss, scores: runs[0] as number[] };
  };
  let features: string[] = [...FEATURE_NAMES];
  // The penalty by log loss, a proper score: the cascade's band and the partial threshold read the
  // score as a probability, and balanced accuracy alone would accept a penalty that squeezes every
  // score towards 0.5.
  let l2 = DEFAULT_L2;
  let current = evaluate(features, l2);
  for (const candidate of L2_GRID.filter((value) => value !== DEFAULT_L2)) {
    const tried = evaluate(features, candidate);
    if (tried.logLoss < current.logLoss - 1e-12) {
      l2 = candidate;
      current = tried;
    }
  }
  while (features.length > MIN_FEATURES) {
    let bestDrop: { features: string[]; result: typeof current } | undefined;
    for (const name of features.filter((feature) => !ALWAYS_KEPT.includes(feature))) {
      const without = features.filter((feature) => feature !== name);
      const result = evaluate(without, l2);
      if (!bestDrop || result.balancedAccuracy > bestDrop.result.balancedAccuracy + 1e-12) bestDrop = { features: without, result };
    }
    if (!bestDrop || bestDrop.result.balancedAccuracy < current.balancedAccuracy + options.minGain - 1e-12) break;
    features = bestDrop.features;
    current = bestDrop.result;
  }
  const partial = pickThresholds(current.scores, rows.map((row) => row.gold), current.threshold).partial;
  return { features, l2, thresholds: { supported: current.threshold, partial }, innerBalancedAccuracy: current.balancedAccuracy };
}

/** The recipe's model, fitted on all the rows it was selected on. */
export function fitRecipe(rows: LabelledRow[], recipe: Recipe): LogisticModel {
  return fit(rows, recipe.features, recipe.l2);
}
