import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";

// Every example article (articles/*.yaml whose template exists in prompts/templates/) drafted
// offline in one run, with the extractive provider and the offline verifier, and read back from
// the store: each section is drafted or honestly not drafted, each claim is sourced and verified,
// no claim opens with a reference to something outside it, and no source sentence is quoted in
// two sections of an article.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SPECS = readdirSync(path.join(REPO, "articles"))
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => path.join(REPO, "articles", file))
  .filter((file) => {
    const template = (parse(readFileSync(file, "utf8")) as { template: string }).template;
    return existsSync(path.join(REPO, "prompts", "templates", `${template}.yaml`));
  })
  .sort();

// Openings that point outside the sentence, written out here independently of the provider's
// grammar tests (extractive-standalone.ts), so the two check each other.
const UNRESOLVED_OPENINGS = [
  /^["\u201c]?(?:It|Its|They|Their|Them|He|She|His|Her|We|Our|You|This|These|That|Those|Such|And|But|Or|So|Yet|However|Also|Then|Later|Earlier|Instead|Both|Other|Another|Finally|Next)\b/u,
  /^The (?:book|books|authors?|study|studies|review|paper|article|concept|idea|term|approach|model|theory|method|result|results|findings|first|second|third|same|latter|former|other|two|three)\b(?!\s+(?:of|by|on|that|which|who)\b)/u,
  /^(?:One|Two|Three|Four|Five|Several|A few|Many) (?:years?|months?|decades?) (?:earlier|later|before|after)\b/u,
  /^(?:In|At|From|By) (?:that|this|these|those|the same) /u,
];

interface ClaimRow {
  slug: string;
  section_id: string;
  text: string;
  basis: string;
  source_number: number | null;
  quote: string | null;
  verdict: string | null;
  is_flagged: number | null;
  text_path: string | null;
}

describe("the example articles drafted offline", () => {
  let run: CliRun;
  let claims: ClaimRow[];
  let sections: { slug: string; section_id: string; status: string; error: string | null }[];
  const harness = useIntegrationHarness({ prefix: "wikigen-offline-examples-", project: { kind: "prompts-only" } });

  beforeAll(async () => {
    writeFileSync(path.join(harness.dir, "wikigen.config.yaml"), REPO_EXAMPLE_CONFIG);
    run = await harness.wikigen(["generate", ...SPECS, "--offline", "--json"]);
    const db = harness.openDb();
    sections = db
      .prepare("SELECT av.slug, s.section_id, s.status, s.error FROM sections s JOIN article_versions av ON av.id = s.article_version_id ORDER BY av.slug, s.position")
      .all() as typeof sections;
    claims = db
      .prepare(
        `SELECT av.slug, s.section_id, c.text, c.basis, ci.source_number, ci.quote, v.verdict, v.is_flagged, sn.text_path
         FROM claims c
         JOIN sections s ON s.id = c.section_row_id
         JOIN article_versions av ON av.id = s.article_version_id
         LEFT JOIN citations ci ON ci.claim_id = c.id
         LEFT JOIN verdicts v ON v.claim_id = c.id AND v.citation_id IS NULL
         LEFT JOIN snapshots sn ON sn.text_sha256 = ci.text_sha256 AND sn.raw_sha256 = ci.raw_sha256
         ORDER BY c.id`,
      )
      .all() as ClaimRow[];
    db.close();
  }, 240_000);

  it("covers every example whose template exists, communities of practice among them", () => {
    expect(SPECS.map((file) => path.basename(file))).toContain("communities-of-practice.yaml");
    expect([0, 3], run.stderr).toContain(run.code);
    const slugs = new Set(sections.map((section) => section.slug));
    expect(slugs.size).toBe(SPECS.length);
  });

  it("drafts each section or says honestly why not, and drafts most of them", () => {
    for (const section of sections) {
      expect(["done", "not_drafted", "no_source_material"], `${section.slug}/${section.section_id}`).toContain(section.status);
      if (section.status !== "done") expect(section.error ?? "", `${section.slug}/${section.section_id}`).toMatch(/^not drafted offline|no source material/iu);
    }
    for (const slug of new Set(sections.map((section) => section.slug))) {
      const own = sections.filter((section) => section.slug === slug);
      const drafted = own.filter((section) => section.status === "done").length;
      expect(drafted / own.length, `${slug}: ${drafted} of ${own.length} sections drafted`).toBeGreaterThanOrEqual(0.6);
    }
  });

  it("sources and verifies every claim: one citation whose quote is verbatim in its snapshot, verdict supported", () => {
    expect(claims.length).toBeGreaterThan(40 * SPECS.length * 0.5);
    for (const claim of claims) {
      const where = `${claim.slug}/${claim.section_id}: ${claim.text}`;
      expect(claim.basis, where).toBe("source");
      expect(claim.quote, where).not.toBeNull();
      expect(claim.verdict, where).toBe("supported");
      expect(claim.is_flagged, where).toBe(0);
      const snapshot = readFileSync(path.join(harness.dir, "sources", claim.text_path ?? ""), "utf8");
      expect(snapshot.includes(claim.quote ?? ""), where).toBe(true);
    }
  });

  it("quotes no sentence that opens with a reference to something outside it", () => {
    const dangling = claims.filter((claim) => UNRESOLVED_OPENINGS.some((pattern) => pattern.test(claim.text)));
    expect(dangling.map((claim) => `${claim.slug}/${claim.section_id}: ${claim.text}`)).toEqual([]);
  });

  it("quotes each source sentence in one section of an article only", () => {
    const seen = new Map<string, string>();
    for (const claim of claims) {
      for (const key of [`${claim.slug} text ${claim.text}`, `${claim.slug} quote ${claim.source_number} ${claim.quote}`]) {
        const earlier = seen.get(key);
        expect(earlier === undefined || earlier === claim.section_id, `${key} in ${earlier} and ${claim.section_id}`).toBe(true);
        seen.set(key, claim.section_id);
      }
    }
    // Glossary entries quote a span that may hold a sentence quoted elsewhere: no span overlaps another section's.
    const bySource = new Map<string, { section: string; quote: string }[]>();
    for (const claim of claims) {
      const key = `${claim.slug} ${claim.source_number}`;
      const list = bySource.get(key) ?? [];
      for (const other of list) {
        if (other.section !== claim.section_id) {
          const overlaps = other.quote.includes(claim.quote ?? "") || (claim.quote ?? "").includes(other.quote);
          expect(overlaps, `${claim.slug}: "${claim.quote}" (${claim.section_id}) and "${other.quote}" (${other.section})`).toBe(false);
        }
      }
      list.push({ section: claim.section_id, quote: claim.quote ?? "" });
      bySource.set(key, list);
    }
  });

  it("writes the glossary section as term: definition entries", () => {
    const glossary = claims.filter((claim) => claim.section_id === "key-terms");
    expect(glossary.length).toBeGreaterThan(0);
    for (const claim of glossary) expect(claim.text, `${claim.slug}: ${claim.text}`).toMatch(/^[\p{Lu}\p{N}][^:]{1,60}: \S/u);
  });
});
