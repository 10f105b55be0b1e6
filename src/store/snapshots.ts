import type { Store } from "./open-store.ts";

// Rows of the snapshots and fetches tables. A snapshot is immutable: one per raw-bytes hash and
// extractor version. A fetch row is written for every attempt to get a source, failed or not.

export interface SnapshotRow {
  raw_sha256: string;
  extractor_id: string;
  extractor_version: string;
  text_sha256: string;
  kind: "html" | "text" | "pdf";
  content_type: string | null;
  charset: string | null;
  title: string;
  bytes: number;
  text_chars: number;
  raw_path: string;
  text_path: string;
  created_at: string;
}

export interface FetchRow {
  id: number;
  url: string;
  final_url: string | null;
  outcome: "fetched" | "not_modified" | "failed";
  status: number | null;
  content_type: string | null;
  bytes: number | null;
  raw_sha256: string | null;
  text_sha256: string | null;
  extractor_id: string | null;
  extractor_version: string | null;
  etag: string | null;
  last_modified: string | null;
  fetched_at: string;
  attempts: number;
  redirects: string;
  error_kind: string | null;
  error_message: string | null;
}

export type NewFetchRow = Omit<FetchRow, "id">;

export function findSnapshot(db: Store, key: { rawSha256: string; extractorId: string; extractorVersion: string }): SnapshotRow | undefined {
  return db
    .prepare(`SELECT * FROM snapshots WHERE raw_sha256 = ? AND extractor_id = ? AND extractor_version = ?`)
    .get(key.rawSha256, key.extractorId, key.extractorVersion) as SnapshotRow | undefined;
}

/** Records a snapshot row unless the same bytes were already extracted by the same extractor. */
export function insertSnapshot(db: Store, snapshot: SnapshotRow): void {
  db.prepare(
    `INSERT OR IGNORE INTO snapshots (raw_sha256, extractor_id, extractor_version, text_sha256, kind, content_type, charset,
       title, bytes, text_chars, raw_path, text_path, created_at)
     VALUES (@raw_sha256, @extractor_id, @extractor_version, @text_sha256, @kind, @content_type, @charset,
       @title, @bytes, @text_chars, @raw_path, @text_path, @created_at)`,
  ).run(snapshot);
}

/** Records a snapshot (if new) and the fetch that produced or confirmed it, in one transaction. */
export function recordFetch(db: Store, args: { snapshot?: SnapshotRow | undefined; fetch: NewFetchRow }): number {
  return db.transaction(() => {
    if (args.snapshot) insertSnapshot(db, args.snapshot);
    const result = db
      .prepare(
        `INSERT INTO fetches (url, final_url, outcome, status, content_type, bytes, raw_sha256, text_sha256, extractor_id,
           extractor_version, etag, last_modified, fetched_at, attempts, redirects, error_kind, error_message)
         VALUES (@url, @final_url, @outcome, @status, @content_type, @bytes, @raw_sha256, @text_sha256, @extractor_id,
           @extractor_version, @etag, @last_modified, @fetched_at, @attempts, @redirects, @error_kind, @error_message)`,
      )
      .run(args.fetch);
    return Number(result.lastInsertRowid);
  })();
}

/** The newest fetch of a URL that left a usable snapshot (fetched or confirmed by a 304). */
export function latestGoodFetch(db: Store, url: string): (FetchRow & { snapshot: SnapshotRow }) | undefined {
  const row = db
    .prepare(`SELECT * FROM fetches WHERE url = ? AND outcome != 'failed' ORDER BY id DESC LIMIT 1`)
    .get(url) as FetchRow | undefined;
  if (!row || !row.raw_sha256 || !row.extractor_id || !row.extractor_version) return undefined;
  const snapshot = findSnapshot(db, { rawSha256: row.raw_sha256, extractorId: row.extractor_id, extractorVersion: row.extractor_version });
  return snapshot ? { ...row, snapshot } : undefined;
}

export function listFetches(db: Store, url: string): FetchRow[] {
  return db.prepare(`SELECT * FROM fetches WHERE url = ? ORDER BY id`).all(url) as FetchRow[];
}
