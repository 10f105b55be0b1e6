import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SectionOutput } from "../src/domain/claims.ts";
import type { RegenPlan } from "../src/regen/fingerprints.ts";
import { SOURCE_ONE } from "./helpers/article-fixture.ts";
import type { FakeResponse, RecordedRequest } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFor, bumpPromptVersion, GUIDE_V1, SLUG, startPageServer, type PageServer } from "./helpers/regen-fixture.ts";
import { asAnswer, bodyOf, offeredSentences, sectionOf } from "./helpers/section-answer.ts";

// A source a reader's approved revision added stays part of the article: the spec on disk does not
// list it, yet `plan` shows nothing stale because of it (and says it is carried), and a regen after a
// prompt bump (or a generate) redrafts the section with the reader's source offered, cited and listed. Listing the
// URL under drop_reader_sources in the spec drops it. Through the CLI, with the fake Messages API as
// drafter and a local page server as the reader's source.

const READER_SOURCE = [
  "Supervision circles in community clinics meet monthly and rotate the role of facilitator among members.",
  "Regular peer consultation meetings help newer clinicians move from peripheral roles toward full participation in the practice.",
];
const READER_SENTENCE = READER_SOURCE[1] as string;
const SUMMARY_ANCHOR = SOURCE_ONE[1] as string;

/** The summary quotes the reader's source (number 4) whenever the request offers it, as a model would. */
function respond(request: RecordedRequest, summaryRequests: RecordedRequest[]): FakeResponse {
  const section = sectionOf(request);
  if (section !== "summary") return answerFor(section);
  summaryRequests.push(request);
  const isReaderOffered = offeredSentences(bodyOf(request)).some(([source]) => source === 4);
  const claims = [
    { text: SUMMARY_ANCHOR, basis: "source", citations: [{ source: 1, quote: SUMMARY_ANCHOR }] },
    ...(isReaderOffered ? [{ text: READER_SENTENCE, basis: "source", citations: [{ source: 4, quote: READER_SENTENCE }] }] : []),
  ];
  return { kind: "message", content: asAnswer(section, { blocks: [{ kind: "paragraph", claims }] } as SectionOutput) };
}

type Row = Record<string, unknown>;

describe("a reader's approved source in later versions (fake Messages API)", () => {
  const summaryRequests: RecordedRequest[] = [];
  const harness = useIntegrationHarness({
    prefix: "wikigen-revisions-regen-",
    project: { kind: "regen", guide: GUIDE_V1 },
    fake: { responder: (request) => respond(request, summaryRequests) },
  });
  let reader: PageServer;
  const specFile = () => path.join(harness.dir, "articles", `${SLUG}.yaml`);

  const summaryOf = (version: number): Row[] => {
    const db = harness.openDb();
    try {
      return db
        .prepare(
          `SELECT c.text, ci.source_number, (SELECT vd.verdict FROM verdicts vd WHERE vd.claim_id = c.id ORDER BY vd.id DESC LIMIT 1) AS verdict
           FROM claims c JOIN sections s ON s.id = c.section_row_id
           JOIN article_versions v ON v.id = s.article_version_id LEFT JOIN citations ci ON ci.claim_id = c.id
           WHERE v.slug = ? AND v.version = ? AND s.section_id = 'summary' ORDER BY c.block_index, c.claim_index`,
        )
        .all(SLUG, version) as Row[];
    } finally {
      db.close();
    }
  };
  const sourcesOf = (version: number): Row[] => {
    const db = harness.openDb();
    try {
      return db
        .prepare(`SELECT s.source_number, s.url, s.tier, s.error FROM article_sources s JOIN article_versions v ON v.id = s.article_version_id WHERE v.slug = ? AND v.version = ? ORDER BY s.source_number`)
        .all(SLUG, version) as Row[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    reader = harness.adopt(await startPageServer(READER_SOURCE));
    expect([0, 3]).toContain((await harness.wikigen(["generate", SLUG])).code);
    const suggestion = { article: SLUG, section: "summary", change: "Add that regular peer consultation helps newer clinicians reach full participation.", sources: [reader.url], email: "reader@example.org", credit: "anonymous" };
    writeFileSync(path.join(harness.dir, "suggestions.jsonl"), `${JSON.stringify(suggestion)}\n`);
    expect((await harness.wikigen(["suggest", "--file", "suggestions.jsonl"])).code).toBe(0);
    const drafted = await harness.wikigen(["revisions", "draft", "1"]);
    expect(drafted.stdout).toMatch(/suggestion #1: drafted, 2 sentence\(s\), 0 flagged/);
    const approved = await harness.wikigen(["revisions", "approve", "1", "--reviewer", "rev-a"]);
    expect(approved.stdout).toContain(`suggestion #1: approved; ${SLUG} version 2 stored (trigger revision)`);
  }, 120_000);

  it("plans nothing stale because of the reader's source, and says it is carried", async () => {
    expect(summaryOf(2).filter((claim) => claim.source_number === 4)).toEqual([{ text: READER_SENTENCE, source_number: 4, verdict: "supported" }]);
    const json = JSON.parse((await harness.wikigen(["plan", "--offline", "--json"])).stdout) as RegenPlan;
    const article = json.articles[0];
    expect(article?.status).toBe("up_to_date");
    expect(article?.reasons).toEqual([]);
    expect(article?.notes).toEqual([`source 4 (${reader.url}) added by reader revision #1 (v2) is carried: ${SLUG}.yaml does not list it`]);
    const text = (await harness.wikigen(["plan", "--offline"])).stdout;
    expect(text).toContain(`${SLUG}: up to date (stored v2)\n  note: source 4 (${reader.url}) added by reader revision #1 (v2) is carried`);
  });

  it("redrafts the revised section after a prompt bump with the reader's source offered, cited and listed", async () => {
    bumpPromptVersion(harness.dir, "summary");
    const plan = JSON.parse((await harness.wikigen(["plan", "--offline", "--json"])).stdout) as RegenPlan;
    expect(plan.articles[0]?.sections.filter((section) => section.action !== "keep").map((section) => section.sectionId)).toEqual(["summary"]);
    const before = summaryRequests.length;
    const run = await harness.wikigen(["regen", "--offline"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("1 section(s) to draft, 13 to carry over");
    expect(summaryRequests.length).toBe(before + 1);
    expect(offeredSentences(bodyOf(summaryRequests.at(-1) as RecordedRequest)).some(([source]) => source === 4)).toBe(true);
    expect(summaryOf(3)).toEqual([
      { text: SUMMARY_ANCHOR, source_number: 1, verdict: "supported" },
      { text: READER_SENTENCE, source_number: 4, verdict: "supported" },
    ]);
    expect(sourcesOf(3).map((source) => [source.source_number, source.url, source.tier, source.error])).toEqual([
      ...sourcesOf(1).map((source) => [source.source_number, source.url, source.tier, source.error]),
      [4, reader.url, "T3", null],
    ]);
    const html = readFileSync(path.join(harness.dir, "output", SLUG, "index.html"), "utf8");
    expect(html).toContain(reader.url);
    // Nothing left to do: the carried source is no change.
    const after = JSON.parse((await harness.wikigen(["plan", "--offline", "--json"])).stdout) as RegenPlan;
    expect(after.articles[0]?.status).toBe("up_to_date");
  }, 120_000);

  it("generate, which redrafts every section, keeps the reader's source too", async () => {
    const run = await harness.wikigen(["generate", SLUG, "--offline"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${SLUG}: source 4 (${reader.url}) added by reader revision #1 (v2) is carried`);
    expect(summaryOf(4)).toEqual(summaryOf(3));
    expect(sourcesOf(4)).toEqual(sourcesOf(3));
  }, 120_000);

  it("lists a URL the team adopts once, and drops one the team lists under drop_reader_sources", async () => {
    const original = readFileSync(specFile(), "utf8");
    // The team adopts the reader's source under its own number and title: listed once, as written.
    writeFileSync(specFile(), original.replace("sources:\n", `sources:\n  - number: 9\n    url: ${JSON.stringify(reader.url)}\n    title: "Supervision circles guide"\n    tier: T2\n`));
    const adopted = JSON.parse((await harness.wikigen(["plan", "--offline", "--json"])).stdout) as RegenPlan;
    expect(adopted.articles[0]?.notes ?? []).toEqual([]);
    expect(adopted.articles[0]?.reasons).toEqual(["spec edited without a version bump (spec_version 1)"]);
    expect((await harness.wikigen(["regen", "--offline"])).code).toBe(0);
    expect(sourcesOf(5).filter((source) => source.url === reader.url).map((source) => [source.source_number, source.tier])).toEqual([[9, "T2"]]);

    // The team drops it instead: every section is redrafted without it.
    writeFileSync(specFile(), original);
    appendFileSync(specFile(), `drop_reader_sources:\n  - ${JSON.stringify(reader.url)}\n`);
    const dropped = JSON.parse((await harness.wikigen(["plan", "--offline", "--json"])).stdout) as RegenPlan;
    expect(dropped.articles[0]?.notes).toEqual([`source 4 (${reader.url}) added by reader revision #1 (v2) is dropped: listed under drop_reader_sources`]);
    expect(dropped.articles[0]?.status).toBe("stale");
    const run = await harness.wikigen(["regen", "--offline"]);
    expect(run.code).toBe(0);
    expect(sourcesOf(6).map((source) => source.source_number)).toEqual([1, 2, 3]);
    expect(summaryOf(6)).toEqual([{ text: SUMMARY_ANCHOR, source_number: 1, verdict: "supported" }]);
  }, 120_000);
});
