// `npm run bench -- phi`: the PHI guard on its corpus (test/fixtures/phi-corpus/). Per set (the
// tuning set written before the guard, and two held-out sets written after tuning), the share of
// ordinary clinical examples refused (false refusals, with the texts) and, per Safe Harbor kind, the
// share of identifying examples refused with that kind named (recall). Also the guard's cost per
// text next to wink-nlp reading the same text, measured side by side in one run.
import { findPhi } from "../src/revisions/phi-guard.ts";
import { readPhiText } from "../src/revisions/phi-text.ts";
import { loadPhiCorpus, PHI_CORPUS_SETS, scoreIdentifying, scoreOrdinary, type IdentifyingOutcome } from "../test/helpers/phi-corpus.ts";

interface KindRecall {
  examples: number;
  refusedWithKind: number;
  recall: number;
}

function recallByKind(outcomes: IdentifyingOutcome[]): Record<string, KindRecall> {
  const byKind: Record<string, KindRecall> = {};
  for (const o of outcomes) {
    const entry = (byKind[o.kind] ??= { examples: 0, refusedWithKind: 0, recall: 0 });
    entry.examples += 1;
    if (o.namedKind) entry.refusedWithKind += 1;
  }
  for (const entry of Object.values(byKind)) entry.recall = Number((entry.refusedWithKind / entry.examples).toFixed(3));
  return byKind;
}

const ROUNDS = 5;

export async function benchPhi(): Promise<unknown> {
  const corpus = loadPhiCorpus();
  const sets = PHI_CORPUS_SETS.map((set) => {
    const ordinary = corpus.ordinary.filter((e) => e.set === set.name).map(scoreOrdinary);
    const identifying = corpus.identifying.filter((e) => e.set === set.name).map(scoreIdentifying);
    const falseRefusals = ordinary.filter((o) => o.refused);
    return {
      set: set.name,
      ordinary: ordinary.length,
      falseRefusals: falseRefusals.length,
      falseRefusalRate: Number((falseRefusals.length / ordinary.length).toFixed(3)),
      falselyRefused: falseRefusals.map((o) => `${o.text} -> ${o.message}`),
      identifying: identifying.length,
      refused: identifying.filter((o) => o.refused).length,
      refusedWithExpectedKind: identifying.filter((o) => o.namedKind).length,
      missed: identifying.filter((o) => !o.namedKind).map((o) => `${o.kind}: ${o.text} -> ${o.message || "passed"}`),
      recallByKind: recallByKind(identifying),
    };
  });
  const allOrdinary = corpus.ordinary.map(scoreOrdinary);
  const allIdentifying = corpus.identifying.map(scoreIdentifying);
  const texts = [...corpus.ordinary, ...corpus.identifying].map((e) => e.text);
  // Alternate the two measurements round by round so the shared machine's load falls on both alike.
  let guardMs = 0;
  let winkMs = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    for (const text of texts) readPhiText(text);
    winkMs += performance.now() - started;
    started = performance.now();
    for (const text of texts) findPhi(text);
    guardMs += performance.now() - started;
  }
  const perText = (ms: number) => Number((ms / (ROUNDS * texts.length)).toFixed(3));
  return {
    total: {
      ordinary: allOrdinary.length,
      falseRefusals: allOrdinary.filter((o) => o.refused).length,
      falseRefusalRate: Number((allOrdinary.filter((o) => o.refused).length / allOrdinary.length).toFixed(3)),
      identifying: allIdentifying.length,
      refusedWithExpectedKind: allIdentifying.filter((o) => o.namedKind).length,
      recallByKind: recallByKind(allIdentifying),
    },
    sets,
    cost: { texts: texts.length, rounds: ROUNDS, guardMsPerText: perText(guardMs), winkReadMsPerText: perText(winkMs), guardToWinkRatio: Number((guardMs / winkMs).toFixed(2)) },
  };
}
