import { z } from "zod";

// wikigen.config.yaml: every key optional in the file; DEFAULT_CONFIG fills the rest. Units are in
// the key names (ms, bytes, days, usd per million tokens).

const positiveInt = z.number().int().min(1);

/**
 * A per-minute API limit: "account" paces to the limit the API announces in its answers' headers (a
 * cautious start until the first answer); a number is a ceiling the job never exceeds.
 */
const perMinuteLimit = z.union([positiveInt, z.literal("account")], { error: 'expected a whole number >= 1 or "account"' });

export const priceSchema = z.strictObject({
  input_per_mtok: z.number().min(0),
  output_per_mtok: z.number().min(0),
  cache_write_per_mtok: z.number().min(0),
  cache_read_per_mtok: z.number().min(0),
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
});

export type Config = z.infer<typeof configSchema>;

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
  // USD per million tokens, as published for these models on 2026-10; edit in the config file.
  prices: {
    "claude-sonnet-5": { input_per_mtok: 3, output_per_mtok: 15, cache_write_per_mtok: 3.75, cache_read_per_mtok: 0.3 },
    "claude-opus-5": { input_per_mtok: 15, output_per_mtok: 75, cache_write_per_mtok: 18.75, cache_read_per_mtok: 1.5 },
    "claude-haiku-5": { input_per_mtok: 1, output_per_mtok: 5, cache_write_per_mtok: 1.25, cache_read_per_mtok: 0.1 },
  },
};
