import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { FakeResponse, RecordedRequest } from "./fake-anthropic.ts";
import { FAKE_MODEL } from "./fake-anthropic.ts";
import { acceptsModelWritten, REPO_PROMPTS, SOURCE_ONE, SOURCE_TWO, specYaml, testPriceLines, UNLIMITED_RUN_LINES } from "./article-fixture.ts";
import type { SectionOutput } from "../../src/domain/claims.ts";
import { asAnswer } from "./section-answer.ts";

// An article for regeneration tests: two local sources, a third served by a small web server whose
// page the test can change, a copy of the repository's prompts that the test can bump, and a config
// for the anthropic provider (pointed at the fake Messages API by the environment).

/** Words of no section query but training-certification's (and none of the topic's). */
export const GUIDE_V1 = [
  "Credential programs award a certificate after a workshop course for facilitators.",
  "Certification workshops last two days and end with a short assessment.",
];
export const GUIDE_V2 = [
  "Credential programs award a certificate after a workshop course for facilitators.",
  "Certification workshops now last three days and end with a supervised assessment.",
];

export interface PageServer {
  url: string;
  hits(): number;
  setParagraphs(paragraphs: string[]): void;
  close(): Promise<void>;
}

/** One mutable plain-text page at /guide, always answered in full (no validators, no 304). */
export async function startPageServer(paragraphs: string[]): Promise<PageServer> {
  let body = paragraphs.join("\n\n");
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    if (req.url !== "/guide") {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such page");
      return;
    }
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/guide`,
    hits: () => hits,
    setParagraphs: (next) => {
      body = next.join("\n\n");
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export const SLUG = "demo-article";

/** The fixture with one spec per slug (each the same article under its own slug). */
export function writeRegenFixture(dir: string, options: { guideUrl: string; slugs?: string[] }): void {
  mkdirSync(path.join(dir, "docs"), { recursive: true });
  mkdirSync(path.join(dir, "articles"), { recursive: true });
  cpSync(REPO_PROMPTS, path.join(dir, "prompts"), { recursive: true });
  writeFileSync(path.join(dir, "docs", "one.txt"), `${SOURCE_ONE.join("\n\n")}\n`);
  writeFileSync(path.join(dir, "docs", "two.txt"), `${SOURCE_TWO.join("\n\n")}\n`);
  for (const slug of options.slugs ?? [SLUG]) {
    writeFileSync(
      path.join(dir, "articles", `${slug}.yaml`),
      specYaml(slug, [
        { url: "file:../docs/one.txt", title: "Origins of communities of practice", tier: "T1" },
        { url: "file:../docs/two.txt", title: "Peer consultation handout", tier: "T3" },
        { url: options.guideUrl, title: "Facilitator credential guide", tier: "T2" },
      ]),
    );
  }
  writeFileSync(
    path.join(dir, "wikigen.config.yaml"),
    [
      "paths:",
      "  prompts: prompts",
      "provider:",
      "  name: anthropic",
      // A model with a price: regen --max-cost refuses one without (checkPrices).
      `  model: ${FAKE_MODEL}`,
      "  max_retries: 0",
      ...UNLIMITED_RUN_LINES,
      ...testPriceLines(),
      "",
    ].join("\n"),
  );
}

/** Rewrites one front-matter line of a copied prompt, e.g. bumping `version: 1` to `version: 2`. */
export function editPrompt(dir: string, sectionId: string, edit: (text: string) => string): void {
  const file = path.join(dir, "prompts", "sections", `${sectionId}.md`);
  writeFileSync(file, edit(readFileSync(file, "utf8")));
}

/** Bumps a copied prompt's version by one, whatever it is; returns the versions before and after. */
export function bumpPromptVersion(dir: string, sectionId: string): { from: number; to: number } {
  let from = 0;
  editPrompt(dir, sectionId, (text) =>
    text.replace(/^version: (\d+)$/m, (_line, version: string) => {
      from = Number(version);
      return `version: ${from + 1}`;
    }),
  );
  if (from === 0) throw new Error(`prompt ${sectionId} has no version line to bump`);
  return { from, to: from + 1 };
}

export function sectionOf(request: RecordedRequest): string {
  const body = request.body as { messages: { content: { text: string }[] }[] };
  const text = body.messages[0]?.content[1]?.text ?? "";
  return /\(id ([a-z0-9-]+)\)/.exec(text)?.[1] ?? "unknown";
}

/**
 * A valid answer for every section of the clinical-theory template. `round` rewords evidence-base's
 * answer so a redraft shows up in `diff` as changed claims. `answeredAs` names the section the answer
 * says it is for (another section's claims under this section's id).
 */
export function answerFor(section: string, round = 1, answeredAs = section): FakeResponse {
  const sourced = (text: string, source: number, quote: string) => ({ text, basis: "source", citations: [{ source, quote }] });
  const llm = (text: string) => ({ text, basis: "llm", citations: [] });
  let content: unknown;
  if (section === "smart-objectives") {
    content = { blocks: [{ kind: "table_row", claims: [llm("Reduce professional isolation."), llm("Attend six peer consultation meetings in three months."), sourced("Peer consultation groups give clinicians a regular place to discuss difficult cases.", 2, SOURCE_TWO[0] ?? "")] }] };
  } else if (section === "reflective-questions") {
    content = { blocks: [{ kind: "question", claims: [llm("Which part of your practice do you learn from colleagues?")] }] };
  } else if (section === "training-certification") {
    content = { blocks: [{ kind: "paragraph", claims: [sourced("Credential programs award a certificate after a workshop course.", 3, GUIDE_V1[0] ?? "")] }] };
  } else if (section === "evidence-base" && round > 1) {
    content = {
      blocks: [
        {
          kind: "paragraph",
          claims: [
            sourced("Evidence that communities of practice improve patient outcomes is still limited.", 2, SOURCE_TWO[2] ?? ""),
            sourced("A 2009 systematic review found that definitions in health care varied widely.", 1, SOURCE_ONE[3] ?? ""),
          ],
        },
      ],
    };
  } else {
    content = {
      blocks: [
        {
          kind: section === "key-terms" ? "list" : "paragraph",
          claims: [
            sourced("Jean Lave and Etienne Wenger introduced the term in 1991.", 1, SOURCE_ONE[1] ?? ""),
            sourced("Evidence that communities of practice improve patient outcomes remains limited.", 2, SOURCE_TWO[2] ?? ""),
            // Only where the section's evidence policy accepts a model-written sentence.
            ...(acceptsModelWritten(answeredAs) ? [llm("Clinicians may find the idea familiar from supervision.")] : []),
          ],
        },
      ],
    };
  }
  return { kind: "message", content: asAnswer(answeredAs, content as SectionOutput), usage: { input_tokens: 300, output_tokens: 120, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
}
