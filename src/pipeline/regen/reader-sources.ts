import path from "node:path";
import type { ArticleSpec, ResolvedSource } from "../../spec/article-spec.ts";
import type { Store } from "../../store/open-store.ts";
import { listApprovedRevisions } from "../../store/suggestions.ts";
import { parseRevisionDraft } from "../revise/revision-draft.ts";

// A source a reader's approved revision added is part of the article from then on, though the spec
// on disk does not list it: before planning, each spec gets those sources back (as the approval
// stored them, same number), so `plan` sees no change and a redraft still has them to cite. The
// spec's own sources win: a URL the team lists is never added twice. A URL listed under the spec's
// drop_reader_sources is left out (editing the spec redrafts every section, so nothing cites it).

export interface ReaderSourceAdded {
  suggestionId: number;
  /** The version the approval stored. */
  version: number;
  source: ResolvedSource;
}

export interface SpecWithReaderSources {
  spec: ArticleSpec;
  /** One line per reader source: carried (and under which number), or dropped. */
  notes: string[];
  /** drop_reader_sources entries no approved revision added (a typo, or a URL the spec lists itself). */
  warnings: string[];
}

/** Each spec with its approved reader sources merged in. Reads the store, writes nothing. */
export function withApprovedReaderSources(db: Store, specs: readonly ArticleSpec[]): SpecWithReaderSources[] {
  return specs.map((spec) => mergeReaderSources(spec, readerSourcesAdded(db, spec.slug)));
}

/** The sources each approved revision of an article added to the spec it was drafted on, oldest first. */
export function readerSourcesAdded(db: Store, slug: string): ReaderSourceAdded[] {
  return listApprovedRevisions(db, slug).flatMap((revision) => {
    const draft = parseRevisionDraft(revision.draft);
    if (!draft) return [];
    const base = JSON.parse(revision.base_spec_json) as { sources: ResolvedSource[] };
    const before = new Set(base.sources.map((source) => source.resolvedUrl));
    const named = new Set(draft.readerSources.map((source) => source.number));
    return draft.spec.sources
      .filter((source) => named.has(source.number) && !before.has(source.resolvedUrl))
      .map((source) => ({ suggestionId: revision.id, version: revision.version, source }));
  });
}

export function mergeReaderSources(spec: ArticleSpec, added: readonly ReaderSourceAdded[]): SpecWithReaderSources {
  const dropped = new Set(spec.drop_reader_sources ?? []);
  const sources = [...spec.sources];
  const notes: string[] = [];
  const used = new Set<string>();
  const isListed = (source: ResolvedSource) => sources.some((other) => other.resolvedUrl === source.resolvedUrl || other.url === source.url);
  for (const { suggestionId, version, source } of added) {
    if (isListed(source)) continue;
    const origin = `added by reader revision #${suggestionId} (v${version})`;
    if (dropped.has(source.url) || dropped.has(source.resolvedUrl)) {
      used.add(dropped.has(source.url) ? source.url : source.resolvedUrl);
      notes.push(`source ${source.number} (${source.url}) ${origin} is dropped: listed under drop_reader_sources`);
      continue;
    }
    const isTaken = sources.some((other) => other.number === source.number);
    const number = isTaken ? Math.max(...sources.map((other) => other.number)) + 1 : source.number;
    sources.push({ ...source, number });
    const renumbered = isTaken ? ` as source ${number} (the spec's source ${source.number} is another)` : "";
    notes.push(`source ${source.number} (${source.url}) ${origin} is carried${renumbered}: ${path.basename(spec.file)} does not list it`);
  }
  const warnings = [...dropped]
    .filter((url) => !used.has(url))
    .map((url) => `drop_reader_sources lists ${url}, which no approved reader revision added${sources.some((source) => source.url === url || source.resolvedUrl === url) ? " (the spec lists it among its sources)" : ""}`);
  return { spec: sources.length === spec.sources.length ? spec : { ...spec, sources }, notes, warnings };
}
