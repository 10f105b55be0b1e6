import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { withoutModelReads } from "./helpers/fake-models-route.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf } from "./helpers/section-answer.ts";

// Prices through the CLI: a billed model without a price stops a --max-cost run before any request
// and is a visible warning otherwise; 1-hour cache writes and Haiku 5.5's long-context band reach
// the stored cost of each call. claude-mythos-5-1 is an active model in the fake's catalog and,
// deliberately, not in the default price table (the notes give no price for it).

const UNPRICED = "claude-mythos-5-1";
const CONFIG = ["provider:", "  name: anthropic", "  max_retries: 0"];

describe("a billed model without a price", () => {
  const harness = useIntegrationHarness({
    prefix: "wikigen-prices-",
    project: { kind: "article", configLines: CONFIG },
    fake: { responder: (request) => ({ kind: "message", content: answerFromBody(bodyOf(request)), model: UNPRICED }) },
  });

  it("stops generate --max-cost before any request, exit 1, naming the model and how to add its price", async () => {
    const run = await harness.wikigen(["generate", "demo-article", "--model", UNPRICED, "--max-cost", "5"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`prices.${UNPRICED}: no price for model "${UNPRICED}", so --max-cost cannot count what its calls cost; add its USD per million tokens under prices.${UNPRICED} in the config file`);
    expect(harness.fake.requests).toEqual([]);
    expect(existsSync(harness.dbFile)).toBe(false);
  });

  it("stops regen --max-cost the same way", async () => {
    const run = await harness.wikigen(["regen", "demo-article", "--model", UNPRICED, "--max-cost", "5"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no price for model "${UNPRICED}", so --max-cost cannot count`);
    expect(harness.fake.requests).toEqual([]);
  });

  it("without --max-cost, warns once on stderr and runs; the calls are stored at $0", async () => {
    const run = await harness.wikigen(["generate", "demo-article", "--model", UNPRICED]);
    expect(run.stderr.match(/warning: no price for model "claude-mythos-5-1": its calls are recorded at \$0/g)).toHaveLength(1);
    expect(withoutModelReads(harness.fake.requests).length).toBe(14);
    const db = harness.openDb();
    const costs = db.prepare("SELECT DISTINCT cost_usd FROM model_calls").all();
    db.close();
    expect(costs).toEqual([{ cost_usd: 0 }]);
  });
});

describe("1-hour cache writes and a long-context band in the stored cost", () => {
  // 106,000 prompt tokens (input + writes + reads) > 100k: Haiku 5.5's higher band for the whole
  // request ($0.50 in, $2.50 out, $0.625 5-minute and $1 1-hour writes, $0.05 reads per million).
  const USAGE = { input_tokens: 60_000, output_tokens: 2_000, cache_creation_input_tokens: 1_000, ephemeral_1h_input_tokens: 600, cache_read_input_tokens: 45_000 };
  const PER_CALL = (60_000 * 0.5 + 2_000 * 2.5 + 400 * 0.625 + 600 * 1 + 45_000 * 0.05) / 1e6;
  let run: CliRun;
  const harness = useIntegrationHarness({
    prefix: "wikigen-prices-band-",
    project: { kind: "article", configLines: CONFIG },
    // Scripted usage only: the model's own thinking would add output tokens to every call.
    fake: { responder: (request) => ({ kind: "message", content: answerFromBody(bodyOf(request)), model: "claude-haiku-5-5", usage: USAGE }), thinkingTokens: 0 },
  });

  beforeAll(async () => {
    run = await harness.wikigen(["generate", "demo-article", "--model", "claude-haiku-5-5", "--max-cost", "100"]);
  }, 60_000);

  it("prices every call at the band and the 1-hour write rate, with no warning", () => {
    expect([0, 3]).toContain(run.code);
    expect(run.stderr).not.toContain("no price");
    const db = harness.openDb();
    const rows = db.prepare("SELECT cost_usd, cache_write_tokens FROM model_calls").all() as { cost_usd: number; cache_write_tokens: number }[];
    db.close();
    expect(rows).toHaveLength(14);
    for (const row of rows) {
      expect(row.cache_write_tokens).toBe(1_000);
      expect(row.cost_usd).toBeCloseTo(PER_CALL, 12);
    }
  });
});
