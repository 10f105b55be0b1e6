import type { Store } from "./open-store.ts";

// Accounts of the review desk (migration 7). The store keeps hashes only: an scrypt password hash
// or the SHA-256 of a random token, made and checked in src/review/auth-passwords.ts.

export type ReviewerRole = "reviewer" | "editor";
export const REVIEWER_ROLES: readonly ReviewerRole[] = ["reviewer", "editor"];

export interface ReviewerAccountRow {
  name: string;
  role: ReviewerRole;
  password_hash: string | null;
  token_sha256: string | null;
  created_at: string;
  disabled_at: string | null;
}

export function listReviewerAccounts(db: Store): ReviewerAccountRow[] {
  return db.prepare(`SELECT * FROM reviewer_accounts ORDER BY name`).all() as ReviewerAccountRow[];
}

export function findReviewerAccount(db: Store, name: string): ReviewerAccountRow | undefined {
  return db.prepare(`SELECT * FROM reviewer_accounts WHERE name = ?`).get(name) as ReviewerAccountRow | undefined;
}

export function countEnabledAccounts(db: Store): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM reviewer_accounts WHERE disabled_at IS NULL`).get() as { n: number }).n;
}

export type AddAccountOutcome = { kind: "added" } | { kind: "exists"; disabled: boolean };

/**
 * Adds an account, or re-enables a disabled one with new credentials and role (a disabled name is
 * never handed to someone else silently: the caller asked for that name). An enabled account of
 * that name is left as it is.
 */
export function addReviewerAccount(
  db: Store,
  account: { name: string; role: ReviewerRole; passwordHash: string | null; tokenSha256: string | null; now: Date },
): AddAccountOutcome {
  return db
    .transaction((): AddAccountOutcome => {
      const existing = findReviewerAccount(db, account.name);
      if (existing && existing.disabled_at === null) return { kind: "exists", disabled: false };
      if (existing) {
        db.prepare(`UPDATE reviewer_accounts SET role = ?, password_hash = ?, token_sha256 = ?, disabled_at = NULL WHERE name = ?`).run(
          account.role,
          account.passwordHash,
          account.tokenSha256,
          account.name,
        );
        return { kind: "added" };
      }
      db.prepare(`INSERT INTO reviewer_accounts (name, role, password_hash, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)`).run(
        account.name,
        account.role,
        account.passwordHash,
        account.tokenSha256,
        account.now.toISOString(),
      );
      return { kind: "added" };
    })
    .immediate();
}

/** Disables an enabled account; false when there is no enabled account of that name. */
export function disableReviewerAccount(db: Store, name: string, now: Date): boolean {
  return db.prepare(`UPDATE reviewer_accounts SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL`).run(now.toISOString(), name).changes === 1;
}
