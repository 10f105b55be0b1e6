import { describe, expect, it } from "vitest";
import { createProgressReporter, formatBar, formatProgress, type ProgressState } from "./progress-reporter.ts";
import type { SectionSummary } from "../pipeline/job-types.ts";

const STATE: ProgressState = {
  articles: { total: 50, finished: 12 },
  sections: { total: 700, done: 170, failed: 3 },
  tokens: 1_234_567,
  costUsd: 3.4149,
  rateLimited: 2,
  startedAt: 0,
};

function section(status: SectionSummary["status"], error?: string): SectionSummary {
  return {
    sectionId: "evidence-base",
    status,
    error,
    claims: { source: 2, llm: 1, example: 0 },
    flags: [],
    origin: "drafted",
    costUsd: 0.5,
    tokens: { inputTokens: 100, outputTokens: 50, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 850 },
  };
}

describe("formatProgress / formatBar", () => {
  it("states counts, tokens, cost, 429s and the time left at the rate so far", () => {
    // 173 sections in 60 s: 527 left take 182.8 s.
    expect(formatProgress(STATE, 60_000)).toBe("12/50 articles, 173/700 sections (3 failed), 1.2M tokens, $3.41, 2 rate-limited, ETA 3m03s");
    expect(formatBar(STATE, 60_000)).toBe("[######------------------] 12/50 articles, 173/700 sections (3 failed), 1.2M tokens, $3.41, 2 rate-limited, ETA 3m03s");
    expect(formatProgress({ ...STATE, sections: { total: 10, done: 0, failed: 0 } }, 1_000)).toContain("ETA ?");
  });
});

describe("createProgressReporter", () => {
  it("in a terminal: redraws one bar in place and prints failures above it", () => {
    const written: string[] = [];
    let now = 0;
    const reporter = createProgressReporter({ io: { stderr: (text) => written.push(text), isStderrTty: true }, totalArticles: 1, intervalMs: 10_000, now: () => now });
    reporter.articlePrepared("a", { total: 14, stored: 4 });
    now = 1_000;
    reporter.sectionFinished("a", section("done"));
    now = 2_000;
    reporter.sectionFinished("a", section("failed", "output truncated"));
    reporter.stop();
    expect(written).toEqual([
      "\r\x1b[2K[------------------------] 0/1 articles, 0/10 sections (0 failed), 0 tokens, $0.00, 0 rate-limited, ETA ?",
      "\r\x1b[2K[##----------------------] 0/1 articles, 1/10 sections (0 failed), 1000 tokens, $0.50, 0 rate-limited, ETA 9s",
      "\r\x1b[2K",
      "a: evidence-base failed (output truncated)\n",
      "\r\x1b[2K[#####-------------------] 0/1 articles, 2/10 sections (1 failed), 2000 tokens, $1.00, 0 rate-limited, ETA 8s",
      "\r\x1b[2K[#####-------------------] 0/1 articles, 2/10 sections (1 failed), 2000 tokens, $1.00, 0 rate-limited, ETA 8s",
      "\n",
    ]);
  });

  it("not in a terminal: a line per section, and a plain progress line at the end", () => {
    const written: string[] = [];
    const reporter = createProgressReporter({ io: { stderr: (text) => written.push(text), isStderrTty: false }, totalArticles: 2, intervalMs: 10_000, now: () => 0, rateLimited: () => 7 });
    reporter.articlePrepared("a", { total: 14, stored: 0 });
    reporter.sectionFinished("a", section("done"));
    reporter.stop();
    expect(written).toEqual(["a: evidence-base done (3 claims, 0 flagged)\n", "progress: 0/2 articles, 1/14 sections (0 failed), 1000 tokens, $0.50, 7 rate-limited, ETA 0s\n"]);
  });
});
