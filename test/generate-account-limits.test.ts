import { beforeAll, describe, expect, it } from "vitest";
import { withoutModelReads } from "./helpers/fake-models-route.ts";
import { createRealisticResponder } from "./helpers/fake-realistic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";

// Pacing from the account's real limits, through the CLI and the real SDK: the fake enforces an
// account's limits and announces them only in its answers' headers. With no limits in the config
// the job starts at the cautious lowest tier (50 requests a minute), adopts the announced limit
// with the first answer and finishes 42 sections with few 429s; at the cautious pace alone they
// would take 50 s, past this file's timeout. A number in the config stays a ceiling below the
// account's limit, and a stale number above it gives way to the limit announced.

const SLUGS = ["article-a", "article-b", "article-c"];
/** The account: 600 requests a minute (10 a second, a two-second bucket); token limits that do not bind. */
const ACCOUNT = { requestsPerMinute: 600, inputTokensPerMinute: 50_000_000, outputTokensPerMinute: 20_000_000 };

interface JobJson {
  rate_limited: number;
  pace: { requests_per_minute: number; input_tokens_per_minute: number; output_tokens_per_minute: number };
  articles: { slug: string; status: string }[];
}

function useAccountJob(prefix: string, runLines: string[]) {
  const realistic = createRealisticResponder({ latencyMs: [20, 60] });
  const job = { run: undefined as CliRun | undefined, json: undefined as JobJson | undefined, firstAnswerSentAt: Number.POSITIVE_INFINITY };
  const harness = useIntegrationHarness({
    prefix,
    project: { kind: "article", slugs: SLUGS, configLines: ["provider:", "  name: anthropic", "run:", "  concurrency: 8", ...runLines] },
    fake: {
      responder: async (request) => {
        const response = await realistic.handle(request);
        // The fake sends an answer after its delay; the earliest is when the first headers go out.
        job.firstAnswerSentAt = Math.min(job.firstAnswerSentAt, request.at + (response.delayMs ?? 0));
        return response;
      },
      rateLimits: ACCOUNT,
    },
  });
  beforeAll(async () => {
    job.run = await harness.wikigen(["generate", ...SLUGS, "--json"]);
    job.json = JSON.parse(job.run.stdout) as JobJson;
  }, 30_000);
  const sectionsDone = (): number => {
    const db = harness.openDb();
    const row = db.prepare("SELECT COUNT(*) AS n FROM sections WHERE status = 'done'").get() as { n: number };
    db.close();
    return row.n;
  };
  return { harness, job, sectionsDone };
}

describe("generate with no limits in the config: paced to the limits the answers announce", () => {
  const { harness, job, sectionsDone } = useAccountJob("wikigen-account-", []);

  it("writes every article with few 429s, at the account's pace", () => {
    expect(job.run?.code).toBe(0);
    expect(job.json?.articles.map((article) => article.status)).toEqual(["done", "done", "done"]);
    expect(sectionsDone()).toBe(42);
    const rateLimited = harness.fake.rateLimits?.rateLimitedTotal() ?? 0;
    expect(rateLimited).toBeLessThanOrEqual(2);
    expect(job.json?.rate_limited).toBe(rateLimited);
    expect(job.json?.pace).toEqual({ requests_per_minute: 600, input_tokens_per_minute: 50_000_000, output_tokens_per_minute: 20_000_000 });
  });

  it("starts cautiously: one request, and the rest only after its answer announced the limits", () => {
    // The model read (GET /v1/models/{id}) goes first and is no Messages request: the account's
    // limits do not count it and its answer announces none. The limits come in the first Messages
    // answer's headers, which a streamed answer sends before its body.
    const times = withoutModelReads(harness.fake.requests).map((request) => request.at).sort((a, b) => a - b);
    // The cautious start's bucket holds one request (and its max_tokens fills the output budget).
    expect(times.filter((at) => at < job.firstAnswerSentAt)).toHaveLength(1);
  });
});

describe("generate with ceilings in the config: the lower of each ceiling and the account's limit", () => {
  const { harness, job, sectionsDone } = useAccountJob("wikigen-ceiling-", ["  requests_per_minute: 3000", "  output_tokens_per_minute: 5000000"]);

  it("paces to the ceiling where it is lower, to the account where a ceiling is stale or absent", () => {
    expect(job.run?.code).toBe(0);
    expect(sectionsDone()).toBe(42);
    expect(harness.fake.rateLimits?.rateLimitedTotal() ?? 0).toBeLessThanOrEqual(2);
    // Requests: the account's 600 (under the stale ceiling of 3,000); output: the ceiling of 5,000,000.
    expect(job.json?.pace).toEqual({ requests_per_minute: 600, input_tokens_per_minute: 50_000_000, output_tokens_per_minute: 5_000_000 });
  });
});
