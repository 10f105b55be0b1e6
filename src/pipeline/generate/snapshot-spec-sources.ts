import type { Config } from "../../config/config-schema.ts";
import { SourcesFailedError } from "../../domain/errors.ts";
import type { ArticleSpec, ResolvedSource } from "../../spec/article-spec.ts";
import { HostQueues } from "../../sources/host-queues.ts";
import { snapshotSource, type SnapshotOutcome } from "../../sources/snapshot-source.ts";
import type { Store } from "../../store/open-store.ts";
import { fetchLimitsFrom } from "../wiring/fetch-limits.ts";

export interface SourceResult {
  source: ResolvedSource;
  outcome: SnapshotOutcome;
}

export interface SpecSourcesResult {
  spec: ArticleSpec;
  sources: SourceResult[];
}

/**
 * Snapshots every source of every spec. A URL cited by several specs is fetched once; politeness
 * limits apply per host across the whole job.
 */
export async function snapshotSpecSources(args: {
  specs: ArticleSpec[];
  db: Store;
  config: Config;
  isRefresh: boolean;
  isOffline: boolean;
  now?: () => Date;
}): Promise<SpecSourcesResult[]> {
  const limits = fetchLimitsFrom(args.config);
  const context = {
    db: args.db,
    sourcesDir: args.config.paths.sources,
    limits,
    hosts: new HostQueues({ perHostConcurrency: limits.perHostConcurrency }),
    isRefresh: args.isRefresh,
    isOffline: args.isOffline,
    maxAgeDays: args.config.fetch.max_age_days,
    now: args.now ?? (() => new Date()),
  };
  const byUrl = new Map<string, Promise<SnapshotOutcome>>();
  for (const spec of args.specs) {
    for (const source of spec.sources) {
      if (!byUrl.has(source.resolvedUrl)) byUrl.set(source.resolvedUrl, snapshotSource(source.resolvedUrl, context));
    }
  }
  return Promise.all(
    args.specs.map(async (spec) => ({
      spec,
      sources: await Promise.all(
        spec.sources.map(async (source) => ({ source, outcome: await (byUrl.get(source.resolvedUrl) as Promise<SnapshotOutcome>) })),
      ),
    })),
  );
}

export interface FailedSource {
  slug: string;
  number: number;
  url: string;
  kind: string;
  error: string;
}

/** Every source of these specs that has no snapshot, with why: what generate reports per source. */
export function listFailedSources(results: SpecSourcesResult[]): FailedSource[] {
  return results.flatMap(({ spec, sources }) =>
    sources.flatMap(({ source, outcome }) =>
      outcome.snapshot === undefined
        ? [{ slug: spec.slug, number: source.number, url: source.url, kind: outcome.error?.kind ?? "unknown", error: outcome.error?.message ?? "no snapshot" }]
        : [],
    ),
  );
}

/**
 * Throws SourcesFailedError when not one source of the spec has a snapshot: drafting would only
 * store every section as "nothing relevant", hiding the real cause and spending model calls on it.
 */
export function assertSomeSourceSnapshotted(slug: string, sources: SourceResult[]): void {
  if (sources.some(({ outcome }) => outcome.snapshot !== undefined)) return;
  throw new SourcesFailedError(
    slug,
    sources.map(({ source, outcome }) => ({ number: source.number, message: outcome.error?.message ?? "no snapshot" })),
  );
}
