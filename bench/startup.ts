// Start-up cost of the CLI: wall time and peak memory of `wikigen --help` and `wikigen config`, next
// to `node -e 0` (what Node itself costs) and to the way bin/wikigen.js used to start (tsx compiling
// the TypeScript sources at every start). Every case is a fresh process; the cases take turns, one
// run each per round, so that the shared machine's load falls on all of them alike.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(REPO_ROOT, "bin", "wikigen.js");
const ROUNDS = 15;
const GNU_TIME = "/usr/bin/time";
/** The last commit before commands and heavy libraries were loaded lazily and dist/ was built: the "before" figures. */
const BEFORE_REF = "837b6645ad4a64bccc75929b28cf5cd4bb474113";
/** Targets for the compiled CLI, from the project's "house" issue. */
const MAX_RATIO = 3;
const MAX_RSS_MB = 80;

interface StartupCase {
  name: string;
  /** How a reader would type it, for the report. */
  command: string;
  args: string[];
  /** Text the command's stdout must contain, so that a broken build cannot report a fast start. */
  expected: string;
}

interface CaseFigures {
  name: string;
  command: string;
  medianMs: number;
  minMs: number;
  ratioToNode: number;
  /** Largest peak resident set over the runs (GNU time's %M), or null without GNU time. */
  maxRssMb: number | null;
}

export type StartupBenchResult =
  | { rounds: number; node: string; cwd: string; cases: CaseFigures[]; targetsMet: Record<string, boolean>; notes: string[] }
  | { skipped: string };

export async function benchStartup(): Promise<StartupBenchResult> {
  const stale = findStaleBuild();
  if (stale) return { skipped: stale };
  const work = mkdtempSync(path.join(tmpdir(), "wikigen-startup-"));
  const notes: string[] = [];
  try {
    // An empty folder: no wikigen.config.yaml, so `config` reports the embedded defaults.
    const cwd = path.join(work, "cwd");
    mkdirSync(cwd);
    const cases: StartupCase[] = [
      { name: "node -e 0", command: "node -e 0", args: ["-e", "0"], expected: "" },
      { name: "--help (dist)", command: "node bin/wikigen.js --help", args: [BIN, "--help"], expected: "usage: wikigen <command>" },
      { name: "config (dist)", command: "node bin/wikigen.js config", args: [BIN, "config"], expected: "config file:" },
    ];
    const launcher = writeTsxLauncher(work);
    const mainTs = pathToFileURL(path.join(REPO_ROOT, "src", "cli", "main.ts")).href;
    cases.push(
      { name: "--help (tsx, src of this checkout)", command: "tsx register + src/cli/main.ts --help", args: [launcher, mainTs, "--help"], expected: "usage: wikigen <command>" },
      { name: "config (tsx, src of this checkout)", command: "tsx register + src/cli/main.ts config", args: [launcher, mainTs, "config"], expected: "config file:" },
    );
    const beforeBin = extractBefore(work);
    if (typeof beforeBin === "string") {
      const ref = BEFORE_REF.slice(0, 7);
      cases.push(
        { name: `--help (before: ${ref}, tsx)`, command: `node bin/wikigen.js --help at ${ref}`, args: [beforeBin, "--help"], expected: "usage: wikigen <command>" },
        { name: `config (before: ${ref}, tsx)`, command: `node bin/wikigen.js config at ${ref}`, args: [beforeBin, "config"], expected: "config file:" },
      );
    } else {
      notes.push(beforeBin.skipped);
    }
    const hasGnuTime = existsSync(GNU_TIME);
    if (!hasGnuTime) notes.push(`${GNU_TIME} not found: no peak memory figures`);
    const rssFile = path.join(work, "rss.txt");
    // One untimed run of each first: the OS file cache and tsx's compile cache start warm for all.
    for (const startupCase of cases) runOnce(startupCase, cwd, hasGnuTime ? rssFile : null);
    const samples = new Map(cases.map((startupCase) => [startupCase.name, { ms: [] as number[], rssKb: [] as number[] }]));
    for (let round = 0; round < ROUNDS; round += 1) {
      process.stderr.write(`  round ${round + 1}/${ROUNDS}\n`);
      for (const startupCase of cases) {
        const sample = runOnce(startupCase, cwd, hasGnuTime ? rssFile : null);
        const bucket = samples.get(startupCase.name)!;
        bucket.ms.push(sample.ms);
        if (sample.rssKb !== null) bucket.rssKb.push(sample.rssKb);
      }
    }
    const nodeMedian = median(samples.get("node -e 0")!.ms);
    const figures = cases.map((startupCase): CaseFigures => {
      const { ms, rssKb } = samples.get(startupCase.name)!;
      return {
        name: startupCase.name,
        command: startupCase.command,
        medianMs: round1(median(ms)),
        minMs: round1(Math.min(...ms)),
        ratioToNode: Math.round((median(ms) / nodeMedian) * 100) / 100,
        maxRssMb: rssKb.length === 0 ? null : round1(Math.max(...rssKb) / 1024),
      };
    });
    const targetsMet = Object.fromEntries(
      figures
        .filter((figure) => figure.name.endsWith("(dist)"))
        .map((figure) => [figure.name, figure.ratioToNode <= MAX_RATIO && figure.maxRssMb !== null && figure.maxRssMb < MAX_RSS_MB]),
    );
    process.stderr.write(`${formatTable(figures)}\n`);
    return { rounds: ROUNDS, node: process.version, cwd: "an empty temporary folder", cases: figures, targetsMet, notes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runOnce(startupCase: StartupCase, cwd: string, rssFile: string | null): { ms: number; rssKb: number | null } {
  const [command, args] = rssFile === null ? [process.execPath, startupCase.args] : [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...startupCase.args]];
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } });
  const ms = performance.now() - started;
  if (result.status !== 0 || !result.stdout.includes(startupCase.expected)) {
    throw new Error(`${startupCase.command}: exit ${String(result.status)}, stderr: ${result.stderr.slice(0, 500)}`);
  }
  return { ms, rssKb: rssFile === null ? null : Number(readFileSync(rssFile, "utf8").trim().split("\n").at(-1)) };
}

/** dist/ must exist and be newer than every source file, or the figures would describe old code. */
function findStaleBuild(): string | undefined {
  const built = path.join(REPO_ROOT, "dist", "cli", "main.js");
  if (!existsSync(built)) return "dist/ is missing: run npm run build first";
  const builtAt = statSync(built).mtimeMs;
  const newer = listFiles(path.join(REPO_ROOT, "src")).find((file) => file.endsWith(".ts") && statSync(file).mtimeMs > builtAt);
  return newer === undefined ? undefined : `${path.relative(REPO_ROOT, newer)} is newer than dist/: run npm run build first`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** What bin/wikigen.js did before dist/: register tsx, then import the TypeScript entry point. */
function writeTsxLauncher(work: string): string {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const file = path.join(work, "tsx-launcher.mjs");
  writeFileSync(
    file,
    [
      `import { register } from ${JSON.stringify(tsxApi)};`,
      "register();",
      "const { runCli } = await import(process.argv[2]);",
      "process.exitCode = await runCli(process.argv.slice(3));",
      "",
    ].join("\n"),
  );
  return file;
}

/** The CLI as it was at BEFORE_REF, with this checkout's node_modules; its bin ran the sources through tsx. */
function extractBefore(work: string): string | { skipped: string } {
  const dir = path.join(work, "before");
  mkdirSync(dir);
  const tar = path.join(work, "before.tar");
  const archive = spawnSync("git", ["-C", REPO_ROOT, "archive", "--output", tar, BEFORE_REF, "bin", "src", "package.json", "tsconfig.json"], { encoding: "utf8" });
  if (archive.status !== 0) return { skipped: `before figures skipped: git archive ${BEFORE_REF} failed (${archive.stderr.trim() || archive.error?.message})` };
  const unpack = spawnSync("tar", ["-xf", tar, "-C", dir], { encoding: "utf8" });
  if (unpack.status !== 0) return { skipped: `before figures skipped: tar failed (${unpack.stderr.trim()})` };
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return path.join(dir, "bin", "wikigen.js");
}

function formatTable(figures: CaseFigures[]): string {
  const rows = figures.map((figure) => `| ${figure.command} | ${figure.medianMs} | ${figure.ratioToNode} | ${figure.maxRssMb ?? "-"} |`);
  return ["| command | median wall ms | x node -e 0 | max RSS MB |", "|---|---|---|---|", ...rows].join("\n");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
