import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { parse as parseYaml } from "yaml";
import { FAKE_MODEL, type FakeResponse, type RecordedRequest } from "./helpers/fake-anthropic.ts";
import { REPO_PROMPTS, testPriceLines } from "./helpers/article-fixture.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";
import { startIntegrationHarness, useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, asAnswer, bodyOf, sectionOf } from "./helpers/section-answer.ts";

// Every template through the real SDK against the fake Messages API: the request for a section
// carries the section's retrieval queries (built from the spec), what the template's other sections
// cover, and the block kinds it may write; a section whose sources hold nothing ends as
// no_source_material (stored, rendered as such in HTML, Markdown and JSON), also when it says so in
// a repair round, and never gets a repair that asks it to write prose anyway.

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "templates");

interface PromptMeta {
  id: string;
  title: string;
  block_kinds: string[];
  purpose: string;
  spec_terms?: string[];
  covers: string;
}

function promptMeta(sectionId: string): PromptMeta {
  const text = readFileSync(path.join(REPO_PROMPTS, "sections", `${sectionId}.md`), "utf8");
  return parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "") as PromptMeta;
}

function templateSections(templateId: string): string[] {
  return (parseYaml(readFileSync(path.join(REPO_PROMPTS, "templates", `${templateId}.yaml`), "utf8")) as { sections: string[] }).sections;
}

/** The articles of the run: slug, template, the spec's topic and metadata, the section checked for its queries and the one with no material. */
const ARTICLES = [
  {
    slug: "demo-article",
    title: "Communities of Practice for Clinicians",
    template: "clinical-theory",
    topic: "communities of practice in clinical training and supervision",
    queried: { section: "type-discipline", values: ["Theory", "Education", "Psychology"] },
    noMaterial: "training-certification",
  },
  {
    slug: "behavioural-activation",
    title: "Behavioural Activation for Depression",
    template: "psychotherapy",
    topic: "behavioural activation, a structured psychotherapy for depression",
    queried: { section: "creators-lineage", values: ["Peter Lewinsohn", "Neil Jacobson", "Christopher Martell"] },
    noMaterial: "fidelity-training",
  },
  {
    slug: "phq-9",
    title: "Patient Health Questionnaire-9 (PHQ-9)",
    template: "assessment-instrument",
    topic: "the PHQ-9, a nine-item self-report questionnaire for depression",
    queried: { section: "scoring-cutoffs", values: ["Adults in primary care"] },
    noMaterial: "licensing-access",
  },
  {
    slug: "insomnia-disorder",
    title: "Insomnia Disorder in Adults",
    template: "clinical-problem",
    topic: "insomnia disorder in adults, persistent difficulty falling or staying asleep",
    queried: { section: "prevalence-course", values: ["Adults", "Older adults"] },
    noMaterial: "differential-considerations",
  },
] as const;

/** Says no_source_material only after a first answer citing a source the spec does not have. */
const REPAIRED_INTO_NO_MATERIAL = { slug: "demo-article", section: "common-misconceptions" };

const reasonOf = (section: string) => `The sources say nothing about ${section.replace(/-/g, " ")} for this subject`;

function articleTitleOf(request: RecordedRequest): string {
  return /^Article: (.*)$/m.exec(bodyOf(request).messages[0]?.content[0]?.text ?? "")?.[1] ?? "";
}

function requestsFor(requests: RecordedRequest[], slug: string, section: string): RecordedRequest[] {
  const title = ARTICLES.find((article) => article.slug === slug)?.title;
  return withoutModelReads(requests).filter((request) => articleTitleOf(request) === title && sectionOf(request) === section);
}

function userText(request: RecordedRequest): string {
  return bodyOf(request).messages.flatMap((message) => (message.role === "user" ? message.content.map((block) => block.text) : [])).join("\n");
}

describe("every template's requests through the fake Messages API", () => {
  let run: CliRun;
  const harness = useIntegrationHarness({
    prefix: "wikigen-templates-",
    project: { kind: "article", configLines: ["provider:", "  name: anthropic", `  model: ${FAKE_MODEL}`, "  max_retries: 0", ...testPriceLines()] },
    fake: {
      responder: (request): FakeResponse => {
        const section = sectionOf(request);
        const body = bodyOf(request);
        const article = ARTICLES.find((candidate) => candidate.title === articleTitleOf(request));
        const isRepair = body.messages.length > 1;
        if (article?.slug === REPAIRED_INTO_NO_MATERIAL.slug && section === REPAIRED_INTO_NO_MATERIAL.section && !isRepair) {
          return { kind: "message", content: asAnswer(section, { blocks: [{ kind: "list", claims: [{ text: "A misconception.", basis: "source", citations: [{ source: 9, quote: "x" }] }] }] }) };
        }
        if (article?.noMaterial === section || (article?.slug === REPAIRED_INTO_NO_MATERIAL.slug && section === REPAIRED_INTO_NO_MATERIAL.section)) {
          return { kind: "message", content: { answer: { section, no_source_material: { reason: reasonOf(section) } } } };
        }
        return { kind: "message", content: answerFromBody(body) };
      },
    },
  });

  beforeAll(async () => {
    cpSync(path.join(FIXTURES, "articles"), path.join(harness.dir, "articles"), { recursive: true });
    cpSync(path.join(FIXTURES, "docs"), path.join(harness.dir, "docs"), { recursive: true });
    run = await harness.wikigen(["generate", ...ARTICLES.map((article) => article.slug)]);
  }, 120_000);

  it("drafts every section of the four articles, one request each plus one repair", () => {
    expect([0, 3], run.stderr).toContain(run.code);
    const expected = ARTICLES.reduce((sum, article) => sum + templateSections(article.template).length, 0);
    expect(withoutModelReads(harness.fake.requests)).toHaveLength(expected + 1);
  });

  it.each(ARTICLES)("$template: a section's request carries its queries from the spec, the other sections' coverage and its block kinds", (article) => {
    const [request, ...more] = requestsFor(harness.fake.requests, article.slug, article.queried.section);
    expect(more).toHaveLength(0);
    const text = userText(request as RecordedRequest);
    const own = promptMeta(article.queried.section);
    // The queries: the topic with the section's purpose, then each spec value the section draws on.
    const queries = [`${article.topic} ${own.purpose}`, ...article.queried.values.map((value) => `${value} ${own.purpose}`)];
    const listed = /Retrieval queries for this section[^\n]*\n((?: {2}- .*\n?)+)/.exec(text)?.[1]?.trimEnd().split("\n").map((line) => line.slice(4));
    expect(listed).toEqual(queries);
    expect(own.purpose).not.toMatch(/communit|groupthink|isolation/i);
    // The template's other sections, each with what it covers; this one with its own.
    const others = templateSections(article.template).filter((id) => id !== article.queried.section);
    for (const id of others) {
      const meta = promptMeta(id);
      expect(text).toContain(`  - ${meta.title} (${id}): ${meta.covers}`);
    }
    expect(text).toContain(`This section covers: ${own.covers}.`);
    // Sections of other templates are not in the outline.
    const foreign = ARTICLES.flatMap((other) => templateSections(other.template)).filter((id) => !templateSections(article.template).includes(id));
    for (const id of foreign) expect(text).not.toContain(`(${id}): `);
    expect(text).toContain(`Allowed block kinds: ${own.block_kinds.map((kind) => `"${kind}"`).join(", ")}.`);
    expect(text).toContain("answer with no_source_material");
  });

  it("tells only sections of sourced prose that they may answer no_source_material, and the schema agrees", () => {
    const [questions] = requestsFor(harness.fake.requests, "phq-9", "reflective-questions");
    expect(userText(questions as RecordedRequest)).not.toContain("answer with no_source_material");
    const schema = JSON.stringify((bodyOf(questions as RecordedRequest) as unknown as { output_config: { format: { schema: unknown } } }).output_config.format.schema);
    expect(schema).toContain('"no_source_material"');
    expect(schema).toContain('"licensing-access"');
  });

  it.each(ARTICLES)("$template: a no_source_material answer is stored as such after one request, with no repair", (article) => {
    expect(requestsFor(harness.fake.requests, article.slug, article.noMaterial)).toHaveLength(1);
    const db = harness.openDb();
    onTestFinished(() => {
      db.close();
    });
    const row = db
      .prepare(
        `SELECT s.id, s.status, s.not_drafted_reason, s.error, s.attempts, s.snapshot_hashes FROM sections s
         JOIN article_versions av ON av.id = s.article_version_id WHERE av.slug = ? AND s.section_id = ?`,
      )
      .get(article.slug, article.noMaterial) as { id: number; status: string; not_drafted_reason: string; error: string; attempts: number; snapshot_hashes: string };
    expect(row).toMatchObject({ status: "not_drafted", not_drafted_reason: "no_source_material", error: `no source material: ${reasonOf(article.noMaterial)}`, attempts: 1 });
    expect((db.prepare("SELECT COUNT(*) AS n FROM claims WHERE section_row_id = ?").get(row.id) as { n: number }).n).toBe(0);
    // The judgement rests on the sources the model read: a change to them makes the section stale.
    expect(Object.keys(JSON.parse(row.snapshot_hashes) as Record<string, string>).length).toBeGreaterThan(0);
    const others = db
      .prepare(`SELECT COUNT(*) AS n FROM sections s JOIN article_versions av ON av.id = s.article_version_id WHERE av.slug = ? AND s.not_drafted_reason IS NOT NULL`)
      .get(article.slug) as { n: number };
    expect(others.n).toBe(article.slug === REPAIRED_INTO_NO_MATERIAL.slug ? 2 : 1);
  });

  it.each(ARTICLES)("$template: the page, index.md and article.json show the section as having no source material", (article) => {
    const out = path.join(harness.dir, "output", article.slug);
    const reason = reasonOf(article.noMaterial);
    const json = JSON.parse(readFileSync(path.join(out, "article.json"), "utf8")) as { sections: { id: string; status: string; placeholder: string | null; blocks: unknown[] }[] };
    const section = json.sections.find((candidate) => candidate.id === article.noMaterial);
    expect(section).toMatchObject({ status: "no_source_material", blocks: [] });
    expect(section?.placeholder).toContain("nothing was written rather than invented");
    expect(section?.placeholder).toContain(reason);
    const html = readFileSync(path.join(out, "index.html"), "utf8");
    const title = promptMeta(article.noMaterial).title.replace(/&/g, "&amp;");
    const htmlSection = html.slice(html.indexOf(`>${title}</h2>`));
    expect(htmlSection.slice(0, 600)).toMatch(/<p class="placeholder status-no_source_material">No source material: the article&#39;s sources hold nothing for this section, so nothing was written rather than invented\. The model&#39;s reason: The sources say nothing about [a-z ]+ for this subject\.<\/p>/);
    const markdown = readFileSync(path.join(out, "index.md"), "utf8");
    expect(markdown).toContain(`*No source material: the article's sources hold nothing for this section, so nothing was written rather than invented. The model's reason: ${reason}.*`);
  });

  it("a section that answers no_source_material in its repair round is stored as such; the repair asked for sources, not prose", () => {
    const calls = requestsFor(harness.fake.requests, REPAIRED_INTO_NO_MATERIAL.slug, REPAIRED_INTO_NO_MATERIAL.section);
    expect(calls).toHaveLength(2);
    const repair = bodyOf(calls[1] as RecordedRequest).messages;
    expect(repair).toHaveLength(3);
    expect(repair[2]?.content[0]?.text).toContain("expected 1|2, got 9");
    expect(repair[2]?.content[0]?.text).toContain("leave out a sentence they do not support rather than invent one, and if they hold nothing for this section, answer no_source_material");
    const db = harness.openDb();
    onTestFinished(() => {
      db.close();
    });
    const row = db
      .prepare(`SELECT s.status, s.not_drafted_reason, s.attempts FROM sections s JOIN article_versions av ON av.id = s.article_version_id WHERE av.slug = ? AND s.section_id = ?`)
      .get(REPAIRED_INTO_NO_MATERIAL.slug, REPAIRED_INTO_NO_MATERIAL.section);
    expect(row).toEqual({ status: "not_drafted", not_drafted_reason: "no_source_material", attempts: 2 });
  });
});

describe("a spec naming an unknown template", () => {
  it("stops with exit 1 naming the spec file and the known templates, before a run is recorded", async () => {
    const harness = await startIntegrationHarness({ prefix: "wikigen-unknown-template-", project: { kind: "prompts-only" } });
    onTestFinished(() => harness.close());
    cpSync(path.join(FIXTURES, "docs"), path.join(harness.dir, "docs"), { recursive: true });
    const spec = readFileSync(path.join(FIXTURES, "articles", "phq-9.yaml"), "utf8").replace("template: assessment-instrument", "template: assessment-tool");
    mkdirSync(path.join(harness.dir, "articles"));
    writeFileSync(path.join(harness.dir, "articles", "phq-9.yaml"), spec);
    const result = await harness.wikigen(["generate", "phq-9"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(path.join("articles", "phq-9.yaml"));
    expect(result.stderr).toContain('template: unknown template "assessment-tool" (known templates: assessment-instrument, clinical-problem, clinical-theory, psychotherapy;');
    // Templates are loaded before a run is recorded: the store holds no run, no version.
    if (existsSync(harness.dbFile)) {
      const db = harness.openDb();
      onTestFinished(() => {
      db.close();
    });
      expect(db.prepare("SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM article_versions) AS n").get()).toEqual({ n: 0 });
    }
  });
});
