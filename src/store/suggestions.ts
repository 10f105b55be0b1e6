import type { Store } from "./open-store.ts";

// Reader suggestions (migration 8): what a reader asked for, the section drafted from it, and the
// reviewer's decision. Rows are written only for suggestions that passed the PHI guard.

export type SuggestionStatus = "received" | "drafted" | "draft_failed" | "approved" | "rejected";
export type CreditChoice = "name" | "anonymous" | "none";

export interface NewSuggestion {
  channel: "form" | "file";
  article_slug: string;
  section_id: string;
  change_text: string;
  /** JSON array of URLs. */
  source_urls: string;
  email: string;
  credit: CreditChoice;
  credit_name: string | null;
  received_at: string;
}

export interface SuggestionRow extends NewSuggestion {
  id: number;
  status: SuggestionStatus;
  base_version_id: number | null;
  /** JSON of the drafted section (see pipeline/revise/revision-draft.ts). */
  draft: string | null;
  draft_error: string | null;
  drafted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  result_version_id: number | null;
}

export function insertSuggestion(db: Store, suggestion: NewSuggestion): number {
  const result = db
    .prepare(
      `INSERT INTO suggestions (channel, article_slug, section_id, change_text, source_urls, email, credit, credit_name, received_at, status)
       VALUES (@channel, @article_slug, @section_id, @change_text, @source_urls, @email, @credit, @credit_name, @received_at, 'received')`,
    )
    .run(suggestion);
  return Number(result.lastInsertRowid);
}

export function getSuggestion(db: Store, id: number): SuggestionRow | undefined {
  return db.prepare(`SELECT * FROM suggestions WHERE id = ?`).get(id) as SuggestionRow | undefined;
}

export function listSuggestions(db: Store, filter: { statuses?: readonly SuggestionStatus[] } = {}): SuggestionRow[] {
  const rows = db.prepare(`SELECT * FROM suggestions ORDER BY id`).all() as SuggestionRow[];
  return filter.statuses ? rows.filter((row) => filter.statuses?.includes(row.status)) : rows;
}

export function recordSuggestionDraft(
  db: Store,
  args: { id: number; status: "drafted" | "draft_failed"; baseVersionId: number | null; draft: string | null; error: string | null; now: Date },
): void {
  db.prepare(`UPDATE suggestions SET status = ?, base_version_id = ?, draft = ?, draft_error = ?, drafted_at = ? WHERE id = ?`).run(
    args.status,
    args.baseVersionId,
    args.draft,
    args.error,
    args.now.toISOString(),
    args.id,
  );
}

/** Records a decision on a drafted suggestion; false when it was no longer waiting for one. */
export function recordSuggestionDecision(
  db: Store,
  args: { id: number; status: "approved" | "rejected"; reviewer: string; note: string | null; resultVersionId: number | null; now: Date },
): boolean {
  const result = db
    .prepare(
      `UPDATE suggestions SET status = ?, decided_by = ?, decision_note = ?, result_version_id = ?, decided_at = ?
       WHERE id = ? AND status IN ('drafted', 'draft_failed')`,
    )
    .run(args.status, args.reviewer, args.note, args.resultVersionId, args.now.toISOString(), args.id);
  return result.changes === 1;
}

export interface RevisionCredit {
  suggestionId: number;
  sectionId: string;
  version: number;
  credit: CreditChoice;
  /** Only for credit "name". The email is never read here. */
  name: string | null;
}

/** Approved suggestions of an article up to a version, oldest first: what its page credits. */
export function listRevisionCredits(db: Store, slug: string, upToVersion: number): RevisionCredit[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.section_id, s.credit, s.credit_name, v.version FROM suggestions s
       JOIN article_versions v ON v.id = s.result_version_id
       WHERE s.article_slug = ? AND s.status = 'approved' AND v.version <= ? ORDER BY v.version, s.id`,
    )
    .all(slug, upToVersion) as { id: number; section_id: string; credit: CreditChoice; credit_name: string | null; version: number }[];
  return rows.map((row) => ({ suggestionId: row.id, sectionId: row.section_id, version: row.version, credit: row.credit, name: row.credit === "name" ? row.credit_name : null }));
}

/** The version number of an article_versions row (what an approved suggestion became). */
export function versionNumberOf(db: Store, articleVersionId: number): number | undefined {
  return (db.prepare(`SELECT version FROM article_versions WHERE id = ?`).get(articleVersionId) as { version: number } | undefined)?.version;
}

export interface ApprovedRevision {
  id: number;
  /** The version the approval stored. */
  version: number;
  /** JSON of the drafted section (see pipeline/revise/revision-draft.ts). */
  draft: string;
  /** spec_json of the version the revision was drafted on. */
  base_spec_json: string;
}

/** An article's approved suggestions, oldest version first: the sources their approvals added live on. */
export function listApprovedRevisions(db: Store, slug: string): ApprovedRevision[] {
  // `plan` opens a store read-only, unmigrated: one from before migration 8 has no suggestions at all.
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'suggestions'`).get()) return [];
  return db
    .prepare(
      `SELECT s.id, v.version, s.draft, b.spec_json AS base_spec_json FROM suggestions s
       JOIN article_versions v ON v.id = s.result_version_id JOIN article_versions b ON b.id = s.base_version_id
       WHERE s.article_slug = ? AND s.status = 'approved' AND s.draft IS NOT NULL ORDER BY v.version, s.id`,
    )
    .all(slug) as ApprovedRevision[];
}
