import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ArticleSourceRow } from "../../store/articles.ts";
import type { SourceResult } from "./snapshot-spec-sources.ts";

export interface SourceText {
  number: number;
  /** Extracted text of the snapshot, or null when the source could not be fetched. */
  text: string | null;
  row: ArticleSourceRow;
}

/** Reads each source's extracted snapshot text and describes it as an article_sources row. */
export async function loadSourceTexts(sources: SourceResult[], sourcesDir: string): Promise<SourceText[]> {
  return Promise.all(
    sources.map(async ({ source, outcome }) => {
      const snapshot = outcome.snapshot;
      const text = snapshot ? await readFile(path.join(sourcesDir, snapshot.text_path), "utf8") : null;
      return {
        number: source.number,
        text,
        row: {
          source_number: source.number,
          url: source.resolvedUrl,
          title: source.title,
          tier: source.tier,
          raw_sha256: snapshot?.raw_sha256 ?? null,
          text_sha256: snapshot?.text_sha256 ?? null,
          extractor_id: snapshot?.extractor_id ?? null,
          extractor_version: snapshot?.extractor_version ?? null,
          fetched_at: outcome.fetchedAt ?? null,
          error: outcome.error?.message ?? null,
        },
      };
    }),
  );
}
