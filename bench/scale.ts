import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runCli } from "../src/cli/main.ts";
import { startFakeAnthropic } from "../test/helpers/fake-anthropic.ts";
import { createRealisticResponder, type RealisticStats } from "../test/helpers/fake-realistic.ts";
import { writeScaleWorkspace } from "./scale-fixture.ts";

// Issue 8's benchmarks: a generate job of 50 articles x 14 sections through the real CLI and SDK
// against the fake Messages API (in this process) with 200-500 ms latency and a requests-per-minute
// limit it enforces with 429 + retry-after; the same with 5% injected faults; and the tokens and
// USD per article with and without prompt caching as the fake reports them.

const FAKE_BURST_MS = 2_000; // the fake's bucket (see test/helpers/fake-rate-limits.ts)

interface JobFigures {
  articles: number;
  rpm: number;
  faultRate: number;
  exitCode: number;
  wallSeconds: number;
  /** (requests the limit admitted - the fake's bucket) / rate + the least latency. */
  lowerBoundSeconds: number;
  ratioToBound: number;
  requests: number;
  rateLimited429: number;
  injectedFaults: Record<string, number>;
  /** Resident memory of the whole process (wikigen, the fake server, tsx) just before the job, and its peak during it. */
  rssBeforeMb: number;
  peakRssMb: number;
  articlesAccountedFor: number;
  articleStatus: Record<string, number>;
  sections: { done: number; failed: number; missing: number };
}

async function runJob(args: { articles: number; rpm: number; faultRate: number; seed: number; latencyMs: [number, number] }): Promise<JobFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "wikigen-bench-scale-"));
  // Token limits out of the way: this job measures the requests-per-minute limit.
  const rateLimits = { requestsPerMinute: args.rpm, inputTokensPerMinute: 100_000_000, outputTokensPerMinute: 100_000_000, burstMs: FAKE_BURST_MS };
  const fake = await startFakeAnthropic({ isKeepingBodies: false, rateLimits });
  const responder = createRealisticResponder({ latencyMs: args.latencyMs, faultRate: args.faultRate, seed: args.seed });
  fake.setResponder(responder.handle);
  const slugs = writeScaleWorkspace(dir, {
    articles: args.articles,
    configLines: [
      "provider: { name: anthropic, max_retries: 2 }",
      `run: { concurrency: 16, requests_per_minute: ${args.rpm}, input_tokens_per_minute: 100000000, output_tokens_per_minute: 100000000, progress_interval_ms: 10000 }`,
    ],
  });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  let stderr = "";
  const started = performance.now();
  const exitCode = await runCli(["generate", ...slugs], {
    stdout: () => undefined,
    stderr: (text) => {
      stderr = (stderr + text).slice(-4000);
    },
    env: { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl },
    cwd: dir,
    isStderrTty: false,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await fake.close();
  if (exitCode === 1) throw new Error(`generate failed:\n${stderr}`);
  const figures = summarize({ dir, slugs, stats: responder.stats, rateLimited: fake.rateLimits?.rateLimitedTotal() ?? 0, args, exitCode, wallSeconds, rssBefore, peakRss });
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

function summarize(input: {
  dir: string;
  slugs: string[];
  stats: RealisticStats;
  /** 429s the fake's rate limits answered (before the responder saw the request). */
  rateLimited: number;
  args: { articles: number; rpm: number; faultRate: number; latencyMs: [number, number] };
  exitCode: number;
  wallSeconds: number;
  rssBefore: number;
  peakRss: number;
}): JobFigures {
  const { stats, args } = input;
  const db = new Database(path.join(input.dir, "runs.db"), { readonly: true });
  const versions = db.prepare("SELECT slug, status, (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id) AS sections FROM article_versions av").all() as {
    slug: string;
    status: string;
    sections: number;
  }[];
  const sections = db.prepare("SELECT status, COUNT(*) AS n FROM sections GROUP BY status").all() as { status: string; n: number }[];
  db.close();
  const articleStatus: Record<string, number> = {};
  for (const version of versions) articleStatus[version.status] = (articleStatus[version.status] ?? 0) + 1;
  const count = (status: string) => sections.find((row) => row.status === status)?.n ?? 0;
  const admitted = stats.requests;
  const rate = args.rpm / 60;
  const lowerBoundSeconds = Math.max(0, admitted - rate * (FAKE_BURST_MS / 1000)) / rate + args.latencyMs[0] / 1000;
  return {
    articles: args.articles,
    rpm: args.rpm,
    faultRate: args.faultRate,
    exitCode: input.exitCode,
    wallSeconds: round(input.wallSeconds),
    lowerBoundSeconds: round(lowerBoundSeconds),
    ratioToBound: round(input.wallSeconds / lowerBoundSeconds, 3),
    requests: stats.requests + input.rateLimited,
    rateLimited429: input.rateLimited,
    injectedFaults: stats.faults,
    rssBeforeMb: Math.round(input.rssBefore / 1_048_576),
    peakRssMb: Math.round(input.peakRss / 1_048_576),
    articlesAccountedFor: versions.filter((version) => input.slugs.includes(version.slug) && version.sections === 14).length,
    articleStatus,
    sections: { done: count("done"), failed: count("failed"), missing: args.articles * 14 - count("done") - count("failed") - count("not_drafted") },
  };
}

interface CachingFigures {
  articles: number;
  perArticle: Record<"with_caching" | "without_caching", { inputTokens: number; cacheWriteTokens: number; cacheReadTokens: number; outputTokens: number; usd: number }>;
  saving: number;
}

/** Tokens and USD per article (default price table, claude-sonnet-5) with and without cache_control. */
async function measureCaching(articles: number): Promise<CachingFigures> {
  const perArticle = {} as CachingFigures["perArticle"];
  for (const isCaching of [true, false]) {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-bench-cache-"));
    const fake = await startFakeAnthropic();
    fake.setResponder(createRealisticResponder({ latencyMs: [40, 80] }).handle);
    const slugs = writeScaleWorkspace(dir, {
      articles,
      configLines: [
        `provider: { name: anthropic, prompt_caching: ${isCaching} }`,
        "run: { concurrency: 8, requests_per_minute: 100000, input_tokens_per_minute: 100000000, output_tokens_per_minute: 100000000 }",
      ],
    });
    const env = { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl };
    await runCli(["generate", ...slugs], { stdout: () => undefined, stderr: () => undefined, env, cwd: dir, isStderrTty: false });
    await fake.close();
    const db = new Database(path.join(dir, "runs.db"), { readonly: true });
    const sums = db
      .prepare(
        "SELECT SUM(input_tokens) AS inputTokens, SUM(cache_write_tokens) AS cacheWriteTokens, SUM(cache_read_tokens) AS cacheReadTokens, SUM(output_tokens) AS outputTokens, SUM(cost_usd) AS usd FROM model_calls",
      )
      .get() as Record<string, number>;
    db.close();
    rmSync(dir, { recursive: true, force: true });
    const per = (key: string) => round((sums[key] ?? 0) / articles, key === "usd" ? 5 : 0);
    perArticle[isCaching ? "with_caching" : "without_caching"] = {
      inputTokens: per("inputTokens"),
      cacheWriteTokens: per("cacheWriteTokens"),
      cacheReadTokens: per("cacheReadTokens"),
      outputTokens: per("outputTokens"),
      usd: per("usd"),
    };
  }
  return { articles, perArticle, saving: round(1 - perArticle.with_caching.usd / perArticle.without_caching.usd, 3) };
}

export async function benchScale(): Promise<unknown> {
  const job = { articles: 50, rpm: 1200, latencyMs: [200, 500] as [number, number] };
  const clean = await runJob({ ...job, faultRate: 0, seed: 1 });
  process.stderr.write(`scale: clean job ${clean.wallSeconds} s (bound ${clean.lowerBoundSeconds} s)\n`);
  const faulty = await runJob({ ...job, faultRate: 0.05, seed: 7 });
  process.stderr.write(`scale: 5% faults ${faulty.wallSeconds} s (bound ${faulty.lowerBoundSeconds} s)\n`);
  const caching = await measureCaching(5);
  return { clean, faulty, caching };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
