import type { BuiltSection } from "../record/store-drafted-section.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";

// What a drafted revision keeps (suggestions.draft, JSON) until a reviewer decides: the spec with the
// reader's sources added, the revised section's rows (verified, not yet part of any version) and what
// became of each source the reader named.

export interface RevisionDraft {
  /** The base version's spec with the reader's sources appended (tier T3). */
  spec: ArticleSpec;
  /** The template position of the revised section. */
  position: number;
  built: BuiltSection;
  readerSources: { number: number; url: string; title: string; error: string | null }[];
}

export function parseRevisionDraft(json: string | null): RevisionDraft | undefined {
  return json === null ? undefined : (JSON.parse(json) as RevisionDraft);
}
