// Main-text extraction measured on the shared development set (../shared/eval/extraction), with
// the data set's own scorer. The data stays outside the repo; without it the bench is skipped.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { decodeText } from "../src/sources/decode-text.ts";
import { extractMainText } from "../src/sources/html/extract-main-text.ts";

export type ExtractionBenchResult =
  | { f1: number; precision: number; recall: number; pages: number; msPerPage: number }
  | { skipped: string };

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EVAL_DIR = resolve(REPO_ROOT, "..", "shared", "eval", "extraction");
const OUT_FILE = join(REPO_ROOT, "bench", "out", "extraction-pred.jsonl");

interface TruthRow {
  id: string;
  url: string;
}

async function readTruthRows(path: string): Promise<TruthRow[]> {
  const lines = (await readFile(path, "utf8")).split("\n").filter((line) => line.trim() !== "");
  return lines.map((line) => {
    const row = JSON.parse(line) as { id: string; url: string };
    return { id: row.id, url: row.url };
  });
}

interface ScorerOutput {
  n: number;
  f1: number;
  precision: number;
  recall: number;
}

export async function benchExtraction(): Promise<ExtractionBenchResult> {
  if (!existsSync(join(EVAL_DIR, "score.mjs"))) {
    return { skipped: `extraction eval data not found at ${EVAL_DIR}` };
  }
  const rows = await readTruthRows(join(EVAL_DIR, "truth.jsonl"));
  const predictions: string[] = [];
  let extractMs = 0;
  for (const row of rows) {
    // Decoded exactly as fetched pages are (saved files carry no Content-Type header).
    const { text: html } = decodeText(await readFile(join(EVAL_DIR, "html", `${row.id}.html`)), undefined, "html");
    const started = performance.now();
    const { text } = extractMainText(html, { url: row.url });
    extractMs += performance.now() - started;
    predictions.push(JSON.stringify({ id: row.id, text }));
  }
  await mkdir(dirname(OUT_FILE), { recursive: true });
  await writeFile(OUT_FILE, `${predictions.join("\n")}\n`);

  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(EVAL_DIR, "score.mjs"), "--pred", OUT_FILE, "--json", "--bootstrap", "0"],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const scored = JSON.parse(stdout) as ScorerOutput;
  return {
    f1: scored.f1,
    precision: scored.precision,
    recall: scored.recall,
    pages: scored.n,
    msPerPage: rows.length > 0 ? extractMs / rows.length : 0,
  };
}

const isRunDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isRunDirectly) {
  benchExtraction().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
