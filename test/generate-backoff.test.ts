import { beforeAll, describe, expect, it } from "vitest";
import { createRealisticResponder } from "./helpers/fake-realistic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf, sectionOf } from "./helpers/section-answer.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// The rate limiter through the real SDK: one 429 with retry-after pauses every worker (no request
// reaches the API during the window, although four workers had sections waiting), and a
// requests-per-minute limit the fake enforces is kept without a single 429.

describe("generate: global back-off on 429", () => {
  let run: CliRun;
  let rateLimitedAt = 0;
  let count = 0;
  const harness = useIntegrationHarness({
    prefix: "wikigen-backoff-",
    project: { kind: "article", configLines: ["provider:", "  name: anthropic", "  max_retries: 2"] },
    fake: {
      responder: (request) => {
        count += 1;
        if (count === 3) {
          rateLimitedAt = request.at;
          return { kind: "error", status: 429, headers: { "retry-after": "1" } };
        }
        return { kind: "message", content: answerFromBody(bodyOf(request)), delayMs: 150 };
      },
    },
  });

  beforeAll(async () => {
    run = await harness.wikigen(["generate", "demo-article"]);
  }, 30_000);

  it("sends no request during the retry-after window, then resumes", () => {
    const { fake } = harness;
    expect(run.code).toBe(0);
    const times = withoutModelReads(fake.requests).map((request) => request.at);
    expect(times).toHaveLength(15);
    // Requests already on the wire when the 429 was sent may land a few ms later; none after that.
    const inWindow = times.filter((at) => at > rateLimitedAt + 30 && at < rateLimitedAt + 1000);
    expect(inWindow).toEqual([]);
    // Five were sent before the 429 (the first section alone, then four at once); the other ten after.
    expect(times.filter((at) => at <= rateLimitedAt + 30)).toHaveLength(5);
    expect(times.filter((at) => at >= rateLimitedAt + 1000)).toHaveLength(10);
    // The section that got the 429 was retried by the SDK after the window, as one call of two attempts.
    const retried = withoutModelReads(fake.requests).filter((request) => sectionOf(request) === sectionOf(withoutModelReads(fake.requests)[2] as (typeof fake.requests)[number]));
    expect(retried.map((request) => request.at >= rateLimitedAt + 1000)).toEqual([false, true]);
    const db = harness.openDb();
    const attempts = db.prepare("SELECT attempts FROM model_calls WHERE section_id = ?").all(sectionOf(withoutModelReads(fake.requests)[2] as (typeof fake.requests)[number]));
    db.close();
    expect(attempts).toEqual([{ attempts: 2 }]);
  });
});

describe("generate: requests per minute", () => {
  let run: CliRun;
  const responder = createRealisticResponder({ latencyMs: [20, 60] });
  const harness = useIntegrationHarness({
    prefix: "wikigen-rpm-",
    project: {
      kind: "article",
      slugs: ["article-a", "article-b", "article-c"],
      // The fake allows 600 a minute (10 a second, a bucket of 20); the job is told the same limit.
      configLines: ["provider:", "  name: anthropic", "run:", "  concurrency: 8", "  requests_per_minute: 600", "  input_tokens_per_minute: 100000000", "  output_tokens_per_minute: 100000000"],
    },
    fake: { responder: responder.handle, rateLimits: { requestsPerMinute: 600, inputTokensPerMinute: 100_000_000, outputTokensPerMinute: 100_000_000 } },
  });

  beforeAll(async () => {
    run = await harness.wikigen(["generate", "article-a", "article-b", "article-c"]);
  }, 30_000);

  it("keeps under the limit: no 429, and requests paced at the limit after the first second's bucket", () => {
    expect(run.code).toBe(0);
    expect(harness.fake.rateLimits?.rateLimitedTotal()).toBe(0);
    const times = withoutModelReads(harness.fake.requests).map((request) => request.at).sort((a, b) => a - b);
    expect(times).toHaveLength(42);
    // A bucket of 10 refilled at 10/s admits at most 10 + 10t requests in t seconds, so any 21
    // consecutive requests span at least 1.1 s (less a little network jitter).
    for (let index = 20; index < times.length; index++) expect((times[index] as number) - (times[index - 20] as number)).toBeGreaterThan(1_070);
    // And the limit is used: 42 requests at 10/s after a bucket of 10 need 3.2 s; allow for latency.
    expect((times[41] as number) - (times[0] as number)).toBeLessThan(4_500);
  });
});
