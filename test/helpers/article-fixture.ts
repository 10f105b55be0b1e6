import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FAKE_MODEL } from "./fake-model-catalog.ts";

// A small article on disk for pipeline tests: two local sources, a spec citing them, and a config
// pointing at the repository's real prompts.

export const REPO_PROMPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "prompts");

/**
 * Whether the repo's prompt for a section accepts model-written sentences (front matter `accepts`;
 * absent: every kind), so scripted answers put llm sentences only where no policy flag awaits them.
 */
export function acceptsModelWritten(sectionId: string): boolean {
  const text = readFileSync(path.join(REPO_PROMPTS, "sections", `${sectionId}.md`), "utf8");
  const accepts = /^accepts: \[([^\]]*)\]/m.exec(text)?.[1];
  return accepts === undefined || accepts.split(",").map((kind) => kind.trim()).includes("llm");
}

/**
 * Config lines for a test that generates the repository's example article from a temporary folder:
 * the real prompts, and the example sources allowed as local files beside the temporary project.
 */
export const REPO_EXAMPLE_CONFIG = [
  "paths:",
  `  prompts: ${REPO_PROMPTS}`,
  `  local_roots: [".", ${JSON.stringify(path.resolve(REPO_PROMPTS, "..", "examples"))}]`,
  "",
].join("\n");

export const SOURCE_ONE = [
  "Communities of practice are groups of people who share a concern for something they do and learn how to do it better as they interact regularly.",
  "Jean Lave and Etienne Wenger introduced the term in 1991 in their book on situated learning.",
  "Newcomers move from legitimate peripheral participation toward full participation in the practice of the community.",
  "A systematic review published in 2009 found that definitions of communities of practice in health care varied widely.",
];

export const SOURCE_TWO = [
  "Peer consultation groups give clinicians a regular place to discuss difficult cases with colleagues.",
  "Facilitators keep the group focused on the shared domain and protect the confidentiality of clients.",
  "Evidence that communities of practice improve patient outcomes remains limited.",
];

/** The YAML of a small test spec: the shared title, topic and metadata, and the given sources. */
export function specYaml(slug: string, sources: { url: string; title: string; tier: string }[]): string {
  return [
    `slug: ${slug}`,
    "title: Communities of Practice for Clinicians",
    "spec_version: 1",
    "template: clinical-theory",
    "topic: communities of practice in clinical training and supervision",
    "metadata:",
    "  type: Theory",
    "  discipline: [Education, Psychology]",
    "  evidence_status: Emerging",
    "sources:",
    ...sources.flatMap((source, index) => [`  - number: ${index + 1}`, `    url: ${JSON.stringify(source.url)}`, `    title: ${JSON.stringify(source.title)}`, `    tier: ${source.tier}`]),
    "",
  ].join("\n");
}

/**
 * Rate limits far above anything a test sends, so tests measure their own behaviour, not the
 * default (lowest-tier) limits. Tests of the limiter set their own run: block.
 */
export const UNLIMITED_RUN_LINES = ["run:", "  requests_per_minute: 1000000", "  input_tokens_per_minute: 1000000000", "  output_tokens_per_minute: 1000000000"];

/** The tests' price for a priced model (USD per million tokens): round figures for hand-checked costs. */
export const TEST_PRICE = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };

/** A config's prices: block giving `model` TEST_PRICE. */
export function testPriceLines(model: string = FAKE_MODEL): string[] {
  return ["prices:", `  ${model}: { input_per_mtok: ${TEST_PRICE.input}, output_per_mtok: ${TEST_PRICE.output}, cache_write_per_mtok: ${TEST_PRICE.cacheWrite}, cache_read_per_mtok: ${TEST_PRICE.cacheRead} }`];
}

/**
 * `runLimits: "default"` leaves the run: block out, so the job runs at the configured defaults;
 * "unlimited" (the default) adds UNLIMITED_RUN_LINES unless `configLines` has its own run: block.
 */
export function writeArticleFixture(dir: string, options: { configLines?: string[]; slug?: string; runLimits?: "unlimited" | "default" } = {}): { specFile: string; slug: string } {
  const slug = options.slug ?? "demo-article";
  mkdirSync(path.join(dir, "docs"), { recursive: true });
  mkdirSync(path.join(dir, "articles"), { recursive: true });
  writeFileSync(path.join(dir, "docs", "one.txt"), `${SOURCE_ONE.join("\n\n")}\n`);
  writeFileSync(path.join(dir, "docs", "two.txt"), `${SOURCE_TWO.join("\n\n")}\n`);
  const specFile = path.join("articles", `${slug}.yaml`);
  writeFileSync(
    path.join(dir, specFile),
    specYaml(slug, [
      { url: "file:../docs/one.txt", title: "Origins of communities of practice", tier: "T1" },
      { url: "file:../docs/two.txt", title: "Peer consultation handout", tier: "T3" },
    ]),
  );
  const configLines = options.configLines ?? [];
  const runLines = options.runLimits === "default" || configLines.includes("run:") ? [] : UNLIMITED_RUN_LINES;
  writeFileSync(path.join(dir, "wikigen.config.yaml"), [`paths:`, `  prompts: ${REPO_PROMPTS}`, ...runLines, ...configLines, ""].join("\n"));
  return { specFile, slug };
}
