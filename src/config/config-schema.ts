import { z } from "zod";

// wikigen.config.yaml: every key optional in the file; DEFAULT_CONFIG fills the rest. Units are in
// the key names (ms, bytes, days, usd per million tokens).

const positiveInt = z.number().int().min(1);

/**
 * A per-minute API limit: "account" paces to the limit the API announces in its answers' headers (a
 * cautious start until the first answer); a number is a ceiling the job never exceeds.
 */
const perMinuteLimit = z.union([positiveInt, z.literal("account")], { error: 'expected a whole number >= 1 or "account"' });

const priceRates = {
  input_per_mtok: z.number().min(0),
  output_per_mtok: z.number().min(0),
  /** Cache writes with the default 5-minute TTL. */
  cache_write_per_mtok: z.number().min(0),
  /** Cache writes with the 1-hour TTL. */
  cache_write_1h_per_mtok: z.number().min(0),
  cache_read_per_mtok: z.number().min(0),
};

export const priceSchema = z.strictObject({
  ...priceRates,
  /** A prompt (input + cache writes + cache reads) above this many tokens bills the whole request at these rates. */
  long_context: z.strictObject({ above_input_tokens: positiveInt, ...priceRates }).optional(),
  /** When and where the price was read, shown in the README's table. */
  as_of: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
});

export const configSchema = z.strictObject({
  paths: z.strictObject({
    articles: z.string().min(1),
    prompts: z.string().min(1),
    sources: z.string().min(1),
    output: z.string().min(1),
    db: z.string().min(1),
    /**
     * Folders that file: sources and check's source_file may be read from. Relative entries resolve
     * against the project root: the folder of the --config file, else the working directory.
     */
    local_roots: z.array(z.string().min(1)),
  }),
  fetch: z.strictObject({
    connect_timeout_ms: positiveInt,
    total_timeout_ms: positiveInt,
    max_bytes: positiveInt,
    max_redirects: z.number().int().min(0),
    user_agent: z.string().min(1),
    max_retries: z.number().int().min(0).max(10),
    retry_base_delay_ms: z.number().int().min(0),
    max_retry_after_ms: z.number().int().min(0),
    per_host_concurrency: positiveInt,
    max_age_days: z.number().min(0),
  }),
  provider: z.strictObject({
    name: z.enum(["extractive", "anthropic"]),
    model: z.string().min(1),
    /** output_config.effort; sent only to a model that takes it (the preflight refuses a level the model lacks). */
    effort: z.enum(["low", "medium", "high", "xhigh", "max"]),
    base_url: z.string().url().optional(),
    max_tokens: positiveInt,
    /**
     * The longest silence from the API, not the longest answer: per HTTP attempt until a response
     * begins, then between two chunks of a streamed answer (src/providers/anthropic-stream.ts).
     */
    timeout_ms: positiveInt,
    max_retries: z.number().int().min(0).max(10),
    /** cache_control on the block shared by an article's sections (off only to measure what caching saves). */
    prompt_caching: z.boolean(),
  }),
  verifier: z.strictObject({
    name: z.enum(["offline", "llm", "cascade"]),
    /** Offline scores inside [low, high] go to the judge in the cascade. */
    // The low <= high rule sits on the tuple, not on the whole config: zod skips an object's
    // refinements when any of its fields fails, so a rule up there vanished among other errors.
    cascade_band: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .refine(([low, high]) => low <= high, { message: "expected [low, high] with low <= high" }),
    /** max_tokens of a judge call: the answer plus any thinking (which counts against it). */
    judge_max_tokens: positiveInt,
  }),
  drafting: z.strictObject({
    /** Tokens of source passages in the block shared (and cached) by all sections of an article. */
    source_token_budget: positiveInt,
    /** Tokens of passages pointed out to one section as most relevant. */
    section_token_budget: positiveInt,
  }),
  run: z.strictObject({
    /** Sections in progress at once across a job. */
    concurrency: positiveInt,
    /** The organisation's API limits; every HTTP attempt (SDK retries included) counts against them. */
    requests_per_minute: perMinuteLimit,
    input_tokens_per_minute: perMinuteLimit,
    output_tokens_per_minute: perMinuteLimit,
    /** Longest global pause a 429's retry-after may impose; a longer one is cut to this. */
    max_retry_after_ms: positiveInt,
    /** Plain progress lines on stderr when it is not a terminal, every this many ms. */
    progress_interval_ms: positiveInt,
  }),
  batch: z.strictObject({
    /** Price multiplier of Message Batches usage (the API bills batches at half price as of 2026-10). */
    cost_multiplier: z.number().min(0).max(1),
    /** API limits per batch: requests and bytes of the create body. */
    max_requests: z.number().int().min(1).max(100_000),
    max_bytes: z.number().int().min(1_000).max(256_000_000),
    /** Polling backoff: first wait, doubled after each poll up to the maximum. */
    poll_initial_ms: positiveInt,
    poll_max_ms: positiveInt,
  }),
  prices: z.record(z.string(), priceSchema),
  /** `wikigen site`: the wiki's name in every page header, and its public address (--base-url). */
  site: z.strictObject({
    title: z.string().trim().min(1),
    base_url: z.string().min(1).optional(),
  }),
  /** `wikigen review`: logins of the team desk (src/review/auth-*.ts). */
  review: z.strictObject({
    /** A logged-in session ends after this many minutes without a request. */
    session_ttl_minutes: positiveInt,
    /** Failed logins allowed per account and per client address within the window, before a lockout. */
    login_failures_per_account: positiveInt,
    login_failures_per_address: positiveInt,
    login_window_minutes: positiveInt,
    /** Believe X-Forwarded-For/-Proto/-Host (only behind a reverse proxy that sets them). */
    trust_proxy: z.boolean(),
    /** host[:port] names the server may be addressed as besides loopback (e.g. the proxy's public name). */
    allowed_hosts: z.array(z.string().min(1)),
  }),
  /** SMTP for mails to readers who suggest revisions; without a host, mails wait in the outbox. */
  mail: z.strictObject({
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65_535),
    /** TLS from the first byte (port 465); false upgrades with STARTTLS when the server offers it. */
    secure: z.boolean(),
    user: z.string().min(1).optional(),
    from: z.string().min(1),
    /** A secret is never config: refused here, read from WIKIGEN_SMTP_PASSWORD only. */
    password: z.custom<never>(() => false, { message: "the SMTP password is not read from the config file; remove it and set WIKIGEN_SMTP_PASSWORD in the environment" }).optional(),
  }),
});

export type Config = z.infer<typeof configSchema>;

const PRICING_PAGE = "platform.claude.com pricing and model pages";
const rates = (input: number, output: number, write5m: number, write1h: number, read: number) => ({
  input_per_mtok: input,
  output_per_mtok: output,
  cache_write_per_mtok: write5m,
  cache_write_1h_per_mtok: write1h,
  cache_read_per_mtok: read,
});
const opus4 = { ...rates(5, 25, 6.25, 10, 0.5), as_of: "2026-11", source: PRICING_PAGE };

export const DEFAULT_PRICES: Config["prices"] = {
  "claude-fable-5-2": { ...rates(8, 40, 10, 16, 0.2), as_of: "2026-11", source: `${PRICING_PAGE}; cache read 2nd-hand (rightsize v0.10.2)` },
  "claude-opus-5-5": { ...rates(4, 20, 5, 8, 0.2), as_of: "2026-11", source: PRICING_PAGE },
  // The cache read price fell from $0.20 to $0.10 on 2026-10-07 (2nd-hand for the date).
  "claude-sonnet-5-5": { ...rates(2, 10, 2.5, 4, 0.1), as_of: "2026-11", source: PRICING_PAGE },
  // Above 100k prompt tokens the whole request is billed at the higher band (2nd-hand).
  "claude-haiku-5-5": {
    ...rates(0.1, 0.5, 0.125, 0.2, 0.01),
    long_context: { above_input_tokens: 100_000, ...rates(0.5, 2.5, 0.625, 1, 0.05) },
    as_of: "2026-11",
    source: `${PRICING_PAGE}; cache read and long-context band 2nd-hand`,
  },
  "claude-fable-5-1": { ...rates(10, 50, 12.5, 20, 0.25), as_of: "2026-11", source: PRICING_PAGE },
  "claude-opus-5": { ...rates(5, 25, 6.25, 10, 0.5), as_of: "2026-11", source: PRICING_PAGE },
  "claude-sonnet-5": { ...rates(2, 10, 2.5, 4, 0.2), as_of: "2026-11", source: PRICING_PAGE },
  "claude-opus-4-8": opus4,
  "claude-opus-4-7": opus4,
  "claude-opus-4-6": opus4,
  "claude-opus-4-5": opus4,
  "claude-haiku-4-5": { ...rates(1, 5, 1.25, 2, 0.1), as_of: "2026-11", source: PRICING_PAGE },
};

export const DEFAULT_CONFIG: Config = {
  paths: { articles: "articles", prompts: "prompts", sources: "sources", output: "output", db: "runs.db", local_roots: ["."] },
  fetch: {
    connect_timeout_ms: 10_000,
    total_timeout_ms: 30_000,
    max_bytes: 20_000_000,
    max_redirects: 5,
    user_agent: "wikigen/0.1 (+clinical wiki source snapshotter)",
    max_retries: 3,
    retry_base_delay_ms: 500,
    max_retry_after_ms: 60_000,
    per_host_concurrency: 2,
    max_age_days: 30,
  },
  provider: {
    name: "extractive",
    model: "claude-sonnet-5-5",
    effort: "medium",
    max_tokens: 8_000,
    timeout_ms: 120_000,
    max_retries: 2,
    prompt_caching: true,
  },
  verifier: { name: "offline", cascade_band: [0.35, 0.65], judge_max_tokens: 8_000 },
  drafting: { source_token_budget: 24_000, section_token_budget: 3_000 },
  // Paced to the account's limits as the API announces them (src/pacing/pace.ts); a number in the
  // config file is a ceiling below them.
  run: {
    concurrency: 4,
    requests_per_minute: "account",
    input_tokens_per_minute: "account",
    output_tokens_per_minute: "account",
    max_retry_after_ms: 60_000,
    progress_interval_ms: 10_000,
  },
  // 100,000 requests or 256 MB per batch, whichever comes first (Message Batches API, 2026-10).
  batch: { cost_multiplier: 0.5, max_requests: 100_000, max_bytes: 256_000_000, poll_initial_ms: 5_000, poll_max_ms: 60_000 },
  // USD per million tokens, list prices as of 2026-11 (../shared/anthropic-api-notes.md §8: the
  // platform.claude.com model and pricing pages as stored 2026-09..11; entries marked "2nd-hand" rest
  // on third-party copies of those pages). A config file overrides any field of an entry, or adds a
  // model; a billed model without an entry is refused under --max-cost and warned about otherwise.
  prices: DEFAULT_PRICES,
  site: { title: "wikigen clinical wiki" },
  review: { session_ttl_minutes: 480, login_failures_per_account: 5, login_failures_per_address: 20, login_window_minutes: 15, trust_proxy: false, allowed_hosts: [] },
  mail: { port: 587, secure: false, from: "wikigen <wikigen@localhost>" },
};
