import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runCli } from "../src/cli/main.ts";
import { startFakeAnthropic } from "../test/helpers/fake-anthropic.ts";
import { createRealisticResponder } from "../test/helpers/fake-realistic.ts";
import { writeScaleWorkspace } from "./scale-fixture.ts";

// Issue 12's pacing benchmark: a generate job of 20 articles x 14 sections through the real CLI and
// SDK against the fake Messages API (in this process), whose account allows 600 requests a minute
// and says so only in its answers' headers (token limits announced too, high enough not to bind).
// The config sets no limit, so the job starts at the cautious lowest tier (50 a minute) and must
// find the account's pace from the first answer. Side by side, in the same run: the same job told
// the limit in its config (the only way before issue 12). The bound is what the limit allows:
// requests the fake admitted / 600 a minute. An untimed job of two articles runs first, so neither
// measured job pays for loading and compiling the modules a job uses (seconds under tsx).

const ARTICLES = 20;
const SECTIONS = 14;
const RPM = 600;
const LATENCY_MS: [number, number] = [200, 500];
const ACCOUNT = { requestsPerMinute: RPM, inputTokensPerMinute: 50_000_000, outputTokensPerMinute: 20_000_000, burstMs: 2_000 };

interface PacingFigures {
  config: string;
  exitCode: number;
  wallSeconds: number;
  /** Requests the account admitted / its rate. */
  boundSeconds: number;
  ratioToBound: number;
  requests: number;
  rateLimited429: number;
  /** From the job's start to its first request: preparing sources and retrieval, before any pacing. */
  firstRequestSeconds: number;
  paceAtEnd: unknown;
  articlesDone: number;
  sectionsDone: number;
}

async function runJob(args: { label: string; runLine: string; articles?: number }): Promise<PacingFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "wikigen-bench-pacing-"));
  const fake = await startFakeAnthropic({ isKeepingBodies: false, rateLimits: ACCOUNT });
  // The fake times requests from its own start, a moment before it returns.
  const fakeStarted = performance.now();
  const responder = createRealisticResponder({ latencyMs: LATENCY_MS, seed: 3 });
  fake.setResponder(responder.handle);
  const slugs = writeScaleWorkspace(dir, { articles: args.articles ?? ARTICLES, configLines: ["provider: { name: anthropic, max_retries: 2 }", args.runLine] });
  let stdout = "";
  let stderr = "";
  const started = performance.now();
  const startedOnFake = started - fakeStarted;
  const exitCode = await runCli(["generate", ...slugs, "--json"], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr = (stderr + text).slice(-4000);
    },
    env: { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl },
    cwd: dir,
    isStderrTty: false,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  await fake.close();
  if (exitCode === 1) throw new Error(`generate failed:\n${stderr}`);
  const db = new Database(path.join(dir, "runs.db"), { readonly: true });
  const articlesDone = (db.prepare("SELECT COUNT(*) AS n FROM article_versions WHERE status = 'done'").get() as { n: number }).n;
  const sectionsDone = (db.prepare("SELECT COUNT(*) AS n FROM sections WHERE status = 'done'").get() as { n: number }).n;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const times = fake.requests.map((request) => request.at).sort((a, b) => a - b);
  const admitted = fake.rateLimits?.stats.admitted ?? 0;
  const boundSeconds = admitted / (RPM / 60);
  return {
    config: args.label,
    exitCode,
    wallSeconds: round(wallSeconds),
    boundSeconds: round(boundSeconds),
    ratioToBound: round(wallSeconds / boundSeconds, 3),
    requests: fake.requests.length,
    rateLimited429: fake.rateLimits?.rateLimitedTotal() ?? 0,
    firstRequestSeconds: round(((times[0] ?? 0) - startedOnFake) / 1000),
    paceAtEnd: (JSON.parse(stdout) as { pace: unknown }).pace,
    articlesDone,
    sectionsDone,
  };
}

export async function benchPacing(): Promise<unknown> {
  await runJob({ label: "warm-up", runLine: "run: { concurrency: 16 }", articles: 2 });
  const announced = await runJob({ label: "no limits in the config (headers only)", runLine: "run: { concurrency: 16, progress_interval_ms: 10000 }" });
  process.stderr.write(`pacing: headers only ${announced.wallSeconds} s (bound ${announced.boundSeconds} s, ${announced.rateLimited429} x 429)\n`);
  const configured = await runJob({
    label: `requests_per_minute: ${RPM} in the config`,
    runLine: `run: { concurrency: 16, requests_per_minute: ${RPM}, progress_interval_ms: 10000 }`,
  });
  process.stderr.write(`pacing: told in the config ${configured.wallSeconds} s (bound ${configured.boundSeconds} s, ${configured.rateLimited429} x 429)\n`);
  return {
    job: { articles: ARTICLES, sections: ARTICLES * SECTIONS, account: ACCOUNT, latencyMs: LATENCY_MS, concurrency: 16 },
    announced,
    configured,
    headersOnlyToConfigured: round(announced.wallSeconds / configured.wallSeconds, 3),
  };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
