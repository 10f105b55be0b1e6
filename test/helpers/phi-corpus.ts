// The PHI corpus (test/fixtures/phi-corpus/): ordinary clinical prose that the guard must let
// through and identifying prose labelled with the Safe Harbor kind it must be refused for, in three
// sets written at different times (see the fixtures' README), and the scoring both the corpus test
// and `npm run bench -- phi` report.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describePhiFindings, findPhi, PHI_KIND_LABELS, PHI_KINDS, type PhiKind } from "../../src/revisions/phi-guard.ts";

const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "phi-corpus");

/** The sets in the order they were written: "tuning" was written before the guard, the held-out ones after. */
export const PHI_CORPUS_SETS = [
  { name: "tuning", prefix: "" },
  { name: "held-out-1", prefix: "held-out-" },
  { name: "held-out-2", prefix: "held-out-2-" },
] as const;

export type PhiCorpusSetName = (typeof PHI_CORPUS_SETS)[number]["name"];

export interface OrdinaryExample {
  set: PhiCorpusSetName;
  line: number;
  text: string;
}

export interface IdentifyingExample extends OrdinaryExample {
  kind: PhiKind;
}

function readJsonl(file: string): { line: number; value: Record<string, unknown> }[] {
  return readFileSync(path.join(CORPUS_DIR, file), "utf8")
    .split("\n")
    .map((text, index) => ({ text, line: index + 1 }))
    .filter((row) => row.text.trim() !== "")
    .map((row) => ({ line: row.line, value: JSON.parse(row.text) as Record<string, unknown> }));
}

function textOf(file: string, line: number, value: Record<string, unknown>): string {
  if (typeof value.text !== "string" || value.text.trim() === "") throw new Error(`${file}:${line}: "text" must be a non-empty string`);
  return value.text;
}

export function loadPhiCorpus(): { ordinary: OrdinaryExample[]; identifying: IdentifyingExample[] } {
  const ordinary: OrdinaryExample[] = [];
  const identifying: IdentifyingExample[] = [];
  for (const set of PHI_CORPUS_SETS) {
    const ordinaryFile = `${set.prefix}ordinary.jsonl`;
    for (const { line, value } of readJsonl(ordinaryFile)) ordinary.push({ set: set.name, line, text: textOf(ordinaryFile, line, value) });
    const identifyingFile = `${set.prefix}identifying.jsonl`;
    for (const { line, value } of readJsonl(identifyingFile)) {
      const kind = value.kind;
      if (typeof kind !== "string" || !(PHI_KINDS as readonly string[]).includes(kind)) {
        throw new Error(`${identifyingFile}:${line}: "kind" must be one of ${PHI_KINDS.join(", ")}`);
      }
      identifying.push({ set: set.name, line, text: textOf(identifyingFile, line, value), kind: kind as PhiKind });
    }
  }
  return { ordinary, identifying };
}

export interface IdentifyingOutcome extends IdentifyingExample {
  refused: boolean;
  /** The refusal names the expected kind (its label appears in the message). */
  namedKind: boolean;
  message: string;
}

export function scoreIdentifying(example: IdentifyingExample): IdentifyingOutcome {
  const findings = findPhi(example.text);
  const message = findings.length === 0 ? "" : describePhiFindings(findings);
  return { ...example, refused: findings.length > 0, namedKind: findings.some((f) => f.kind === example.kind) && message.includes(PHI_KIND_LABELS[example.kind]), message };
}

export interface OrdinaryOutcome extends OrdinaryExample {
  refused: boolean;
  message: string;
}

export function scoreOrdinary(example: OrdinaryExample): OrdinaryOutcome {
  const findings = findPhi(example.text);
  return { ...example, refused: findings.length > 0, message: findings.length === 0 ? "" : describePhiFindings(findings) };
}
