// Which per-minute rate a job paces each limit to. Three inputs, one rule:
// - the account's limit, as the API announces it on every answer (anthropic-ratelimit-*-limit);
// - the user's ceiling, when the config sets one (run.requests_per_minute and friends);
// - a cautious start, used only while neither is known.
// The pace is the announced limit capped by the ceiling; before the first announcement it is the
// ceiling, else the cautious start. So a big account runs at its own speed without configuration,
// a user's number is never exceeded, and a first burst cannot overrun the smallest account.

export type LimitKind = "requestsPerMinute" | "inputTokensPerMinute" | "outputTokensPerMinute";

export const LIMIT_KINDS: readonly LimitKind[] = ["requestsPerMinute", "inputTokensPerMinute", "outputTokensPerMinute"];

export type PerMinute = Record<LimitKind, number>;

/**
 * The lowest published usage tier (Anthropic rate-limit docs, 2025: 50 requests, 30,000 input and
 * 8,000 output tokens per minute): safe on any account until its first answer says more.
 */
export const CAUTIOUS_START: PerMinute = { requestsPerMinute: 50, inputTokensPerMinute: 30_000, outputTokensPerMinute: 8_000 };

export function paceOf(args: { ceiling: number | undefined; announced: number | undefined; cautious: number }): number {
  if (args.announced === undefined) return args.ceiling ?? args.cautious;
  return Math.min(args.announced, args.ceiling ?? Number.POSITIVE_INFINITY);
}
