// The one text stack (issue 13, item 1) side by side with the text code it replaced (the commit
// before it, TEXT_BASELINE, exported with `git archive` into bench/out and imported as is):
// - sentences: how many of the old splitter's sentences the new one gives unchanged, on the WiCE
//   dev sources and on the example article's sources, with examples of what moved;
// - words: on the dev claims, word pairs that the old retrieval stemmer and the old verifier stemmer
//   put together while the other kept them apart (they disagreed), against none now by construction;
// - time: splitting and indexing every dev source, old and new alternating, median of three rounds.
// Run: npm run bench -- "text stack"   (or: npx tsx bench/text-stack.ts)

import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { exportBaseline } from "./baseline-source.ts";
import { hasEvalData, loadDevClaims } from "./verifier-data.ts";
import { analyzeTerms } from "../src/domain/text/analyze-terms.ts";
import { splitSentences } from "../src/domain/text/split-sentences.ts";
import { indexSource } from "../src/verification/source-index.ts";
import { loadExampleSourceTexts } from "../test/helpers/example-source-texts.ts";

const DEFAULT_BASELINE = "5b93279";
const ROUNDS = 3;

interface OldText {
  splitSentences: (text: string) => { text: string }[];
  indexSource: (text: string) => unknown;
  stemTerm: (word: string) => string;
  analyzeTerms: (text: string) => { lower: string; stem: string; isStop: boolean; number: string | undefined }[];
}

async function loadOld(ref: string): Promise<{ commit: string; old: OldText }> {
  const baseline = exportBaseline(ref);
  const split = await baseline.load("domain/text/split-sentences.ts");
  const index = await baseline.load("verification/source-index.ts");
  const terms = await baseline.load("domain/text/tokenize-terms.ts");
  const analyze = await baseline.load("verification/analyze-terms.ts");
  return {
    commit: baseline.commit,
    old: {
      splitSentences: split.splitSentences as OldText["splitSentences"],
      indexSource: index.indexSource as OldText["indexSource"],
      stemTerm: terms.stemTerm as OldText["stemTerm"],
      analyzeTerms: analyze.analyzeTerms as OldText["analyzeTerms"],
    },
  };
}

function compareSentences(old: OldText, texts: string[]): object {
  let before = 0;
  let after = 0;
  let unchanged = 0;
  const moved: string[] = [];
  for (const text of texts) {
    const oldSentences = old.splitSentences(text).map((sentence) => sentence.text);
    const newSentences = splitSentences(text).map((sentence) => sentence.text);
    const kept = new Set(oldSentences);
    before += oldSentences.length;
    after += newSentences.length;
    for (const sentence of newSentences) {
      if (kept.has(sentence)) unchanged++;
      else if (moved.length < 6) moved.push(sentence.length > 140 ? `${sentence.slice(0, 140)}...` : sentence);
    }
  }
  return { texts: texts.length, sentencesBefore: before, sentencesAfter: after, unchanged, unchangedShare: Number((unchanged / after).toFixed(3)), examplesOfNew: moved };
}

/** Pairs of distinct content words that one old stemmer joined and the other kept apart. */
function stemmerDisagreements(old: OldText, claims: string[]): object {
  const words = new Set<string>();
  for (const claim of claims) for (const term of old.analyzeTerms(claim)) if (!term.isStop && term.number === undefined && /^\p{Ll}+$/u.test(term.lower)) words.add(term.lower);
  const byRetrieval = new Map<string, string[]>();
  const byVerifier = new Map<string, string[]>();
  const byNew = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, word: string): void => void map.set(key, [...(map.get(key) ?? []), word]);
  for (const word of words) {
    add(byRetrieval, old.stemTerm(word), word);
    add(byVerifier, old.analyzeTerms(word)[0]?.stem ?? word, word);
    add(byNew, analyzeTerms(word)[0]?.stem ?? word, word);
  }
  const pairs = (map: Map<string, string[]>): Set<string> => new Set([...map.values()].flatMap((group) => group.flatMap((a, i) => group.slice(i + 1).map((b) => [a, b].sort().join(" / ")))));
  const retrieval = pairs(byRetrieval);
  const verifier = pairs(byVerifier);
  const disagree = [...new Set([...retrieval, ...verifier])].filter((pair) => retrieval.has(pair) !== verifier.has(pair)).sort();
  return {
    distinctWords: words.size,
    pairsJoinedOnlyByOneOldStemmer: disagree.length,
    examples: disagree.slice(0, 8),
    joinedNowByTheOneStemmer: pairs(byNew).size,
    note: "the old retrieval stemmer (tokenize-terms) and the old verifier stemmer (Porter) against each other; now one stemmer serves both, so they cannot disagree",
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(texts: string[], run: (text: string) => unknown): number {
  const started = performance.now();
  for (const text of texts) run(text);
  return performance.now() - started;
}

function measureTime(old: OldText, texts: string[]): object {
  const chars = texts.reduce((sum, text) => sum + text.length, 0);
  const rows = { splitOld: [] as number[], splitNew: [] as number[], indexOld: [] as number[], indexNew: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    rows.splitOld.push(time(texts, old.splitSentences));
    rows.splitNew.push(time(texts, splitSentences));
    rows.indexOld.push(time(texts, old.indexSource));
    rows.indexNew.push(time(texts, indexSource));
  }
  const msPerMb = (values: number[]): number => Number(((median(values) / chars) * 1e6).toFixed(0));
  return {
    sources: texts.length,
    megabytes: Number((chars / 1e6).toFixed(2)),
    rounds: `median of ${ROUNDS}, old and new alternating`,
    splitMsPerMb: { before: msPerMb(rows.splitOld), after: msPerMb(rows.splitNew), ratio: Number((median(rows.splitNew) / median(rows.splitOld)).toFixed(1)) },
    indexMsPerMb: { before: msPerMb(rows.indexOld), after: msPerMb(rows.indexNew), ratio: Number((median(rows.indexNew) / median(rows.indexOld)).toFixed(1)) },
  };
}

export async function benchTextStack(): Promise<object> {
  if (!hasEvalData()) return { skipped: "../shared/eval/claims not found" };
  const { commit, old } = await loadOld(process.env.TEXT_BASELINE ?? DEFAULT_BASELINE);
  const dev = loadDevClaims();
  const sources = [...new Set(dev.map((claim) => claim.source_text))];
  return {
    baseline: `${commit} (TEXT_BASELINE to change)`,
    sentences: { wiceSources: compareSentences(old, sources), exampleSources: compareSentences(old, loadExampleSourceTexts()) },
    stems: stemmerDisagreements(old, dev.map((claim) => claim.claim)),
    time: measureTime(old, sources),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(JSON.stringify(await benchTextStack(), null, 2));
