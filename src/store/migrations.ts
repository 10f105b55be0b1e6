// Numbered schema migrations; index + 1 is the user_version it brings the store to. Never edit a
// released migration: add a new one.

export const MIGRATIONS: readonly string[] = [
  // 1: source snapshots and the fetches that produced them.
  `
  CREATE TABLE snapshots (
    raw_sha256 TEXT NOT NULL,
    extractor_id TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('html', 'text', 'pdf')),
    content_type TEXT,
    charset TEXT,
    title TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    text_chars INTEGER NOT NULL,
    raw_path TEXT NOT NULL,
    text_path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (raw_sha256, extractor_id, extractor_version)
  );
  CREATE TABLE fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('fetched', 'not_modified', 'failed')),
    status INTEGER,
    content_type TEXT,
    bytes INTEGER,
    raw_sha256 TEXT,
    text_sha256 TEXT,
    extractor_id TEXT,
    extractor_version TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    redirects TEXT NOT NULL DEFAULT '[]',
    error_kind TEXT,
    error_message TEXT,
    FOREIGN KEY (raw_sha256, extractor_id, extractor_version) REFERENCES snapshots (raw_sha256, extractor_id, extractor_version)
  );
  CREATE INDEX fetches_by_url ON fetches (url, id);
  `,
];
