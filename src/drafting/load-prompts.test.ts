import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLAIM_EVIDENCE } from "../domain/claims.ts";
import { loadTemplateSet } from "./load-prompts.ts";
import { renderSectionBlock } from "./render-prompt.ts";

// The evidence policy a section declares in its prompt's front matter (`accepts`).

const REPO_PROMPTS = path.resolve(import.meta.dirname, "../../prompts");
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A prompts folder with one template of one section whose front matter has these extra lines. */
function promptsWith(frontMatter: string[]): string {
  dir = mkdtempSync(path.join(tmpdir(), "wikigen-prompts-"));
  mkdirSync(path.join(dir, "templates"));
  mkdirSync(path.join(dir, "sections"));
  writeFileSync(path.join(dir, "templates", "t.yaml"), "id: t\nversion: 1\nsections: [s]\n");
  writeFileSync(path.join(dir, "system.md"), "---\nid: system\nversion: 1\n---\nSystem.\n");
  writeFileSync(path.join(dir, "sections", "s.md"), ["---", "id: s", "version: 1", "title: S", "purpose: q", "covers: q", ...frontMatter, "---", "Write it."].join("\n"));
  return dir;
}

describe("a section's accepts", () => {
  it("is declared in the repository's prompts: Evidence Base and Contraindications take only sourced sentences, Reflective Questions model-written ones", async () => {
    const set = await loadTemplateSet(REPO_PROMPTS, "clinical-theory");
    const accepts = Object.fromEntries(set.sections.map((section) => [section.id, section.accepts]));
    expect(accepts["evidence-base"]).toEqual(["source"]);
    expect(accepts["contraindications-cautions"]).toEqual(["source"]);
    expect(accepts["reflective-questions"]).toEqual(["llm"]);
    expect(accepts["interventions-techniques"]).toEqual(["source", "elaborated", "llm", "example"]);
  });

  it("defaults to every kind, and the prompt then says nothing about it", async () => {
    const set = await loadTemplateSet(promptsWith(["block_kinds: [paragraph]"]), "t");
    expect(set.sections[0]?.accepts).toEqual([...CLAIM_EVIDENCE]);
    expect(renderSectionBlock(set.sections[0] as (typeof set.sections)[number], []).text).not.toContain("accepts");
  });

  it("is told to the model when it narrows what the section takes", async () => {
    const set = await loadTemplateSet(promptsWith(["block_kinds: [paragraph]", "accepts: [source, elaborated]"]), "t");
    expect(renderSectionBlock(set.sections[0] as (typeof set.sections)[number], []).text).toContain(
      "This section accepts only sourced sentences, sourced sentences with your own framing (elaborated); any other sentence is flagged for a reviewer.",
    );
  });

  it.each([
    [["block_kinds: [paragraph]", "accepts: [source, opinion]"], "accepts[1]"],
    [["block_kinds: [paragraph]", "accepts: []"], "accepts"],
    [["block_kinds: [paragraph, example]", "accepts: [source, llm]"], "a section that allows example blocks accepts example"],
  ])("refuses %j naming the file and what is wrong", async (lines, expected) => {
    const prompts = promptsWith(lines);
    await expect(loadTemplateSet(prompts, "t")).rejects.toThrow(path.join(prompts, "sections", "s.md"));
    await expect(loadTemplateSet(prompts, "t")).rejects.toThrow(expected);
  });
});

describe("the repository's templates declare an evidence policy for every section", () => {
  // Sections that state findings, figures and safety: a model-written sentence there would be an unchecked clinical fact.
  const SOURCE_ONLY = ["evidence-base", "contraindications-cautions", "evidence-by-condition", "psychometrics", "scoring-cutoffs", "treatments-evidence", "prevalence-course"];

  it.each(["clinical-theory", "psychotherapy", "assessment-instrument", "clinical-problem"])("%s: evidence sections accept only sourced sentences, every prompt file says what it accepts", async (id) => {
    const template = await loadTemplateSet(REPO_PROMPTS, id);
    for (const section of template.sections) {
      const frontMatter = readFileSync(path.join(REPO_PROMPTS, "sections", `${section.id}.md`), "utf8").split("\n---\n")[0] ?? "";
      expect(frontMatter, section.id).toMatch(/^accepts: \[/m);
      if (SOURCE_ONLY.includes(section.id)) expect(section.accepts, section.id).toEqual(["source"]);
      if (section.id === "reflective-questions") expect(section.accepts, section.id).toEqual(["llm"]);
    }
  });
});
