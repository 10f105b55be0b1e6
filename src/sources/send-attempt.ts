// One HTTP GET with its own deadline and body cap. Redirects, retries and politeness are the caller's
// (fetch-source.ts); this module only turns one exchange into a response or a classified error.

import { pipeline } from "node:stream/promises";
import type { Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Dispatcher } from "undici";
import { SourceFetchError } from "../domain/errors.ts";
import type { FetchLimits } from "./types.ts";

export interface AttemptResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Read only for 2xx responses; empty otherwise. */
  body: Buffer;
}

// Connection-level failures worth another try; anything else (certificate errors, unknown host,
// malformed responses) will fail the same way again.
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

export async function sendAttempt(args: {
  url: URL;
  headers: Record<string, string>;
  limits: FetchLimits;
  dispatcher: Dispatcher;
  signal: AbortSignal | undefined;
}): Promise<AttemptResponse> {
  // Imported here, not at the top, so that only a command that fetches over http(s) loads undici.
  const { request } = await import("undici");
  const { url, limits } = args;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.totalTimeoutMs);
  const signal = args.signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, args.signal]);
  try {
    const response = await request(url, {
      method: "GET",
      headers: args.headers,
      dispatcher: args.dispatcher,
      signal,
    });
    const headers = response.headers;
    if (response.statusCode < 200 || response.statusCode > 299) {
      // Drain so the connection can be reused; the size of error pages is of no interest.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { status: response.statusCode, headers, body: Buffer.alloc(0) };
    }
    const body = await readCappedBody(url, response.body, headers, limits.maxBytes);
    return { status: response.statusCode, headers, body };
  } catch (error) {
    if (args.signal?.aborted === true) throw args.signal.reason;
    if (error instanceof SourceFetchError) throw error;
    if (deadline.signal.aborted) {
      throw new SourceFetchError({
        url: url.href,
        kind: "timeout",
        message: `${url.href}: no complete response within ${limits.totalTimeoutMs} ms`,
        retryable: true,
      });
    }
    throw classifyNetworkError(url, error, limits);
  } finally {
    clearTimeout(timer);
  }
}

async function readCappedBody(
  url: URL,
  body: Readable,
  headers: AttemptResponse["headers"],
  maxBytes: number,
): Promise<Buffer> {
  const declared = Number(firstHeader(headers["content-length"]));
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    throw tooLarge(url, `declares ${declared} bytes, limit is ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  // Remembered because pipeline may reject with the AbortError it used to tear the stages down
  // rather than with the error that made it do so.
  let overflow: SourceFetchError | undefined;
  // Counted after decompression, so a small gzip body cannot expand past the cap.
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) {
        overflow = tooLarge(url, `body exceeds ${maxBytes} bytes`);
        throw overflow;
      }
      chunks.push(chunk);
    }
  };
  const encoding = firstHeader(headers["content-encoding"])?.trim().toLowerCase() ?? "identity";
  const decoder = encoding === "identity" || encoding === "" ? undefined : createDecoder(encoding);
  if (decoder === null) {
    body.destroy();
    throw new SourceFetchError({
      url: url.href,
      kind: "network",
      message: `${url.href}: unsupported content-encoding "${encoding}"`,
    });
  }
  try {
    if (decoder === undefined) await pipeline(body, collect);
    else await pipeline(body, decoder, collect);
  } catch (error) {
    if (overflow !== undefined) throw overflow;
    if (decoder !== undefined && isDecompressionError(error)) {
      throw new SourceFetchError({
        url: url.href,
        kind: "network",
        message: `${url.href}: corrupt ${encoding} body (${errorCode(error) ?? "no code"})`,
      });
    }
    throw error;
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(url: URL, detail: string): SourceFetchError {
  return new SourceFetchError({ url: url.href, kind: "too_large", message: `${url.href}: ${detail}` });
}

function classifyNetworkError(url: URL, error: unknown, limits: FetchLimits): SourceFetchError {
  const code = errorCode(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    const what =
      code === "UND_ERR_CONNECT_TIMEOUT"
        ? `could not connect within ${limits.connectTimeoutMs} ms`
        : `no complete response within ${limits.totalTimeoutMs} ms`;
    return new SourceFetchError({ url: url.href, kind: "timeout", message: `${url.href}: ${what}`, retryable: true });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new SourceFetchError({
    url: url.href,
    kind: "network",
    message: `${url.href}: request failed (${code ?? "no code"}): ${detail}`,
    retryable: code !== undefined && RETRYABLE_NETWORK_CODES.has(code),
  });
}

/** The error's code, looking through undici's wrapping (TypeError with a cause) when needed. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === "object" && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A decompressor for a Content-Encoding, or null for one this module cannot read. */
function createDecoder(encoding: string): Transform | null {
  if (encoding === "gzip" || encoding === "x-gzip") return createGunzip();
  if (encoding === "br") return createBrotliDecompress();
  if (encoding === "deflate") return createInflate();
  return null;
}

// zlib reports bad data as Z_DATA_ERROR, Z_BUF_ERROR, ...; brotli as ERR__ERROR_FORMAT_*.
function isDecompressionError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && (code.startsWith("Z_") || code.startsWith("ERR__ERROR_"));
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
