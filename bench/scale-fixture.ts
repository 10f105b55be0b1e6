import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../test/helpers/seeded-random.ts";

// A workspace for the scale benchmark: N article specs, each citing two local text sources of about
// 1,800 words (realistic handout length), written from sentence templates with a seeded generator so
// every run sees the same text. Each article gets its own words, so no two share a cached prefix.

export const REPO_PROMPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prompts");

const SUBJECTS = ["Supervisors", "Peer groups", "Newcomers", "Experienced clinicians", "Facilitators", "Training programmes", "Case consultations", "Reflective teams"];
const VERBS = ["describe", "support", "document", "strengthen", "question", "organise", "review", "share"];
const OBJECTS = ["shared repertoires of practice", "difficult cases", "ethical dilemmas", "therapeutic alliances", "learning goals", "session notes", "clinical judgement", "referral pathways"];
const SETTINGS = ["in community clinics", "during weekly meetings", "across hospital teams", "in rural services", "within training placements", "in group supervision"];

function sentence(random: () => number, topic: string): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const year = 1990 + Math.floor(random() * 34);
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} of ${topic} ${pick(SETTINGS)}, as reported in ${year}.`;
}

function sourceText(seed: number, topic: string, paragraphs: number): string {
  const random = seededRandom(seed);
  return Array.from({ length: paragraphs }, () => Array.from({ length: 3 }, () => sentence(random, topic)).join(" ")).join("\n\n") + "\n";
}

export function slugOf(index: number): string {
  return `scale-article-${String(index + 1).padStart(3, "0")}`;
}

/** Writes articles/, docs/ and wikigen.config.yaml under dir; returns the slugs. */
export function writeScaleWorkspace(dir: string, args: { articles: number; configLines: string[] }): string[] {
  mkdirSync(path.join(dir, "articles"), { recursive: true });
  mkdirSync(path.join(dir, "docs"), { recursive: true });
  const slugs: string[] = [];
  for (let index = 0; index < args.articles; index++) {
    const slug = slugOf(index);
    const topic = `practice community ${index + 1}`;
    writeFileSync(path.join(dir, "docs", `${slug}-a.txt`), sourceText(index * 2 + 1, topic, 40));
    writeFileSync(path.join(dir, "docs", `${slug}-b.txt`), sourceText(index * 2 + 2, topic, 40));
    writeFileSync(
      path.join(dir, "articles", `${slug}.yaml`),
      [
        `slug: ${slug}`,
        `title: "Communities of Practice ${index + 1}"`,
        "spec_version: 1",
        "template: clinical-theory",
        `topic: ${topic} supervision learning`,
        "metadata:",
        "  type: Theory",
        "  discipline: [Education, Psychology]",
        "  evidence_status: Emerging",
        "sources:",
        "  - number: 1",
        `    url: file:../docs/${slug}-a.txt`,
        "    title: Field notes",
        "    tier: T2",
        "  - number: 2",
        `    url: file:../docs/${slug}-b.txt`,
        "    title: Training handout",
        "    tier: T3",
        "",
      ].join("\n"),
    );
    slugs.push(slug);
  }
  writeFileSync(path.join(dir, "wikigen.config.yaml"), ["paths:", `  prompts: ${REPO_PROMPTS}`, ...args.configLines, ""].join("\n"));
  return slugs;
}
