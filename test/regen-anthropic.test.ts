import Database from "better-sqlite3";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { VersionDiff } from "../src/regen/diff-versions.ts";
import type { RegenPlan } from "../src/regen/fingerprints.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFor, bumpPromptVersion, editPrompt, GUIDE_V2, GUIDE_V1, sectionOf, SLUG } from "./helpers/regen-fixture.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// Regeneration end to end through the real SDK against the fake Messages API: generate, bump one
// prompt, regen (only that section is asked for; the rest is carried over byte for byte), diff, a
// second regen (nothing), then a changed source page (only the sections that used it).

type Row = Record<string, unknown>;

describe("regen after a prompt bump and a source change (fake Messages API)", () => {
  let round = 1;
  let evidenceBump = { from: 0, to: 0 };
  const harness = useIntegrationHarness({
    prefix: "wikigen-regen-",
    project: { kind: "regen", guide: GUIDE_V1 },
    fake: { responder: (request) => answerFor(sectionOf(request), round) },
  });
  const wikigen = (...args: string[]) => harness.wikigen(args);
  const open = () => harness.openDb();
  const newRequests = async (action: () => Promise<unknown>) => {
    const before = withoutModelReads(harness.fake.requests).length;
    await action();
    return withoutModelReads(harness.fake.requests).slice(before).map(sectionOf).sort();
  };

  beforeAll(async () => {
    const generated = await wikigen("generate", SLUG);
    expect([0, 3]).toContain(generated.code);
    expect(withoutModelReads(harness.fake.requests)).toHaveLength(14);
  });

  it("plans a redraft of exactly the section whose prompt version was bumped", async () => {
    evidenceBump = bumpPromptVersion(harness.dir, "evidence-base");
    const run = await wikigen("plan", "--json");
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as RegenPlan;
    expect(plan.articles).toHaveLength(1);
    const article = plan.articles[0];
    expect(article?.status).toBe("stale");
    expect(article?.sections.filter((section) => section.action !== "keep").map((section) => [section.sectionId, section.action, section.reasons])).toEqual([
      ["evidence-base", "redraft", [`prompt evidence-base ${evidenceBump.from} -> ${evidenceBump.to}`]],
    ]);
    expect(existsSync(path.join(harness.dir, "output", SLUG, "article.json"))).toBe(true);
  });

  it("regen sends only that section's request, carries the other sections' rows byte for byte, stores v2 and renders it", async () => {
    round = 2;
    let code = -1;
    const sent = await newRequests(async () => ({ code } = await wikigen("regen")));
    expect([0, 3]).toContain(code);
    expect(sent).toEqual(["evidence-base"]);

    const db = open();
    const versions = db.prepare("SELECT av.id, av.version, av.status, r.trigger FROM article_versions av JOIN runs r ON r.id = av.run_id ORDER BY av.version").all() as Row[];
    expect(versions.map((row) => [row.version, row.status, row.trigger])).toEqual([
      [1, "done", "manual"],
      [2, "done", "regen"],
    ]);
    const sections = db.prepare("SELECT id, section_id, reused_from, article_version_id, prompt_version FROM sections ORDER BY id").all() as Row[];
    const v1 = new Map(sections.filter((row) => row.article_version_id === versions[0]?.id).map((row) => [row.section_id, row]));
    const v2 = sections.filter((row) => row.article_version_id === versions[1]?.id);
    expect(v2).toHaveLength(14);
    for (const row of v2) {
      const old = v1.get(row.section_id);
      if (row.section_id === "evidence-base") {
        expect(row).toMatchObject({ reused_from: null, prompt_version: evidenceBump.to });
        continue;
      }
      expect(row.reused_from).toBe(old?.id);
      expect(contentOf(db, Number(row.id))).toEqual(contentOf(db, Number(old?.id)));
    }
    const regenRun = db.prepare("SELECT trigger, plan, outcome FROM regen_runs").get() as { trigger: string; plan: string; outcome: string };
    expect(regenRun.trigger).toBe("regen");
    expect((JSON.parse(regenRun.plan) as RegenPlan).articles[0]?.sections.find((section) => section.action === "redraft")?.sectionId).toBe("evidence-base");
    expect(JSON.parse(regenRun.outcome)).toMatchObject({ articles: [{ slug: SLUG, result: "regenerated", version: 2 }], left: [], stopped_by: null });
    db.close();
    const rendered = JSON.parse(readFileSync(path.join(harness.dir, "output", SLUG, "article.json"), "utf8")) as { version: number };
    expect(rendered.version).toBe(2);
  });

  it("diff reports the redrafted section, why, and its claim-level changes", async () => {
    const run = await wikigen("diff", SLUG, "--json");
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout) as VersionDiff;
    expect([diff.from, diff.to]).toEqual([1, 2]);
    const changed = diff.sections.filter((section) => section.change !== "unchanged");
    const bumped = `prompt evidence-base ${evidenceBump.from} -> ${evidenceBump.to}`;
    expect(changed.map((section) => [section.sectionId, section.change, section.reasons])).toEqual([["evidence-base", "redrafted", [bumped]]]);
    const evidence = changed[0];
    expect(evidence?.reworded.map((change) => [change.before.text, change.after.text])).toEqual([
      ["Evidence that communities of practice improve patient outcomes remains limited.", "Evidence that communities of practice improve patient outcomes is still limited."],
    ]);
    expect(evidence?.added.map((claim) => claim.text)).toEqual(["A 2009 systematic review found that definitions in health care varied widely."]);
    // Evidence Base accepts only sourced sentences, so round 1 wrote no model-written one there.
    expect(evidence?.removed.map((claim) => claim.text)).toEqual(["Jean Lave and Etienne Wenger introduced the term in 1991."]);
    const text = await wikigen("diff", SLUG, "1", "2");
    expect(text.stdout).toContain(`evidence-base: redrafted (${bumped})`);
  });

  it("a second regen right after sends nothing and stores nothing", async () => {
    let stdout = "";
    const sent = await newRequests(async () => ({ stdout } = await wikigen("regen")));
    expect(sent).toEqual([]);
    expect(stdout).toContain("nothing to regenerate");
    const db = open();
    expect(db.prepare("SELECT COUNT(*) AS n FROM article_versions").get()).toEqual({ n: 2 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM regen_runs").get()).toEqual({ n: 2 });
    db.close();
    const history = await wikigen("history", SLUG, "--json");
    const versions = (JSON.parse(history.stdout) as { versions: Row[] }).versions;
    expect(versions.map((row) => [row.version, row.trigger, row.drafted, row.carried, row.model_reported])).toEqual([
      [1, "manual", 14, 0, "claude-sonnet-5-5"],
      [2, "regen", 1, 13, "claude-sonnet-5-5"],
    ]);
  });

  it("warns about a prompt edited without a version bump, and regenerates nothing for it", async () => {
    let version = "";
    editPrompt(harness.dir, "summary", (text) => {
      version = /^version: (\d+)$/m.exec(text)?.[1] ?? "";
      return `${text}\nKeep it short.\n`;
    });
    const plan = await wikigen("plan");
    expect(plan.stdout).toContain(`warning: prompt summary changed without a version bump (still version ${version})`);
    expect(plan.stdout).toContain(`${SLUG}: up to date (stored v2)`);
    expect(await newRequests(() => wikigen("regen"))).toEqual([]);
  });

  it("after the source page changed, re-fetches it and redrafts only the sections that used it", async () => {
    const db = open();
    const v2Sections = db.prepare("SELECT section_id, snapshot_hashes FROM sections WHERE article_version_id = (SELECT id FROM article_versions WHERE version = 2)").all() as { section_id: string; snapshot_hashes: string }[];
    db.close();
    const usedGuide = v2Sections.filter((row) => "3" in (JSON.parse(row.snapshot_hashes) as Record<string, string>)).map((row) => row.section_id).sort();
    expect(usedGuide).toContain("training-certification");
    expect(usedGuide.length).toBeLessThan(14);

    const { page } = harness;
    page.setParagraphs(GUIDE_V2);
    ageFetches(harness.dbFile, page.url, 40);
    const plan = JSON.parse((await wikigen("plan", "--json")).stdout) as RegenPlan;
    expect(plan.articles[0]?.status).toBe("refetch");
    expect(plan.articles[0]?.refetch).toEqual([{ source: 3, url: page.url, reason: "source 3 snapshot older than 30 days: re-fetch", sections: usedGuide.slice().sort(byTemplateOrder(v2Sections)) }]);

    const hits = page.hits();
    const sent = await newRequests(() => wikigen("regen"));
    expect(page.hits()).toBe(hits + 1);
    expect(sent).toEqual(usedGuide);
    const after = open();
    const v3 = after.prepare("SELECT section_id, reused_from FROM sections WHERE article_version_id = (SELECT id FROM article_versions WHERE version = 3)").all() as Row[];
    expect(v3.filter((row) => row.reused_from === null).map((row) => row.section_id).sort()).toEqual(usedGuide);
    expect(after.prepare("SELECT COUNT(*) AS n FROM article_versions").get()).toEqual({ n: 3 });
    after.close();
    const diff = JSON.parse((await wikigen("diff", SLUG, "--json")).stdout) as VersionDiff;
    expect(diff.sections.filter((section) => section.change === "redrafted").map((section) => section.reasons)).toEqual(usedGuide.map(() => ["source 3 content changed"]));
  });

  it("a re-fetched page whose text did not change makes nothing stale", async () => {
    const { page } = harness;
    ageFetches(harness.dbFile, page.url, 40);
    const hits = page.hits();
    let stdout = "";
    const sent = await newRequests(async () => ({ stdout } = await wikigen("regen")));
    expect(page.hits()).toBe(hits + 1);
    expect(sent).toEqual([]);
    expect(stdout).toContain(`${SLUG}: sources re-read, nothing changed (v3)`);
    const db = open();
    expect(db.prepare("SELECT COUNT(*) AS n FROM article_versions").get()).toEqual({ n: 3 });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.prepare("SELECT COUNT(*) AS n FROM leases").get()).toEqual({ n: 0 });
    db.close();
  });
});

/** Claims, citations and verdicts of one section row, without the ids that tie them to it. */
function contentOf(db: Database.Database, sectionRowId: number): unknown {
  const claims = db.prepare("SELECT * FROM claims WHERE section_row_id = ? ORDER BY block_index, claim_index").all(sectionRowId) as Row[];
  return claims.map(({ id, section_row_id: _section, ...claim }) => ({
    ...claim,
    citations: (db.prepare("SELECT * FROM citations WHERE claim_id = ? ORDER BY citation_index").all(id) as Row[]).map(({ id: _id, claim_id: _claim, ...citation }) => citation),
    verdicts: (db.prepare("SELECT v.*, ci.citation_index FROM verdicts v LEFT JOIN citations ci ON ci.id = v.citation_id WHERE v.claim_id = ? ORDER BY v.id").all(id) as Row[]).map(
      ({ id: _id, claim_id: _claim, citation_id: _citation, ...verdict }) => verdict,
    ),
  }));
}

/** Makes every fetch of a URL look `days` old, as if that much time had passed since. */
function ageFetches(dbFile: string, url: string, days: number): void {
  const db = new Database(dbFile);
  db.prepare("UPDATE fetches SET fetched_at = ? WHERE url = ?").run(new Date(Date.now() - days * 86_400_000).toISOString(), url);
  db.close();
}

function byTemplateOrder(rows: { section_id: string }[]): (a: string, b: string) => number {
  const order = rows.map((row) => row.section_id);
  return (a, b) => order.indexOf(a) - order.indexOf(b);
}
