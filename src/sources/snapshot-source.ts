import { SourceFetchError } from "../domain/errors.ts";
import { findSnapshot, insertSnapshot, latestGoodFetch, recordFetch, type FetchRow, type NewFetchRow, type SnapshotRow } from "../store/snapshots.ts";
import type { Store } from "../store/open-store.ts";
import { extractDocument, extractorFor } from "./extract-document.ts";
import { fetchSource } from "./fetch-source.ts";
import type { HostQueues } from "./host-queues.ts";
import { rawSnapshotPath, readSnapshotFile, sha256, textSnapshotPath, writeOnce } from "./snapshot-files.ts";
import type { FetchLimits } from "./types.ts";

export type SnapshotOutcomeKind = "fetched" | "not_modified" | "reused" | "failed";

export interface SnapshotOutcome {
  url: string;
  outcome: SnapshotOutcomeKind;
  snapshot: SnapshotRow | undefined;
  /** When the snapshot's bytes were last confirmed from the origin. */
  fetchedAt: string | undefined;
  status: number | undefined;
  error: { kind: string; message: string } | undefined;
  /** Snapshot files this call created (0 when an existing snapshot served). */
  newFiles: number;
}

export interface SnapshotContext {
  db: Store;
  sourcesDir: string;
  limits: FetchLimits;
  hosts: HostQueues;
  /** Re-fetch even when the stored snapshot is fresh. */
  isRefresh: boolean;
  /** Never touch the network; a source with no snapshot fails. */
  isOffline: boolean;
  maxAgeDays: number;
  now: () => Date;
}

/**
 * Makes sure one source has a current snapshot: reuses a fresh one, re-fetches conditionally when it
 * is stale (or when asked), and records every fetch. Failures come back as an outcome with the error
 * (and a failed fetch row), never as a throw, so the other sources of a spec go on.
 */
export async function snapshotSource(url: string, context: SnapshotContext): Promise<SnapshotOutcome> {
  const previous = latestGoodFetch(context.db, url);
  // Local files cost nothing to read again and are how content teams edit sources: always re-read.
  const isLocal = url.startsWith("file:");
  if (!isLocal && previous && (context.isOffline || (!context.isRefresh && isFresh(previous, context)))) {
    return reuseSnapshot(previous, previous.snapshot, context);
  }
  if (!isLocal && context.isOffline) {
    const message = `${url}: no snapshot stored and --offline forbids fetching it`;
    return recordFailure(url, { kind: "offline_no_snapshot", message, status: undefined, attempts: 0 }, context);
  }
  try {
    const page = await fetchSource(
      { url, conditional: previous && !isLocal ? { etag: previous.etag ?? undefined, lastModified: previous.last_modified ?? undefined } : undefined },
      { limits: context.limits, hosts: context.hosts },
    );
    const fetchedAt = context.now().toISOString();
    const common = {
      url,
      final_url: page.finalUrl,
      status: page.status,
      etag: page.etag ?? null,
      last_modified: page.lastModified ?? null,
      fetched_at: fetchedAt,
      attempts: page.attempts,
      redirects: JSON.stringify(page.redirects),
      error_kind: null,
      error_message: null,
    };
    if (page.notModified && previous) {
      const raw = await readSnapshotFile(context.sourcesDir, previous.snapshot.raw_path);
      const { snapshot, newFiles } = await storeSnapshot(raw, previous.snapshot.content_type ?? undefined, url, context);
      recordFetch(context.db, { snapshot, fetch: fetchRow({ ...common, outcome: "not_modified", content_type: snapshot.content_type }, snapshot) });
      return { url, outcome: "not_modified", snapshot, fetchedAt, status: page.status, error: undefined, newFiles };
    }
    const { snapshot, newFiles } = await storeSnapshot(page.body, page.contentType, page.finalUrl, context);
    recordFetch(context.db, { snapshot, fetch: fetchRow({ ...common, outcome: "fetched", content_type: page.contentType ?? null }, snapshot) });
    return { url, outcome: "fetched", snapshot, fetchedAt, status: page.status, error: undefined, newFiles };
  } catch (error) {
    if (!(error instanceof SourceFetchError)) throw error;
    return recordFailure(url, { kind: error.kind, message: error.message, status: error.status, attempts: 1 }, context);
  }
}

function isFresh(previous: FetchRow, context: SnapshotContext): boolean {
  const ageMs = context.now().getTime() - Date.parse(previous.fetched_at);
  return ageMs <= context.maxAgeDays * 86_400_000;
}

/** Serves a stored snapshot, re-extracting from the stored bytes if the extractor changed since. */
async function reuseSnapshot(previous: FetchRow, stored: SnapshotRow, context: SnapshotContext): Promise<SnapshotOutcome> {
  const current = extractorFor(stored.kind);
  let snapshot = findSnapshot(context.db, { rawSha256: stored.raw_sha256, extractorId: current.id, extractorVersion: current.version });
  let newFiles = 0;
  if (!snapshot) {
    const raw = await readSnapshotFile(context.sourcesDir, stored.raw_path);
    ({ snapshot, newFiles } = await storeSnapshot(raw, stored.content_type ?? undefined, previous.final_url ?? previous.url, context));
    insertSnapshot(context.db, snapshot);
  }
  return { url: previous.url, outcome: "reused", snapshot, fetchedAt: previous.fetched_at, status: previous.status ?? undefined, error: undefined, newFiles };
}

async function storeSnapshot(
  raw: Buffer,
  contentType: string | undefined,
  url: string,
  context: SnapshotContext,
): Promise<{ snapshot: SnapshotRow; newFiles: number }> {
  let extracted;
  try {
    extracted = await extractDocument({ bytes: raw, contentType, url });
  } catch (error) {
    if (error instanceof SourceFetchError) throw error;
    throw new SourceFetchError({ url, kind: "extract_failed", message: `${url}: text extraction failed: ${(error as Error).message}` });
  }
  const rawSha256 = sha256(raw);
  const rawPath = rawSnapshotPath(rawSha256);
  const textPath = textSnapshotPath(rawSha256, extracted.extractor);
  const newFiles =
    Number(await writeOnce(context.sourcesDir, rawPath, raw)) + Number(await writeOnce(context.sourcesDir, textPath, extracted.text));
  const snapshot: SnapshotRow = {
    raw_sha256: rawSha256,
    extractor_id: extracted.extractor.id,
    extractor_version: extracted.extractor.version,
    text_sha256: sha256(extracted.text),
    kind: extracted.kind,
    content_type: contentType ?? null,
    charset: extracted.charset ?? null,
    title: extracted.title,
    bytes: raw.length,
    text_chars: extracted.text.length,
    raw_path: rawPath,
    text_path: textPath,
    created_at: context.now().toISOString(),
  };
  return { snapshot, newFiles };
}

function fetchRow(
  base: Omit<NewFetchRow, "bytes" | "raw_sha256" | "text_sha256" | "extractor_id" | "extractor_version"> & Partial<NewFetchRow>,
  snapshot: SnapshotRow,
): NewFetchRow {
  return {
    url: base.url,
    final_url: base.final_url,
    outcome: base.outcome,
    status: base.status,
    content_type: base.content_type,
    bytes: snapshot.bytes,
    raw_sha256: snapshot.raw_sha256,
    text_sha256: snapshot.text_sha256,
    extractor_id: snapshot.extractor_id,
    extractor_version: snapshot.extractor_version,
    etag: base.etag,
    last_modified: base.last_modified,
    fetched_at: base.fetched_at,
    attempts: base.attempts,
    redirects: base.redirects,
    error_kind: null,
    error_message: null,
  };
}

function recordFailure(
  url: string,
  failure: { kind: string; message: string; status: number | undefined; attempts: number },
  context: SnapshotContext,
): SnapshotOutcome {
  recordFetch(context.db, {
    fetch: {
      url,
      final_url: null,
      outcome: "failed",
      status: failure.status ?? null,
      content_type: null,
      bytes: null,
      raw_sha256: null,
      text_sha256: null,
      extractor_id: null,
      extractor_version: null,
      etag: null,
      last_modified: null,
      fetched_at: context.now().toISOString(),
      attempts: failure.attempts,
      redirects: "[]",
      error_kind: failure.kind,
      error_message: failure.message,
    },
  });
  return {
    url,
    outcome: "failed",
    snapshot: undefined,
    fetchedAt: undefined,
    status: failure.status,
    error: { kind: failure.kind, message: failure.message },
    newFiles: 0,
  };
}
