import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FAKE_MODEL, type FakeResponse, type RecordedRequest } from "./helpers/fake-anthropic.ts";
import { testPriceLines } from "./helpers/article-fixture.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";
import { answerFromBody, bodyOf, sectionOf } from "./helpers/section-answer.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";

// The concept figure and the framing line through the real SDK against the fake Messages API: the
// schema offers them only where the prompt asks, a figure that breaks the rules is sent back for
// repair, and what the model proposed is stored with the section and drawn on the page.

const FIGURE = { kind: "hub", center: 'Peer "groups" <3 CoP', items: ["Domain", "Community & members", "Practice"] };
const FRAMING = "These objectives are examples to adapt and agree with each client.";

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  required?: string[];
  enum?: string[];
  $ref?: string;
}

/** The answer branches of the request schema, as [section ids, property names]. */
function branchesOf(request: RecordedRequest): [string[], string[]][] {
  const schema = (request.body as { output_config: { format: { schema: SchemaNode & { $defs?: Record<string, SchemaNode> } } } }).output_config.format.schema;
  const resolve = (node: SchemaNode): SchemaNode => (node.$ref ? (schema.$defs?.[node.$ref.replace("#/$defs/", "")] ?? node) : node);
  const answer = resolve(schema.properties?.answer as SchemaNode);
  const branches = (answer.anyOf ?? [answer]).map(resolve);
  return branches.map((branch) => [resolve(branch.properties?.section as SchemaNode).enum ?? [], Object.keys(branch.properties ?? {})]);
}

describe("generate: concept figure and framing line (fake Messages API)", () => {
  let run: CliRun;
  const calls = new Map<string, number>();
  const harness = useIntegrationHarness({
    prefix: "wikigen-page-parts-",
    project: { kind: "article", configLines: ["provider:", "  name: anthropic", `  model: ${FAKE_MODEL}`, "  max_retries: 0", ...testPriceLines()] },
    fake: {
      responder: (request): FakeResponse => {
        const section = sectionOf(request);
        const count = (calls.get(section) ?? 0) + 1;
        calls.set(section, count);
        const answer = answerFromBody(bodyOf(request)) as { answer: Record<string, unknown> };
        // core-principles: first a figure of two spokes (the rules want three to seven), then a good one.
        if (section === "core-principles") answer.answer.figure = count === 1 ? { ...FIGURE, items: ["Domain", "Practice"] } : FIGURE;
        if (section === "smart-objectives") answer.answer.framing = FRAMING;
        return { kind: "message", content: answer, model: FAKE_MODEL };
      },
    },
  });

  beforeAll(async () => {
    run = await harness.wikigen(["generate", "demo-article"]);
  });

  it("offers figure only to core-principles and framing only to smart-objectives, as optional properties", () => {
    expect([0, 3], run.stderr).toContain(run.code);
    const [first] = withoutModelReads(harness.fake.requests);
    const branches = branchesOf(first as RecordedRequest);
    const withFigure = branches.filter(([, properties]) => properties.includes("figure")).map(([ids]) => ids);
    const withFraming = branches.filter(([, properties]) => properties.includes("framing")).map(([ids]) => ids);
    expect(withFigure).toEqual([["core-principles"]]);
    expect(withFraming).toEqual([["smart-objectives"]]);
  });

  it("sends a figure that breaks the rules back for repair, naming the problem", () => {
    expect(calls.get("core-principles")).toBe(2);
    const repair = withoutModelReads(harness.fake.requests).find((request) => sectionOf(request) === "core-principles" && bodyOf(request).messages.length === 3);
    expect(JSON.stringify(repair?.body)).toContain("answer.figure.items: a hub has 3 to 7 items, got 2");
  });

  it("stores the proposed figure with its section and the framing line as a model-written claim", () => {
    const db = harness.openDb();
    const sections = db.prepare("SELECT section_id, figure, template_note FROM sections ORDER BY position").all() as { section_id: string; figure: string | null; template_note: string | null }[];
    expect(sections.filter((section) => section.figure !== null).map((section) => [section.section_id, JSON.parse(section.figure as string)])).toEqual([["core-principles", FIGURE]]);
    const smart = sections.find((section) => section.section_id === "smart-objectives");
    expect(smart?.template_note).toMatch(/^Objectives are examples to adapt with each client/);
    const framing = db
      .prepare("SELECT c.text, c.basis, c.block_kind FROM claims c JOIN sections s ON s.id = c.section_row_id WHERE s.section_id = 'smart-objectives' AND c.block_kind = 'framing'")
      .all();
    expect(framing).toEqual([{ text: FRAMING, basis: "llm", block_kind: "framing" }]);
  });

  it("draws the figure as inline SVG with its alt text and the LLM tag, and shows the model's framing instead of the template's", () => {
    const html = readFileSync(path.join(harness.dir, "output", "demo-article", "index.html"), "utf8");
    const section = /<section class="article-section" id="section-core-principles">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    const alt = "Diagram: Peer &quot;groups&quot; &lt;3 CoP at the centre, linked to Domain, Community &amp; members and Practice.";
    expect(section).toContain(`<svg class="figure-svg" xmlns="http://www.w3.org/2000/svg"`);
    expect(section).toContain(`role="img" aria-label="${alt}"><title>${alt}</title>`);
    expect(section).toMatch(/<span class="tag tag-figure tag-llm"[^>]*>LLM<\/span>/);
    expect(html.match(/<svg /g)).toHaveLength(1);
    const smart = /<section class="article-section" id="section-smart-objectives">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(smart).toMatch(/<p class="framing"><span class="claim claim-llm"[^>]*>These objectives are examples to adapt and agree with each client\.<span class="marker tag tag-llm"/);
    expect(smart).not.toContain("template-note");
    const json = JSON.parse(readFileSync(path.join(harness.dir, "output", "demo-article", "article.json"), "utf8")) as { sections: { id: string; figure: unknown }[] };
    expect(json.sections.find((entry) => entry.id === "core-principles")?.figure).toEqual({ ...FIGURE, alt: 'Diagram: Peer "groups" <3 CoP at the centre, linked to Domain, Community & members and Practice.', origin: "model" });
  });
});
