import type { Config } from "../../config/config-schema.ts";
import type { FetchLimits } from "../../sources/types.ts";

export function fetchLimitsFrom(config: Config): FetchLimits {
  const fetch = config.fetch;
  return {
    connectTimeoutMs: fetch.connect_timeout_ms,
    totalTimeoutMs: fetch.total_timeout_ms,
    maxBytes: fetch.max_bytes,
    maxRedirects: fetch.max_redirects,
    userAgent: fetch.user_agent,
    maxRetries: fetch.max_retries,
    retryBaseDelayMs: fetch.retry_base_delay_ms,
    maxRetryAfterMs: fetch.max_retry_after_ms,
    perHostConcurrency: fetch.per_host_concurrency,
    localRoots: config.paths.local_roots,
  };
}
