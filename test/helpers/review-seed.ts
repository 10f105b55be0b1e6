import Database from "better-sqlite3";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SectionOutput } from "../../src/domain/claims.ts";
import { asAnswer } from "./section-answer.ts";
import { acceptsModelWritten, REPO_PROMPTS, SOURCE_ONE, SOURCE_TWO, specYaml, UNLIMITED_RUN_LINES } from "./article-fixture.ts";
import { FAKE_MODEL, type FakeResponse, type RecordedRequest } from "./fake-anthropic.ts";
import type { IntegrationHarness } from "./integration-harness.ts";
import { openReviewServer } from "../../src/cli/commands/review.ts";
import { renderArticleHtml } from "../../src/render/render-article-html.ts";
import { loadArticle } from "../../src/store/load-article.ts";
import { latestDecisions } from "../../src/store/reviews.ts";
import type { CliRun } from "./run-cli.ts";

// A review queue seeded through the real pipeline: `wikigen generate` with the anthropic provider
// against the fake Messages API, scripted so that some sourced claims are flagged by the offline
// verifier (a changed year, a quote that is not in its source, a claim its quote does not support)
// and one source's extracted text holds `<script>` markup as plain text.

export const SCRIPT_SOURCE = [
  "In 2019 clinical handouts sometimes carried pasted markup such as <script>window.__wikigenPwned = true; document.title = 'pwned'</script> by mistake.",
  "Supervisors meet trainees weekly to review recordings of sessions, for 2 hours each time.",
];

// Room bookings and the like between the two sentences, so the second one sits far down the source
// panel and the page has to scroll to it.
const FILLER_LINES = [
  "The handout lists room bookings for the training day.",
  "Parking is available behind the clinic building.",
  "Catering is arranged by the administrative office.",
  "Please return borrowed equipment to the front desk.",
];
// No digits here: a number anywhere in the source would weaken the number checks the seed relies on.
const FILLER = Array.from({ length: 40 }, (_, index) => FILLER_LINES[index % FILLER_LINES.length] as string);

export interface ScriptedClaim {
  text: string;
  basis: "source" | "llm";
  citations: { source: number; quote: string }[];
}

/** Claims per section id; sections not listed get one model-written claim of an allowed kind. */
export type SectionScript = Record<string, { kind: string; claims: ScriptedClaim[] }[]>;

export const SUPPORTED_CLAIM: ScriptedClaim = {
  text: "Jean Lave and Etienne Wenger introduced the term in 1991.",
  basis: "source",
  citations: [{ source: 1, quote: SOURCE_ONE[1] as string }],
};
export const YEAR_CLAIM: ScriptedClaim = {
  text: "Jean Lave and Etienne Wenger introduced the term in 1998.",
  basis: "source",
  citations: [{ source: 1, quote: SOURCE_ONE[1] as string }],
};
export const MISSING_QUOTE_CLAIM: ScriptedClaim = {
  text: "Communities of practice cut clinician burnout by half within a year.",
  basis: "source",
  citations: [{ source: 2, quote: "Communities of practice cut burnout by half within a year." }],
};
export const SCRIPT_SOURCE_CLAIM: ScriptedClaim = {
  text: "Supervisors meet trainees weekly to review recordings of sessions, for 5 hours each time.",
  basis: "source",
  citations: [{ source: 3, quote: SCRIPT_SOURCE[1] as string }],
};
export const MARKUP_QUOTE_CLAIM: ScriptedClaim = {
  text: "In 2015 clinical handouts sometimes carried pasted markup by mistake.",
  basis: "source",
  citations: [{ source: 3, quote: SCRIPT_SOURCE[0] as string }],
};
/** Cites source 1 with a sentence of source 2: flagged, and fixed by replacing the citation. */
export const WRONG_SOURCE_CLAIM: ScriptedClaim = {
  text: "Peer consultation groups give clinicians a regular place to discuss difficult cases.",
  basis: "source",
  citations: [{ source: 1, quote: SOURCE_TWO[0] as string }],
};
export const LLM_CLAIM: ScriptedClaim = { text: "Clinicians may find the idea familiar from supervision.", basis: "llm", citations: [] };

export const FIRST_SCRIPT: SectionScript = {
  "core-principles": [{ kind: "paragraph", claims: [SUPPORTED_CLAIM, YEAR_CLAIM, MISSING_QUOTE_CLAIM, LLM_CLAIM] }],
  "evidence-base": [{ kind: "paragraph", claims: [WRONG_SOURCE_CLAIM] }],
  "training-certification": [{ kind: "paragraph", claims: [SCRIPT_SOURCE_CLAIM, MARKUP_QUOTE_CLAIM] }],
};

/** The claims FIRST_SCRIPT gets flagged, in queue order. */
export const FLAGGED_CLAIMS = [YEAR_CLAIM, MISSING_QUOTE_CLAIM, WRONG_SOURCE_CLAIM, SCRIPT_SOURCE_CLAIM, MARKUP_QUOTE_CLAIM];

function defaultBlock(section: string): { kind: string; claims: ScriptedClaim[] } {
  const llm = (text: string): ScriptedClaim => ({ text, basis: "llm", citations: [] });
  // A sentence quoted whole from its source: supported, so it adds no flag of either kind.
  const quoted = SOURCE_TWO[1] as string;
  if (!acceptsModelWritten(section)) return { kind: "paragraph", claims: [{ text: quoted, basis: "source", citations: [{ source: 2, quote: quoted }] }] };
  if (section === "smart-objectives") return { kind: "table_row", claims: [llm("Reduce isolation."), llm("Attend six meetings."), llm("Peer contact.")] };
  if (section === "reflective-questions") return { kind: "question", claims: [llm("What do you learn from colleagues?")] };
  return { kind: section === "key-terms" ? "list" : "paragraph", claims: [llm(`A model-written sentence for ${section}.`)] };
}

function sectionOf(request: RecordedRequest): string {
  const body = request.body as { messages: { content: { text: string }[] }[] };
  const text = body.messages[0]?.content[1]?.text ?? "";
  return /\(id ([a-z0-9-]+)\)/.exec(text)?.[1] ?? "unknown";
}

/**
 * Writes three local sources, a spec citing them and a config for the fake API's model. Each article
 * gets its own copies, signed with its slug: claim keys include the snapshot hash, so two articles
 * citing byte-identical sources with the same sentence would share one key (and one decision).
 */
export function writeReviewFixture(dir: string, slug = "demo-article"): void {
  const docs = path.join(dir, "docs", slug);
  mkdirSync(docs, { recursive: true });
  mkdirSync(path.join(dir, "articles"), { recursive: true });
  const signed = (paragraphs: string[]) => `${[...paragraphs, `Prepared for ${slug}.`].join("\n\n")}\n`;
  writeFileSync(path.join(docs, "one.txt"), signed(SOURCE_ONE));
  writeFileSync(path.join(docs, "two.txt"), signed(SOURCE_TWO));
  writeFileSync(path.join(docs, "three.txt"), signed([SCRIPT_SOURCE[0] as string, ...FILLER, SCRIPT_SOURCE[1] as string]));
  const sources = [
    ["one.txt", "Origins of communities of practice", "T1"],
    ["two.txt", "Peer consultation handout", "T3"],
    ["three.txt", "Supervision handout with <b>markup</b>", "T2"],
  ];
  writeFileSync(
    path.join(dir, "articles", `${slug}.yaml`),
    specYaml(slug, sources.map(([file, title, tier]) => ({ url: `file:../docs/${slug}/${file}`, title: title as string, tier: tier as string }))),
  );
  writeFileSync(
    path.join(dir, "wikigen.config.yaml"),
    [`paths:`, `  prompts: ${REPO_PROMPTS}`, "provider:", "  name: anthropic", `  model: ${FAKE_MODEL}`, "  max_retries: 0", ...UNLIMITED_RUN_LINES, ""].join("\n"),
  );
}

/** Runs `wikigen generate` once in the harness's project, with its fake API answering from the script. */
export async function generateScripted(args: { harness: IntegrationHarness; script: SectionScript; slug?: string }): Promise<CliRun> {
  args.harness.fake.setResponder((request): FakeResponse => {
    const section = sectionOf(request);
    const blocks = args.script[section] ?? [defaultBlock(section)];
    return { kind: "message", content: asAnswer(section, { blocks } as SectionOutput) };
  });
  const run = await args.harness.wikigen(["generate", args.slug ?? "demo-article"]);
  if (run.code !== 0 && run.code !== 3) throw new Error(`seed generate failed (${run.code}): ${run.stderr}`);
  return run;
}

/** Claim ids of an article's newest version by sentence (ids are the flag ids of the queue). */
export function claimIdsByText(dbFile: string, slug = "demo-article"): Map<string, number> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT c.id, c.text FROM claims c JOIN sections s ON s.id = c.section_row_id
         WHERE s.article_version_id = (SELECT id FROM article_versions WHERE slug = ? ORDER BY version DESC LIMIT 1)`,
      )
      .all(slug) as { id: number; text: string }[];
    return new Map(rows.map((row) => [row.text, row.id]));
  } finally {
    db.close();
  }
}

/**
 * The newest version of an article rendered for publishing twice: with the decisions stored for its
 * claim keys, and with none (so a test can show that a claim's absence is a decision's doing).
 */
export function renderPublished(dbFile: string, slug = "demo-article"): { version: number; published: string; undecided: string } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const article = loadArticle(db, slug);
    if (!article) throw new Error(`no article ${slug}`);
    const keys = article.sections.flatMap((section) => section.claims.map((claim) => claim.claim_key));
    return {
      version: article.version.version,
      published: renderArticleHtml(article, { mode: "publish", decisions: latestDecisions(db, keys) }),
      undecided: renderArticleHtml(article, { mode: "publish", decisions: new Map() }),
    };
  } finally {
    db.close();
  }
}

export interface ReviewClient {
  cookie: string;
  csrf: string;
  get(pathname: string): Promise<{ status: number; text: string; headers: Headers }>;
  /** Posts a form as the page would (no redirect following); csrf is added unless given. */
  post(pathname: string, fields: Record<string, string>): Promise<{ status: number; text: string; location: string | null }>;
  /** The hidden "version" and "seen" fields of a flag page's decision form. */
  seenFields(claimId: number): Promise<{ version: string; seen: string }>;
}

/** A browser-like session against the review server: its cookie and the CSRF token from the page. */
export async function openReviewSession(baseUrl: string): Promise<ReviewClient> {
  const first = await fetch(baseUrl);
  const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const csrf = /name="csrf" value="([^"]+)"/.exec(await first.text())?.[1] ?? "";
  if (!cookie || !csrf) throw new Error("review page gave no session cookie or CSRF token");
  const client: ReviewClient = {
    cookie,
    csrf,
    async get(pathname) {
      const response = await fetch(new URL(pathname, baseUrl), { headers: { cookie } });
      return { status: response.status, text: await response.text(), headers: response.headers };
    },
    async post(pathname, fields) {
      const response = await fetch(new URL(pathname, baseUrl), {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf, ...fields }),
        redirect: "manual",
      });
      return { status: response.status, text: await response.text(), location: response.headers.get("location") };
    },
    async seenFields(claimId) {
      const page = await client.get(`/flags/${claimId}`);
      const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
      const seen = /name="seen" value="(\d+)"/.exec(page.text)?.[1];
      if (version === undefined || seen === undefined) throw new Error(`flag ${claimId} has no decision form (status ${page.status})`);
      return { version, seen };
    },
  };
  return client;
}

/** Starts the review server the way `wikigen review` does, on a free port, in the given folder. */
export async function startReview(dir: string, values: Record<string, string> = {}): Promise<Awaited<ReturnType<typeof openReviewServer>> & { stderr: () => string }> {
  let stderr = "";
  const review = await openReviewServer({
    values: { port: "0", ...values },
    io: { stdout: () => undefined, stderr: (text) => (stderr += text), env: { USER: "tester" }, cwd: dir, isStderrTty: false },
  });
  return { ...review, stderr: () => stderr };
}

/** A reviews row as the review tests compare it. */
export interface ReviewRowSeen {
  claim_id: number;
  reviewer: string;
  decision: string;
  note: string | null;
  payload: string;
}

/** The stored reviews of one claim, oldest first. */
export function reviewsOfClaim(harness: IntegrationHarness, claimId: number): ReviewRowSeen[] {
  const db = harness.openDb();
  try {
    return db.prepare("SELECT claim_id, reviewer, decision, note, payload FROM reviews WHERE claim_id = ? ORDER BY id").all(claimId) as ReviewRowSeen[];
  } finally {
    db.close();
  }
}

/** The claim id of a sentence, from claimIdsByText's map; a sentence not there is the test's mistake. */
export function claimIdOf(ids: Map<string, number>, text: string): number {
  const value = ids.get(text);
  if (value === undefined) throw new Error(`no claim "${text}"`);
  return value;
}
