// Fetches one source: http(s) with redirects followed (and recorded) here, retries with back-off,
// per-host politeness and conditional re-fetch; file: from disk. Each failure is a SourceFetchError
// whose kind says what went wrong.

import { setTimeout as sleep } from "node:timers/promises";
import type { Agent } from "undici";
import { SourceFetchError } from "../domain/errors.ts";
import type { HostQueues } from "./host-queues.ts";
import { readFileUrl } from "./read-file-url.ts";
import { computeBackoff, parseRetryAfter } from "./retry-timing.ts";
import { firstHeader, sendAttempt, type AttemptResponse } from "./send-attempt.ts";
import type { ConditionalHeaders, FetchedPage, FetchLimits } from "./types.ts";

const ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchSourceRequest {
  url: string;
  conditional?: ConditionalHeaders;
  signal?: AbortSignal;
}

export interface FetchSourceContext {
  limits: FetchLimits;
  hosts: HostQueues;
}

export async function fetchSource(request: FetchSourceRequest, context: FetchSourceContext): Promise<FetchedPage> {
  request.signal?.throwIfAborted();
  const requested = parseSourceUrl(request.url);
  if (requested.protocol === "file:") return readFileUrl(requested, context.limits);
  assertHttpScheme(requested, request.url);

  const { limits } = context;
  const headers = buildHeaders(limits, request.conditional);
  const hasConditional = "if-none-match" in headers || "if-modified-since" in headers;
  // undici loads with the first http(s) source: file: sources and commands that fetch nothing skip it.
  const { Agent } = await import("undici");
  // One agent per source: the connect timeout is an agent option, and closing it afterwards leaves no
  // idle sockets behind in a long batch.
  const dispatcher = new Agent({
    connect: { timeout: limits.connectTimeoutMs },
    headersTimeout: limits.totalTimeoutMs,
    bodyTimeout: limits.totalTimeoutMs,
  });
  try {
    const redirects: string[] = [];
    const visited = new Set([withoutHash(requested)]);
    let current = requested;
    for (;;) {
      const { response, attempts } = await fetchWithRetries({ url: current, headers, context, dispatcher, signal: request.signal });
      const location = firstHeader(response.headers.location);
      if (REDIRECT_STATUSES.has(response.status) && location !== undefined) {
        const next = resolveRedirect(current, location);
        if (visited.has(withoutHash(next))) {
          throw new SourceFetchError({
            url: request.url,
            kind: "redirect_loop",
            message: `${request.url}: redirect loop, ${current.href} leads back to ${next.href}`,
          });
        }
        if (redirects.length >= limits.maxRedirects) {
          throw new SourceFetchError({
            url: request.url,
            kind: "too_many_redirects",
            message: `${request.url}: more than ${limits.maxRedirects} redirects (last to ${next.href})`,
          });
        }
        redirects.push(next.href);
        visited.add(withoutHash(next));
        current = next;
        continue;
      }
      const isNotModified = response.status === 304 && hasConditional;
      if (!isNotModified && (response.status < 200 || response.status > 299)) {
        throw statusError(request.url, current, response.status);
      }
      return {
        requestedUrl: request.url,
        finalUrl: current.href,
        status: response.status,
        notModified: isNotModified,
        contentType: firstHeader(response.headers["content-type"]),
        body: isNotModified ? Buffer.alloc(0) : response.body,
        etag: firstHeader(response.headers.etag),
        lastModified: firstHeader(response.headers["last-modified"]),
        attempts,
        redirects,
      };
    }
  } finally {
    await dispatcher.destroy();
  }
}

/** Tries one URL until it answers with something other than 429/5xx, or the retries run out. */
async function fetchWithRetries(args: {
  url: URL;
  headers: Record<string, string>;
  context: FetchSourceContext;
  dispatcher: Agent;
  signal: AbortSignal | undefined;
}): Promise<{ response: AttemptResponse; attempts: number }> {
  const { url, context, signal } = args;
  const { limits } = context;
  for (let attempt = 1; ; attempt += 1) {
    let outcome: AttemptResponse | SourceFetchError;
    try {
      outcome = await context.hosts.run(
        url,
        () => sendAttempt({ url, headers: args.headers, limits, dispatcher: args.dispatcher, signal }),
        signal,
      );
    } catch (error) {
      if (!(error instanceof SourceFetchError)) throw error;
      outcome = error;
    }
    const hasRetriesLeft = attempt <= limits.maxRetries;
    let delayMs: number;
    if (outcome instanceof SourceFetchError) {
      if (!outcome.retryable || !hasRetriesLeft) throw outcome;
      delayMs = computeBackoff({ retry: attempt, baseMs: limits.retryBaseDelayMs, maxMs: limits.maxRetryAfterMs });
    } else {
      if (!isRetryableStatus(outcome.status)) return { response: outcome, attempts: attempt };
      const retryAfterMs = parseRetryAfter(firstHeader(outcome.headers["retry-after"]), Date.now());
      if (retryAfterMs !== undefined && retryAfterMs > limits.maxRetryAfterMs) {
        throw new SourceFetchError({
          url: url.href,
          kind: "http_status",
          status: outcome.status,
          retryable: true,
          message: `${url.href}: HTTP ${outcome.status} asks to retry after ${retryAfterMs} ms, longer than the ${limits.maxRetryAfterMs} ms allowed`,
        });
      }
      if (!hasRetriesLeft) return { response: outcome, attempts: attempt };
      delayMs =
        retryAfterMs ?? computeBackoff({ retry: attempt, baseMs: limits.retryBaseDelayMs, maxMs: limits.maxRetryAfterMs });
    }
    try {
      await sleep(delayMs, undefined, signal === undefined ? {} : { signal });
    } catch (error) {
      // Cancellation surfaces as the caller's own reason, wherever it happens.
      throw signal?.aborted === true ? signal.reason : error;
    }
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

function statusError(requestedUrl: string, url: URL, status: number): SourceFetchError {
  const where = url.href === requestedUrl ? requestedUrl : `${requestedUrl} (at ${url.href})`;
  return new SourceFetchError({
    url: url.href,
    kind: "http_status",
    status,
    retryable: isRetryableStatus(status),
    message: `${where}: HTTP ${status}`,
  });
}

function buildHeaders(limits: FetchLimits, conditional: ConditionalHeaders | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": limits.userAgent,
    accept: ACCEPT,
    // Decoded in send-attempt.ts; listed explicitly so servers do not pick an encoding we cannot read.
    "accept-encoding": "gzip, br",
  };
  if (conditional?.etag !== undefined && conditional.etag !== "") headers["if-none-match"] = conditional.etag;
  if (conditional?.lastModified !== undefined && conditional.lastModified !== "") {
    headers["if-modified-since"] = conditional.lastModified;
  }
  return headers;
}

function parseSourceUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new SourceFetchError({ url: raw, kind: "invalid_url", message: `${raw}: not a valid absolute URL` });
  }
}

function assertHttpScheme(url: URL, requestedUrl: string): void {
  if (url.protocol === "http:" || url.protocol === "https:") return;
  throw new SourceFetchError({
    url: requestedUrl,
    kind: "unsupported_scheme",
    message: `${url.href}: scheme ${url.protocol} is not supported (http, https or file only)`,
  });
}

function resolveRedirect(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new SourceFetchError({
      url: from.href,
      kind: "invalid_url",
      message: `${from.href}: redirect to an invalid location "${location}"`,
    });
  }
  // A web page must never be able to send the fetcher to the local disk (or any other scheme).
  assertHttpScheme(next, from.href);
  return next;
}

function withoutHash(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = "";
  return copy.href;
}
