// Contracts of the sources stage: fetching bytes, and turning bytes into a stable extracted text.

export interface FetchLimits {
  /** Time allowed to establish the TCP/TLS connection, per attempt. */
  connectTimeoutMs: number;
  /** Time allowed for one attempt from request start to the last body byte. */
  totalTimeoutMs: number;
  /** Bodies larger than this are refused (SourceFetchError kind "too_large"). */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Retries after the first attempt, for 429, 5xx and network errors. */
  maxRetries: number;
  /** First back-off delay; doubles per retry, with jitter. */
  retryBaseDelayMs: number;
  /** A Retry-After longer than this is not waited for; the source fails instead. */
  maxRetryAfterMs: number;
  /** At most this many requests at once to one host. */
  perHostConcurrency: number;
  /** Absolute folders file: URLs may be read from; anything else is refused ("outside_local_roots"). */
  localRoots: readonly string[];
}

export interface ConditionalHeaders {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export interface FetchedPage {
  requestedUrl: string;
  finalUrl: string;
  /** HTTP status of the final response (200 for file: URLs, 304 when notModified). */
  status: number;
  notModified: boolean;
  /** Raw Content-Type header (or the type derived from a file extension), if any. */
  contentType: string | undefined;
  /** Empty when notModified. */
  body: Buffer;
  etag: string | undefined;
  lastModified: string | undefined;
  /** Attempts made for the final URL, 1 when the first one succeeded. */
  attempts: number;
  /** URLs followed, in order, not counting requestedUrl. */
  redirects: string[];
}

export type DocumentKind = "html" | "text" | "pdf";

export interface ExtractorInfo {
  id: string;
  version: string;
}

export interface ExtractedDocument {
  kind: DocumentKind;
  title: string;
  /**
   * The main text. Blocks (paragraphs, headings, list items, table rows) are separated by "\n\n";
   * no leading or trailing whitespace. Later stages address it by character offsets, so the same
   * input must always give the same text.
   */
  text: string;
  /** The charset the bytes were decoded with (html and text). */
  charset: string | undefined;
  extractor: ExtractorInfo;
}
