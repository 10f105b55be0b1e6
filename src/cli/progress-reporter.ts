import type { CliIo } from "./command.ts";
import type { ArticleSummary, SectionSummary } from "../pipeline/job-types.ts";

// Job progress on stderr. In a terminal: one live bar, redrawn in place (at most 10 times a second),
// with log lines printed above it. Otherwise (a log file, CI): a plain line every interval, and every
// section on its own line as before.

export interface ProgressState {
  articles: { total: number; finished: number };
  sections: { total: number; done: number; failed: number };
  tokens: number;
  costUsd: number;
  rateLimited: number;
  startedAt: number;
}

export interface ProgressReporter {
  articlePrepared(slug: string, counts: { total: number; stored: number }): void;
  sectionFinished(slug: string, summary: SectionSummary): void;
  articleFinished(summary: ArticleSummary): void;
  log(line: string): void;
  stop(): void;
}

export function createProgressReporter(args: {
  io: Pick<CliIo, "stderr" | "isStderrTty">;
  totalArticles: number;
  intervalMs: number;
  rateLimited?: () => number;
  now?: () => number;
}): ProgressReporter {
  const { io } = args;
  const now = args.now ?? (() => Date.now());
  const state: ProgressState = {
    articles: { total: args.totalArticles, finished: 0 },
    sections: { total: 0, done: 0, failed: 0 },
    tokens: 0,
    costUsd: 0,
    rateLimited: 0,
    startedAt: now(),
  };
  const snapshot = (): ProgressState => ({ ...state, rateLimited: args.rateLimited?.() ?? 0 });
  let lastDraw = Number.NEGATIVE_INFINITY;
  let barShown = false;
  const draw = (force: boolean): void => {
    if (!io.isStderrTty) return;
    const at = now();
    if (!force && at - lastDraw < 100) return;
    lastDraw = at;
    io.stderr(`\r\x1b[2K${formatBar(snapshot(), at)}`);
    barShown = true;
  };
  const log = (line: string): void => {
    if (io.isStderrTty && barShown) io.stderr("\r\x1b[2K");
    io.stderr(`${line}\n`);
    if (io.isStderrTty && barShown) draw(true);
  };
  const timer = io.isStderrTty ? undefined : setInterval(() => io.stderr(`progress: ${formatProgress(snapshot(), now())}\n`), args.intervalMs);
  timer?.unref();
  return {
    articlePrepared(_slug, counts) {
      state.sections.total += counts.total - counts.stored;
      draw(false);
    },
    sectionFinished(slug, summary) {
      if (summary.status === "failed") state.sections.failed += 1;
      else state.sections.done += 1;
      const tokens = summary.tokens;
      if (tokens) state.tokens += tokens.inputTokens + tokens.outputTokens + tokens.cacheReadTokens + tokens.cacheWriteTokens;
      state.costUsd += summary.costUsd ?? 0;
      if (!io.isStderrTty) io.stderr(`${formatSectionLine(slug, summary)}\n`);
      else if (summary.status === "failed") log(formatSectionLine(slug, summary));
      else draw(false);
    },
    articleFinished() {
      state.articles.finished += 1;
      draw(false);
    },
    log,
    stop() {
      if (timer) clearInterval(timer);
      if (io.isStderrTty) {
        draw(true);
        io.stderr("\n");
      } else if (state.sections.total > 0) {
        io.stderr(`progress: ${formatProgress(snapshot(), now())}\n`);
      }
    },
  };
}

export function formatSectionLine(slug: string, section: SectionSummary): string {
  const claims = section.claims.source + section.claims.llm + section.claims.example;
  const detail = section.status === "done" ? `${claims} claims, ${section.flags.length} flagged` : (section.error ?? "");
  return `${slug}: ${section.sectionId} ${section.status} (${detail})`;
}

/** One plain line: counts, tokens, cost, 429s and the time left at the rate so far. */
export function formatProgress(state: ProgressState, now: number): string {
  const { articles, sections } = state;
  const finished = sections.done + sections.failed;
  return [
    `${articles.finished}/${articles.total} articles`,
    `${finished}/${sections.total} sections (${sections.failed} failed)`,
    `${formatCount(state.tokens)} tokens`,
    `$${state.costUsd.toFixed(2)}`,
    `${state.rateLimited} rate-limited`,
    `ETA ${formatEta(state, now)}`,
  ].join(", ");
}

export function formatBar(state: ProgressState, now: number): string {
  const width = 24;
  const { sections } = state;
  const finished = sections.done + sections.failed;
  const filled = sections.total > 0 ? Math.round((finished / sections.total) * width) : 0;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${formatProgress(state, now)}`;
}

function formatEta(state: ProgressState, now: number): string {
  const finished = state.sections.done + state.sections.failed;
  const remaining = state.sections.total - finished;
  if (remaining <= 0) return "0s";
  if (finished === 0) return "?";
  const seconds = Math.round((((now - state.startedAt) / finished) * remaining) / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}

function formatCount(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 10_000) return `${Math.round(count / 1000)}k`;
  return String(count);
}
