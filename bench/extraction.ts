// Main-text extraction measured on the shared development set (../shared/eval/extraction), with
// the data set's own scorer. The data stays outside the repo; without it the bench is skipped.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
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

// Sniffing after the HTML standard, made to fit saved files: a BOM; else a <meta> charset
// declaration (looked for in the first 64 KiB, as saved pages put long scripts before it); else
// UTF-8 when the bytes are valid UTF-8, else windows-1252, the legacy default of most locales.
export function decodeHtmlBytes(bytes: Uint8Array): string {
  const declared = sniffBom(bytes) ?? sniffMetaCharset(bytes);
  const decoder = declared === undefined ? undefined : decoderFor(declared);
  if (decoder !== undefined) {
    return decoder.encoding === "windows-1252" ? decodeWindows1252(bytes) : decoder.decode(bytes);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function decoderFor(label: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

function sniffBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return undefined;
}

function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 64 * 1024));
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
  // A page declaring UTF-16 in ASCII bytes cannot be UTF-16; the HTML standard says UTF-8.
  return label?.startsWith("utf-16") === true ? "utf-8" : label;
}

// As of Node 20.20, TextDecoder("windows-1252") decodes bytes 0x80-0x9F as C1 controls, as
// ISO-8859-1 would, where the Encoding Standard maps them to curly quotes, dashes and the like.
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021" +
  "\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014" +
  "\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) {
    const isRemapped = byte >= 0x80 && byte <= 0x9f;
    text += isRemapped ? WINDOWS_1252_HIGH.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return text;
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
    const html = decodeHtmlBytes(await readFile(join(EVAL_DIR, "html", `${row.id}.html`)));
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
