import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { renderArticleJson } from "../src/render/render-article-json.ts";
import { loadArticle } from "../src/store/load-article.ts";
import { openStore } from "../src/store/open-store.ts";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { runWikigen } from "./helpers/run-cli.ts";
import { latestDecisions } from "../src/store/reviews.ts";
import { decideAllSeedFlags, SEED_SLUG, seedRenderArticle } from "./fixtures/render/seed-article.ts";

// article.json against docs/article.schema.json (draft 2020-12), checked by a small validator for
// exactly the keywords the schema uses: an unknown keyword fails the test rather than being ignored,
// so the schema cannot quietly rely on something this validator does not check.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA = JSON.parse(readFileSync(path.join(REPO, "docs", "article.schema.json"), "utf8")) as Schema;

type Schema = { [keyword: string]: unknown };
const ANNOTATIONS = new Set(["$schema", "$id", "$defs", "title", "description"]);
const KEYWORDS = new Set(["type", "const", "enum", "properties", "required", "additionalProperties", "items", "minItems", "minimum", "maximum", "minLength", "pattern", "$ref"]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function resolveRef(ref: string, root: Schema): Schema {
  const match = /^#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
  const target = match?.[1] ? (root.$defs as Record<string, Schema> | undefined)?.[match[1]] : undefined;
  if (!target) throw new Error(`unsupported or dangling $ref ${ref}`);
  return target;
}

function validate(schema: Schema, value: unknown, root: Schema = schema, at = "$"): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !KEYWORDS.has(keyword)) throw new Error(`${at}: schema keyword "${keyword}" is not supported by this validator`);
  }
  const errors: string[] = [];
  if (typeof schema.$ref === "string") errors.push(...validate(resolveRef(schema.$ref, root), value, root, at));
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const matches = allowed.includes(actual) || (actual === "integer" && allowed.includes("number"));
    if (!matches) return [...errors, `${at}: expected ${allowed.join("|")}, got ${actual}`];
  }
  if ("const" in schema && value !== schema.const) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (actual === "string") {
    const text = value as string;
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(text)) errors.push(`${at}: "${text}" does not match ${schema.pattern}`);
    if (typeof schema.minLength === "number" && [...text].length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (actual === "number" || actual === "integer") {
    const number = value as number;
    if (typeof schema.minimum === "number" && number < schema.minimum) errors.push(`${at}: ${number} < ${schema.minimum}`);
    if (typeof schema.maximum === "number" && number > schema.maximum) errors.push(`${at}: ${number} > ${schema.maximum}`);
  }
  if (actual === "array") {
    const items = value as unknown[];
    if (typeof schema.minItems === "number" && items.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.items) items.forEach((item, index) => errors.push(...validate(schema.items as Schema, item, root, `${at}[${index}]`)));
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${at}: missing required "${key}"`);
    for (const [key, item] of Object.entries(object)) {
      const property = properties[key];
      if (property) errors.push(...validate(property, item, root, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${key}"`);
      else if (typeof schema.additionalProperties === "object") errors.push(...validate(schema.additionalProperties as Schema, item, root, `${at}.${key}`));
    }
  }
  return errors;
}

describe("article.json and its JSON Schema (docs/article.schema.json)", () => {
  let exampleJson: unknown;
  let seededReview: unknown;
  let seededPublish: unknown;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-schema-"));
    writeFileSync(path.join(dir, "wikigen.config.yaml"), REPO_EXAMPLE_CONFIG);
    const run = await runWikigen(["generate", path.join(REPO, "articles", "communities-of-practice.yaml"), "--offline"], { cwd: dir, env: {} });
    if (run.code !== 0 && run.code !== 3) throw new Error(`generate failed (${run.code}): ${run.stderr}`);
    exampleJson = JSON.parse(readFileSync(path.join(dir, "output", "communities-of-practice", "article.json"), "utf8"));
    const db = openStore(path.join(dir, "seed.db"));
    seedRenderArticle(db);
    decideAllSeedFlags(db);
    const article = loadArticle(db, SEED_SLUG);
    if (!article) throw new Error("seed failed");
    const decisions = latestDecisions(db, article.sections.flatMap((section) => section.claims.map((claim) => claim.claim_key)));
    db.close();
    seededReview = JSON.parse(renderArticleJson(article, { mode: "review", decisions }));
    seededPublish = JSON.parse(renderArticleJson(article, { mode: "publish", decisions }));
  }, 120_000);

  it("declares draft 2020-12", () => {
    expect(SCHEMA.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("validates the article.json that `generate` wrote for the offline example", () => {
    expect(validate(SCHEMA, exampleJson)).toEqual([]);
    const document = exampleJson as { sections: { blocks: { claims: { citations: { start: number | null; quote_status: string | null }[] }[] }[] }[] };
    const citations = document.sections.flatMap((section) => section.blocks.flatMap((block) => block.claims.flatMap((claim) => claim.citations)));
    expect(citations.length).toBeGreaterThan(40);
    expect(citations.every((citation) => citation.quote_status === "exact" && typeof citation.start === "number")).toBe(true);
  });

  it("validates the seeded article in review and publish mode: llm and example claims, a table, flags, decisions, a failed and a not-drafted section", () => {
    expect(validate(SCHEMA, seededReview)).toEqual([]);
    expect(validate(SCHEMA, seededPublish)).toEqual([]);
    const document = seededReview as { sections: { status: string; placeholder: string | null; blocks: { kind: string }[] }[] };
    expect(new Set(document.sections.flatMap((section) => section.blocks.map((block) => block.kind)))).toEqual(new Set(["paragraph", "list", "example", "table_row", "question"]));
    expect(document.sections.filter((section) => section.status !== "done").map((section) => section.placeholder?.split(":")[0])).toEqual([
      "This section failed to generate",
      "Not drafted offline",
    ]);
  });

  it("rejects documents that break the schema, naming where", () => {
    const broken = structuredClone(seededReview) as Record<string, unknown> & { sections: { blocks: { claims: Record<string, unknown>[] }[] }[] };
    delete broken.provenance;
    broken.mode = "draft";
    broken.extra = 1;
    const claim = broken.sections[0]?.blocks[0]?.claims[0];
    if (!claim) throw new Error("seed has no claim");
    claim.basis = "guess";
    (claim.citations as { start: unknown }[])[0] = { ...(claim.citations as object[])[0], start: "12" } as { start: unknown };
    expect(validate(SCHEMA, broken).sort()).toEqual(
      [
        '$: missing required "provenance"',
        '$.mode: "draft" is not one of ["review","publish"]',
        '$: unexpected property "extra"',
        '$.sections[0].blocks[0].claims[0].basis: "guess" is not one of ["source","llm","example"]',
        "$.sections[0].blocks[0].claims[0].citations[0].start: expected integer|null, got string",
      ].sort(),
    );
  });

  it("refuses schema keywords it does not implement", () => {
    expect(() => validate({ oneOf: [] }, 1)).toThrow(/"oneOf" is not supported/);
  });
});
