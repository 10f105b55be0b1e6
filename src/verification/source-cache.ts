// The sources one verifier has read in this run, each indexed once: sentences, stems, the inverted
// index and (on first need) the normalized text for quote search. Every later claim against the same
// text reuses them, so a claim costs the sentences its words point to, not the source's length.
// Claims arrive grouped by source but not only: sections cite several sources in turn, so a few
// sources are kept, the least recently used dropped first.

import { prepareQuoteSearch, type PreparedQuoteSearch } from "./locate-quote.ts";
import { indexSource, type SourceIndex } from "./source-index.ts";

export interface IndexedSource {
  text: string;
  index: SourceIndex;
  /** Word indexes and normalized text for quote search, each built on first need. */
  quoteSearch: PreparedQuoteSearch;
}

export interface SourceCacheLimits {
  /** Most sources kept at once. */
  maxSources: number;
  /** Most characters of source text kept at once (the newest source is kept whatever its size). */
  maxChars: number;
}

export interface SourceCache {
  /** The indexed source for `text`, built now when it is not kept. */
  get(text: string): IndexedSource;
}

// Four: a section's claims cite a few sources in turn. Each kept index holds a term object per word
// of its source; keeping 16 made a run of one claim per source (WiCE) a third slower, from garbage
// collection alone (2026-11-30, bench/verifier-speed.ts).
export const DEFAULT_SOURCE_CACHE_LIMITS: SourceCacheLimits = { maxSources: 4, maxChars: 32_000_000 };

export function createSourceCache(limits: SourceCacheLimits = DEFAULT_SOURCE_CACHE_LIMITS): SourceCache {
  // Most recently used last. Found by string equality: cheap against texts of another length, and
  // no hash of a long text is computed for a text seen once.
  const kept: IndexedSource[] = [];
  let keptChars = 0;

  const build = (text: string): IndexedSource => ({ text, index: indexSource(text), quoteSearch: prepareQuoteSearch(text) });

  return {
    get(text) {
      const at = kept.findIndex((entry) => entry.text === text);
      if (at >= 0) {
        const [entry] = kept.splice(at, 1) as [IndexedSource];
        kept.push(entry);
        return entry;
      }
      const entry = build(text);
      kept.push(entry);
      keptChars += text.length;
      while (kept.length > 1 && (kept.length > limits.maxSources || keptChars > limits.maxChars)) keptChars -= (kept.shift() as IndexedSource).text.length;
      return entry;
    },
  };
}
