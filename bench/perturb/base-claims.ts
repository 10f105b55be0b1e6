// The supported claims the perturbation suite starts from: WiCE dev claims labelled "supported"
// (read from ../shared/eval, never copied here) and the example article's own sourced claims, with
// their quotes and snapshot texts, from an offline `wikigen generate` into a temporary folder.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { loadDevClaims, REPO_ROOT } from "../verifier-data.ts";

export interface BaseClaim {
  id: string;
  origin: "wice" | "example";
  claim: string;
  quote?: string | undefined;
  sourceText: string;
}

export function loadWiceSupported(): BaseClaim[] {
  return loadDevClaims()
    .filter((row) => row.label === "supported")
    .map((row) => ({ id: row.id, origin: "wice" as const, claim: row.claim, sourceText: row.source_text }));
}

const EXAMPLE_SPEC = "articles/communities-of-practice.yaml";

/** Claims of the example article; needs the compiled CLI (`npm run build`). */
export function loadExampleClaims(): BaseClaim[] | { skipped: string } {
  if (!existsSync(join(REPO_ROOT, "dist", "cli", "main.js"))) return { skipped: "dist/ is missing: run npm run build" };
  const dir = mkdtempSync(join(tmpdir(), "wikigen-perturb-"));
  try {
    const db = join(dir, "runs.db");
    // The extractive provider drafts offline; sources are the local example files.
    execFileSync(process.execPath, [join(REPO_ROOT, "bin", "wikigen.js"), "generate", EXAMPLE_SPEC, "--db", db, "--out", join(dir, "out")], { cwd: REPO_ROOT, stdio: "pipe" });
    const store = new Database(db, { readonly: true });
    try {
      const rows = store
        .prepare(
          `SELECT c.id AS id, c.text AS claim, ci.quote AS quote, s.text_path AS textPath
             FROM claims c JOIN citations ci ON ci.claim_id = c.id
             JOIN snapshots s ON s.text_sha256 = ci.text_sha256
            WHERE c.basis = 'source' AND ci.citation_index = 0
            GROUP BY c.id ORDER BY c.id`,
        )
        .all() as { id: number; claim: string; quote: string; textPath: string }[];
      return rows.map((row) => ({
        id: `example-${row.id}`,
        origin: "example" as const,
        claim: row.claim,
        quote: row.quote,
        sourceText: readFileSync(join(REPO_ROOT, "sources", row.textPath), "utf8"),
      }));
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
