import type { Store } from "./open-store.ts";

// Token and cost reports over model_calls, the one row per API call (live or batch) that every
// other figure sums up: sections, articles, runs. The cache hit ratio is the share of prompt tokens
// read from the cache: cache_read / (input + cache_write + cache_read).

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  /** null when no prompt tokens were sent. */
  cacheHitRatio: number | null;
}

export interface RunReport {
  id: number;
  command: string;
  trigger: string;
  status: "running" | "done" | "failed" | "interrupted";
  /** The process and host of the run, to tell a live 'running' run from a dead one. */
  pid: number | null;
  host: string | null;
  stoppedBy: string | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  provider: string;
  model: string;
  /** Article versions the run started or resumed. */
  articles: number;
  /** Sections the run drafted (carried ones not counted). */
  sections: { done: number; failed: number; notDrafted: number };
  batchCalls: number;
  usage: UsageTotals;
}

export interface CostReport {
  since: string | null;
  total: UsageTotals;
  byModel: (UsageTotals & { model: string })[];
  byMode: (UsageTotals & { mode: "live" | "batch" })[];
  byArticle: (UsageTotals & { slug: string })[];
  byDay: (UsageTotals & { day: string })[];
}

const SUMS = `COUNT(*) AS calls, COALESCE(SUM(input_tokens), 0) AS inputTokens, COALESCE(SUM(output_tokens), 0) AS outputTokens,
  COALESCE(SUM(cache_write_tokens), 0) AS cacheWriteTokens, COALESCE(SUM(cache_read_tokens), 0) AS cacheReadTokens, COALESCE(SUM(cost_usd), 0) AS costUsd`;

type SumRow = Omit<UsageTotals, "cacheHitRatio">;

export function withRatio<T extends SumRow>(row: T): T & { cacheHitRatio: number | null } {
  const prompt = row.inputTokens + row.cacheWriteTokens + row.cacheReadTokens;
  return { ...row, cacheHitRatio: prompt > 0 ? row.cacheReadTokens / prompt : null };
}

export function listRunReports(db: Store, args: { limit?: number } = {}): RunReport[] {
  const runs = db.prepare(`SELECT * FROM runs ORDER BY id DESC LIMIT ?`).all(args.limit ?? 1_000_000) as {
    id: number;
    command: string;
    trigger: string;
    status: RunReport["status"];
    pid: number | null;
    host: string | null;
    stopped_by: string | null;
    error: string | null;
    started_at: string;
    finished_at: string | null;
    provider: string;
    model_requested: string;
  }[];
  const usage = db.prepare(`SELECT ${SUMS}, COALESCE(SUM(batch_id IS NOT NULL), 0) AS batchCalls FROM model_calls WHERE run_id = ?`);
  const articles = db.prepare(
    `SELECT COUNT(*) AS n FROM (SELECT id FROM article_versions WHERE run_id = @id UNION SELECT article_version_id FROM run_resumptions WHERE run_id = @id)`,
  );
  const sections = db.prepare(
    `SELECT s.status, COUNT(*) AS n FROM sections s JOIN article_versions av ON av.id = s.article_version_id
     WHERE COALESCE(s.run_id, av.run_id) = ? AND s.reused_from IS NULL GROUP BY s.status`,
  );
  return runs.map((run) => {
    const { batchCalls, ...sums } = usage.get(run.id) as SumRow & { batchCalls: number };
    const counts = new Map((sections.all(run.id) as { status: string; n: number }[]).map((row) => [row.status, row.n]));
    return {
      id: run.id,
      command: run.command,
      trigger: run.trigger,
      status: run.status,
      pid: run.pid,
      host: run.host,
      stoppedBy: run.stopped_by,
      error: run.error,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      provider: run.provider,
      model: run.model_requested,
      articles: (articles.get({ id: run.id }) as { n: number }).n,
      sections: { done: counts.get("done") ?? 0, failed: counts.get("failed") ?? 0, notDrafted: counts.get("not_drafted") ?? 0 },
      batchCalls,
      usage: withRatio(sums),
    };
  });
}

/** Spending since a date (ISO, compared with each call's start), in total and broken down. */
export function buildCostReport(db: Store, args: { since?: string | undefined } = {}): CostReport {
  const since = args.since ?? null;
  const where = `WHERE (@since IS NULL OR mc.started_at >= @since)`;
  const query = <T>(sql: string): T[] => db.prepare(sql).all({ since }) as T[];
  const [total] = query<SumRow>(`SELECT ${SUMS} FROM model_calls mc ${where}`);
  return {
    since,
    total: withRatio(total as SumRow),
    byModel: query<SumRow & { model: string }>(
      `SELECT COALESCE(model_reported, model_requested) AS model, ${SUMS} FROM model_calls mc ${where} GROUP BY 1 ORDER BY costUsd DESC, model`,
    ).map(withRatio),
    byMode: query<SumRow & { mode: "live" | "batch" }>(
      `SELECT CASE WHEN batch_id IS NULL THEN 'live' ELSE 'batch' END AS mode, ${SUMS} FROM model_calls mc ${where} GROUP BY 1 ORDER BY 1 DESC`,
    ).map(withRatio),
    byArticle: query<SumRow & { slug: string }>(
      `SELECT COALESCE(av.slug, '(no article)') AS slug, ${SUMS} FROM model_calls mc LEFT JOIN article_versions av ON av.id = mc.article_version_id
       ${where} GROUP BY 1 ORDER BY costUsd DESC, slug`,
    ).map(withRatio),
    byDay: query<SumRow & { day: string }>(`SELECT substr(mc.started_at, 1, 10) AS day, ${SUMS} FROM model_calls mc ${where} GROUP BY 1 ORDER BY 1`).map(withRatio),
  };
}
