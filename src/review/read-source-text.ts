import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ArticleSourceRow } from "../store/articles.ts";
import type { Store } from "../store/open-store.ts";
import { findSnapshot, type SnapshotRow } from "../store/snapshots.ts";

// The extracted text a citation points into. Stored offsets index exactly these bytes, so a file
// that no longer matches its recorded hash is reported instead of highlighted at the wrong place.

export type SourceTextResult = { text: string; snapshot: SnapshotRow } | { text: null; problem: string };

export async function readSourceText(db: Store, sourcesDir: string, source: ArticleSourceRow): Promise<SourceTextResult> {
  if (!source.raw_sha256 || !source.extractor_id || !source.extractor_version) {
    return { text: null, problem: source.error ? `source was not fetched: ${source.error}` : "source was not fetched" };
  }
  const snapshot = findSnapshot(db, { rawSha256: source.raw_sha256, extractorId: source.extractor_id, extractorVersion: source.extractor_version });
  if (!snapshot) return { text: null, problem: "no snapshot row for this source" };
  const root = path.resolve(sourcesDir);
  const file = path.resolve(root, snapshot.text_path);
  if (!file.startsWith(root + path.sep)) return { text: null, problem: "snapshot path points outside the sources folder" };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { text: null, problem: `cannot read the snapshot text (${(error as NodeJS.ErrnoException).code ?? "error"}): ${snapshot.text_path}` };
  }
  if (createHash("sha256").update(bytes).digest("hex") !== snapshot.text_sha256) {
    return { text: null, problem: `snapshot text ${snapshot.text_path} does not match its recorded hash` };
  }
  return { text: bytes.toString("utf8"), snapshot };
}
