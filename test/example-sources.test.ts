import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";

// The example articles' source documents (examples/<slug>/, written for wikigen) snapshot and extract
// cleanly through `wikigen sources`: every source is fetched from its file: URL, its title is found,
// its main text starts where the document's own text starts, and none of the page furniture the
// documents carry on purpose (cookie banners, menus, search forms, sidebars, adverts, comments,
// share links, footers) reaches the text that claims will quote.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface ExpectedSource {
  title: string;
  kind: "html" | "pdf" | "text";
  /** The first words of the document's own text. */
  opening: string;
  /** A sentence from deep in the body, so the whole article was kept. */
  inside: string;
}

const EXAMPLES: Record<string, ExpectedSource[]> = {
  "behavioural-activation": [
    { title: "Behavioural Activation for Depression: An Evidence Briefing for Service Planners", kind: "pdf", opening: "Behavioural Activation for Depression: An Evidence Briefing", inside: "The COBRA trial, a non-inferiority randomised controlled trial of 440 adults" },
    { title: "What Is Behavioural Activation? A Guide for Clinicians", kind: "html", opening: "Overview\n\nBehavioural activation is a structured, time-limited psychological therapy", inside: "The examination of what comes before a behaviour and what follows it" },
    { title: "From Lewinsohn to COBRA: A Short History of Behavioural Activation", kind: "html", opening: "Behavioural activation is often described as a new therapy", inside: "In 2001, Christopher Martell, Michael Addis and Neil Jacobson published" },
    { title: "BEHAVIOURAL ACTIVATION: A SESSION GUIDE FOR CLINICIANS", kind: "text", opening: "BEHAVIOURAL ACTIVATION: A SESSION GUIDE FOR CLINICIANS", inside: "There is no single international certification in behavioural activation." },
  ],
  "phq-9": [
    { title: "Psychometric Properties of the PHQ-9: A Summary of Validation Research", kind: "pdf", opening: "Psychometric Properties of the PHQ-9", inside: "a PHQ-9 score of 10 or more had a sensitivity of 88% and a specificity of 88%" },
    { title: "The PHQ-9 Depression Questionnaire: A Clinician's Guide to Use and Scoring", kind: "html", opening: "Page owner: measures working group\n\nWhat the PHQ-9 measures", inside: "so the total score ranges from 0 to 27" },
    { title: "Where the PHQ-9 Came From, and How Well It Travels Across Languages and Cultures", kind: "html", opening: "From PRIME-MD to the PHQ", inside: "A translation is not the same as a validation" },
    { title: "USING THE PHQ-9 IN GENERAL PRACTICE: A ONE-PAGE HANDOUT FOR THE PRACTICE TEAM", kind: "text", opening: "USING THE PHQ-9 IN GENERAL PRACTICE", inside: "Sensitivity: the proportion of people with the condition" },
  ],
  "insomnia-in-adults": [
    { title: "Treating Chronic Insomnia in Adults: A Summary of Guidelines and Evidence", kind: "pdf", opening: "Treating Chronic Insomnia in Adults", inside: "The meta-analysis pooled 20 randomised trials with 1,162 participants." },
    { title: "Insomnia in Adults: How It Presents and Why It Persists", kind: "html", opening: "What insomnia is\n\nInsomnia is a complaint of difficulty falling asleep", inside: "The psychologist Arthur Spielman described in 1987 a model of insomnia" },
    { title: "Assessing Insomnia: Differential Diagnosis and Measures", kind: "html", opening: "The assessment interview\n\nThe assessment of insomnia rests on a clinical interview", inside: "A natural short sleeper has no daytime impairment" },
    { title: "CBT-I IN PRACTICE: A PROTOCOL HANDOUT FOR CLINICIANS", kind: "text", opening: "CBT-I IN PRACTICE: A PROTOCOL HANDOUT FOR CLINICIANS", inside: "Richard Bootzin described stimulus control therapy in 1972" },
  ],
};

// Words of the furniture each page carries; none occurs in the documents' own text.
const FURNITURE = /cookie|privacy|subscribe|newsletter|sign in|log in|staff login|skip to|search the hub|advert|share this|copy link|leave a reply|recent posts|replies \(|about the author|all rights reserved|©|proudly powered|accessibility statement|got it!|\baccept\b|breadcrumb|home ›|home >|\bhub \/|forum home/iu;

describe("the example articles' sources snapshot and extract without page furniture", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-example-sources-", project: { kind: "prompts-only" } });
  const runs = new Map<string, CliRun>();

  beforeAll(async () => {
    writeFileSync(path.join(harness.dir, "wikigen.config.yaml"), REPO_EXAMPLE_CONFIG);
    for (const slug of Object.keys(EXAMPLES)) {
      runs.set(slug, await harness.wikigen(["sources", path.join(REPO, "articles", `${slug}.yaml`), "--json"]));
    }
  }, 120_000);

  it.each(Object.keys(EXAMPLES))("%s: every source is fetched, with its title, kind and clean main text", (slug) => {
    const run = runs.get(slug);
    expect(run?.code, run?.stderr).toBe(0);
    const report = JSON.parse(run?.stdout ?? "") as { articles: { sources: { number: number; outcome: string; kind: string | null; title: string | null; url: string }[] }[] };
    const results = report.articles[0]?.sources ?? [];
    const expected = EXAMPLES[slug] ?? [];
    expect(results.map((result) => ({ outcome: result.outcome, kind: result.kind, title: result.title }))).toEqual(
      expected.map((source) => ({ outcome: "fetched", kind: source.kind, title: source.title })),
    );
    const db = harness.openDb();
    try {
      for (const [index, result] of results.entries()) {
        const source = expected[index] as ExpectedSource;
        const row = db
          .prepare(
            `SELECT s.text_path FROM fetches f JOIN snapshots s ON s.raw_sha256 = f.raw_sha256 AND s.text_sha256 = f.text_sha256
             WHERE f.url = ? ORDER BY f.id DESC LIMIT 1`,
          )
          .get(result.url) as { text_path: string } | undefined;
        expect(row, result.url).toBeDefined();
        const text = readFileSync(path.join(harness.dir, "sources", row?.text_path ?? ""), "utf8");
        expect(text.startsWith(source.opening), `${result.url} starts with: ${text.slice(0, 120)}`).toBe(true);
        expect(text).toContain(source.inside);
        expect(text.match(FURNITURE)?.[0], `${result.url} keeps page furniture`).toBeUndefined();
      }
    } finally {
      db.close();
    }
  });
});
