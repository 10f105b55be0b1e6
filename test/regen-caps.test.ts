import { describe, expect, it } from "vitest";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFor, editPrompt, GUIDE_V1, sectionOf, SLUG } from "./helpers/regen-fixture.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// Caps stop cleanly between articles and say what is left; a section whose request fails is stored
// as failed (the version is partial, exit 2) and the next regen retries exactly that section.

const SECOND = "second-article";

describe("regen caps and a failing section", () => {
  let isFailing = false;
  const harness = useIntegrationHarness({
    prefix: "wikigen-caps-",
    project: { kind: "regen", guide: GUIDE_V1, slugs: [SLUG, SECOND] },
    fake: {
      responder: (request) => {
        const section = sectionOf(request);
        if (isFailing && section === "key-terms") return { kind: "error", status: 500, message: "injected failure" };
        return answerFor(section);
      },
    },
  });
  const wikigen = (...args: string[]) => harness.wikigen(args);
  const versions = () => {
    const db = harness.openDb();
    const rows = db.prepare("SELECT slug, version, status FROM article_versions ORDER BY id").all();
    db.close();
    return rows;
  };

  it("--max-cost stops after the article that reached it and lists the one left", async () => {
    const run = await wikigen("regen", "--max-cost", "0.000001");
    expect([0, 3]).toContain(run.code);
    expect(run.stdout).toContain(`${SLUG} v1: new article, drafted 14`);
    expect(run.stdout).toContain(`stopped: --max-cost 0.000001 reached; left for the next run: ${SECOND} (new)`);
    expect(versions()).toEqual([{ slug: SLUG, version: 1, status: "done" }]);
    expect(withoutModelReads(harness.fake.requests)).toHaveLength(14);
  });

  it("--max-articles regenerates that many stale articles and leaves the rest for the next run", async () => {
    await wikigen("regen");
    editPrompt(harness.dir, "summary", (text) => text.replace(/^version: 2$/m, "version: 3"));
    const capped = await wikigen("regen", "--max-articles", "1", "--json");
    const outcome = JSON.parse(capped.stdout) as { articles: { slug: string; result: string }[]; left: unknown[]; stopped_by: string };
    expect(outcome.articles).toEqual([expect.objectContaining({ slug: SLUG, result: "regenerated" })]);
    expect(outcome.left).toEqual([{ slug: SECOND, status: "stale" }]);
    expect(outcome.stopped_by).toBe("max_articles");
    const rest = await wikigen("regen");
    expect(rest.stdout).toContain(`${SECOND} v2: drafted 1, carried 13`);
    expect(rest.stdout).toContain(`${SLUG}: up to date (v2)`);
  });

  it("stores a failed section as failed (exit 2), and the next regen retries only that section", async () => {
    editPrompt(harness.dir, "key-terms", (text) => text.replace(/^version: 2$/m, "version: 3"));
    isFailing = true;
    const failed = await wikigen("regen", SLUG);
    expect(failed.code).toBe(2);
    expect(versions().at(-1)).toEqual({ slug: SLUG, version: 3, status: "partial" });
    isFailing = false;
    const plan = await wikigen("plan", SLUG);
    expect(plan.stdout).toContain("redraft  key-terms: v3 draft failed");
    const before = withoutModelReads(harness.fake.requests).length;
    const retried = await wikigen("regen", SLUG);
    expect([0, 3]).toContain(retried.code);
    expect(withoutModelReads(harness.fake.requests).slice(before).map(sectionOf)).toEqual(["key-terms"]);
    expect(versions().at(-1)).toEqual({ slug: SLUG, version: 4, status: "done" });
  });
});
