// The kept-index throughput of bench/verifier-speed.ts (each WiCE dev claim verified once, indexing its
// source, then timed a second time against the kept index), with the baseline and this tree in ABBA
// order: verifier-speed.ts runs the baseline first in every round, which favours whichever runs second
// (the same commit against itself measured 1.29x, 2026-11-30). Baseline: VERIFIER_BASELINE, default 64fc625.
// Run: npx tsx bench/verifier-speed-abba.ts

import { pathToFileURL } from "node:url";
import { exportBaseline } from "./baseline-source.ts";
import { loadDevClaims } from "./verifier-data.ts";
import { createOfflineVerifier } from "../src/verification/offline-verifier.ts";
import type { Verifier } from "../src/verification/types.ts";

const ROUNDS = 3;

type CreateVerifier = () => Verifier;

async function keptClaimsPerSecond(create: CreateVerifier, inputs: { claim: string; sourceText: string }[]): Promise<number> {
  const verifier = create();
  let again = 0;
  for (const input of inputs) {
    await verifier.verify(input);
    const started = performance.now();
    await verifier.verify(input);
    again += performance.now() - started;
  }
  return (inputs.length / again) * 1000;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

export async function benchVerifierSpeedAbba(): Promise<object> {
  const baseline = exportBaseline(process.env.VERIFIER_BASELINE ?? "64fc625");
  const module = (await baseline.load("verification/offline-verifier.ts")) as { createOfflineVerifier: CreateVerifier };
  const before: CreateVerifier = () => module.createOfflineVerifier();
  const inputs = loadDevClaims().map((claim) => ({ claim: claim.claim, sourceText: claim.source_text }));
  const old: number[] = [];
  const now: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    old.push(await keptClaimsPerSecond(before, inputs));
    now.push(await keptClaimsPerSecond(createOfflineVerifier, inputs));
    now.push(await keptClaimsPerSecond(createOfflineVerifier, inputs));
    old.push(await keptClaimsPerSecond(before, inputs));
  }
  return {
    baseline: baseline.commit,
    claims: inputs.length,
    order: `ABBA, ${ROUNDS} times`,
    claimsPerSecondBefore: old.map(Math.round),
    claimsPerSecondAfter: now.map(Math.round),
    medianBefore: Math.round(median(old)),
    medianAfter: Math.round(median(now)),
    ratio: Number((median(now) / median(old)).toFixed(2)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchVerifierSpeedAbba(), null, 2));
}
