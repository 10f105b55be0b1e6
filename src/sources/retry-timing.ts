// When to try again: Retry-After as servers send it, and exponential back-off with jitter otherwise.

/**
 * Milliseconds to wait according to a Retry-After header (RFC 9110 §10.2.3: delay-seconds or an
 * HTTP-date), or undefined when the header is absent or unreadable. A date in the past means now.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only something that looks like an HTTP-date; Date.parse alone accepts far too much ("5").
  if (!/^[A-Za-z]{3},/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Delay before retry number `retry` (1 for the first retry): baseMs doubled per retry, capped at
 * maxMs, then scaled into [50%, 100%] so that clients failing together do not retry together.
 */
export function computeBackoff(args: { retry: number; baseMs: number; maxMs: number; random?: () => number }): number {
  const random = args.random ?? Math.random;
  const ceiling = Math.min(args.maxMs, args.baseMs * 2 ** (args.retry - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}
