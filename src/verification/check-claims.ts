// The logic behind `wikigen check`: verify each line of a claims JSONL file and write one verdict line
// per valid input line, in input order. A malformed line (or one whose source_file cannot be read) is
// reported as "<file>:<line>: <problem>" and skipped; the rest are still checked.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { describeIssues } from "../domain/describe-issues.ts";
import { ProviderError } from "../domain/errors.ts";
import { confineLocalPath } from "../domain/local-roots.ts";
import type { Verifier } from "./types.ts";

const claimLine = z
  .object({
    id: z.union([z.string().min(1), z.number()]),
    claim: z.string().min(1),
    source_text: z.string().nullable().optional(),
    source_file: z.string().min(1).optional(),
    quote: z.string().optional(),
  })
  .refine((line) => (line.source_text !== undefined) !== (line.source_file !== undefined), {
    message: "give exactly one of source_text and source_file",
  });

type ClaimLine = z.infer<typeof claimLine>;

export interface CheckClaimsArgs {
  inputText: string;
  /** Shown in problem messages, e.g. the input path as the user typed it. */
  inputName: string;
  /** Directory that relative source_file paths are resolved against. */
  baseDir: string;
  /** Absolute folders a source_file may be read from (paths.local_roots); others are refused. */
  localRoots: readonly string[];
  verifier: Verifier;
  writeLine(line: string): void;
  reportProblem(message: string): void;
}

function describeLineIssues(error: z.ZodError): string {
  return describeIssues(error.issues).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; ");
}

function parseLine(text: string): { line: ClaimLine } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = claimLine.safeParse(value, { reportInput: true });
  return parsed.success ? { line: parsed.data } : { problem: describeLineIssues(parsed.error) };
}

function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

export async function checkClaimsJsonl(args: CheckClaimsArgs): Promise<{ checked: number; malformed: number; failed: number }> {
  // Many claims usually cite the same few files.
  const sourceFiles = new Map<string, Promise<{ text: string } | { problem: string }>>();
  const readSource = (path: string): Promise<{ text: string } | { problem: string }> => {
    const absolute = resolve(args.baseDir, path);
    let pending = sourceFiles.get(absolute);
    if (!pending) {
      pending = readConfined(absolute, path, args.localRoots);
      sourceFiles.set(absolute, pending);
    }
    return pending;
  };

  let checked = 0;
  let malformed = 0;
  let failed = 0;
  // Verdict lines are joined back to claims by id, so an id names one line: the first that uses it.
  const firstLineOfId = new Map<string, number>();
  const lines = args.inputText.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    if (text.trim() === "") continue;
    const where = `${args.inputName}:${i + 1}`;
    const parsed = parseLine(text);
    if ("problem" in parsed) {
      malformed++;
      args.reportProblem(`${where}: ${parsed.problem}`);
      continue;
    }
    const line = parsed.line;
    const idKey = JSON.stringify(line.id);
    const firstLine = firstLineOfId.get(idKey);
    if (firstLine !== undefined) {
      malformed++;
      args.reportProblem(`${where}: id ${idKey} was already used on line ${firstLine}; each id must be unique`);
      continue;
    }
    firstLineOfId.set(idKey, i + 1);
    let sourceText: string | null;
    if (line.source_file !== undefined) {
      const source = await readSource(line.source_file);
      if ("problem" in source) {
        malformed++;
        args.reportProblem(`${where}: source_file: ${source.problem}`);
        continue;
      }
      sourceText = source.text;
    } else {
      sourceText = line.source_text ?? null;
    }
    let verdict;
    try {
      verdict = await args.verifier.verify({ claim: line.claim, quote: line.quote, sourceText });
    } catch (error) {
      // A judge call that failed (llm or cascade verifier): that line has no verdict; the rest go on.
      if (!(error instanceof ProviderError)) throw error;
      failed++;
      args.reportProblem(`${where}: verifier failed (${error.kind}): ${error.message}`);
      continue;
    }
    args.writeLine(
      JSON.stringify({
        id: line.id,
        verdict: verdict.verdict,
        score: roundScore(verdict.score),
        reason: verdict.reason,
        ...(verdict.quote ? { quote_status: verdict.quote.status } : {}),
        evidence: verdict.evidence ? { start: verdict.evidence.start, end: verdict.evidence.end, text: verdict.evidence.text } : null,
      }),
    );
    checked++;
  }
  return { checked, malformed, failed };
}

/** The file's text, or why it cannot be had: outside the local roots, or unreadable. */
async function readConfined(absolute: string, written: string, roots: readonly string[]): Promise<{ text: string } | { problem: string }> {
  const confinement = await confineLocalPath(absolute, roots);
  if (!confinement.isInside) return { problem: `${written}: ${confinement.reason}` };
  try {
    return { text: await readFile(confinement.realPath ?? absolute, "utf8") };
  } catch (error) {
    const code = error instanceof Error && "code" in error ? ` (${String(error.code)})` : "";
    return { problem: `cannot read ${written}${code}` };
  }
}
