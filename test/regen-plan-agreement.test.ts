import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFor, editPrompt, GUIDE_V1, sectionOf, SLUG } from "./helpers/regen-fixture.ts";

// `plan`, `regen --dry-run` and `regen` compose their plan in one function, so a dry run says what the
// run then does. The fixture makes the remote snapshot "old" at once (max_age_days 0): online, the
// plan waits for a re-fetch; offline (--offline), nothing can be re-fetched and it must not.

describe("one regeneration plan for plan, regen --dry-run and regen", () => {
  const harness = useIntegrationHarness({
    prefix: "wikigen-plan-agreement-",
    project: { kind: "regen", guide: GUIDE_V1 },
    fake: { responder: (request) => answerFor(sectionOf(request)) },
  });
  const wikigen = (...args: string[]) => harness.wikigen(args);
  const json = async (...args: string[]): Promise<unknown> => {
    const run = await wikigen(...args);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as unknown;
  };
  const storedPlanOf = (runId: number): unknown => {
    const db = harness.openDb();
    const row = db.prepare("SELECT plan FROM regen_runs WHERE run_id = ?").get(runId) as { plan: string };
    db.close();
    return JSON.parse(row.plan) as unknown;
  };

  beforeAll(async () => {
    const config = path.join(harness.dir, "wikigen.config.yaml");
    writeFileSync(config, `${readFileSync(config, "utf8")}fetch:\n  max_age_days: 0\n`);
    const first = await wikigen("generate", SLUG);
    expect(first.code, first.stderr).not.toBe(1);
    editPrompt(harness.dir, "evidence-base", (text) => text.replace(/^version: (\d+)$/m, (_line, version: string) => `version: ${Number(version) + 1}`));
  });

  it("plan and regen --dry-run give the same plan, online and offline", async () => {
    const online = await json("plan", "--json");
    expect((await json("regen", "--dry-run", "--json")) as { plan: unknown }).toEqual({ dry_run: true, plan: online });
    const offline = await json("plan", "--offline", "--json");
    expect((await json("regen", "--dry-run", "--offline", "--json")) as { plan: unknown }).toEqual({ dry_run: true, plan: offline });
    // The age limit matters online only: there the remote source waits for a re-fetch.
    const refetchOf = (plan: unknown) => (plan as { articles: { refetch: { source: number }[] }[] }).articles.map((article) => article.refetch.map((refetch) => refetch.source));
    expect(refetchOf(online)).toEqual([[3]]);
    expect(refetchOf(offline)).toEqual([[]]);
    expect(offline).toMatchObject({ articles: [{ slug: SLUG, status: "stale" }] });
  });

  it("regen --offline carries out the plan regen --dry-run --offline printed", async () => {
    const { plan } = (await json("regen", "--dry-run", "--offline", "--json")) as { plan: unknown };
    const hitsBefore = harness.page.hits();
    const run = await wikigen("regen", "--offline", "--json");
    expect(run.code, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout) as { run_id: number; articles: { slug: string; result: string; redrafted: { section: string }[] }[] };
    expect(storedPlanOf(outcome.run_id)).toEqual(plan);
    expect(outcome.articles).toMatchObject([{ slug: SLUG, result: "regenerated", redrafted: [{ section: "evidence-base" }] }]);
    expect(harness.page.hits()).toBe(hitsBefore);
  });
});
