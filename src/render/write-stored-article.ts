import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { countUndecidedFlags, type RenderMode } from "./build-article-view.ts";
import { renderArticleHtml } from "./render-article-html.ts";
import { renderArticleJson } from "./render-article-json.ts";
import { renderArticleMarkdown } from "./render-article-markdown.ts";
import { getArticleVersion } from "../store/articles.ts";
import { loadArticle } from "../store/load-article.ts";
import type { Store } from "../store/open-store.ts";
import { latestDecisions } from "../store/reviews.ts";
import { creditedAs } from "../domain/reader-credit.ts";
import { listRevisionCredits } from "../store/suggestions.ts";
import type { StoredArticle } from "../store/load-article.ts";
import type { ReaderCreditLine } from "./build-article-view.ts";

export type RenderOutcome =
  | { kind: "written"; slug: string; version: number; mode: RenderMode; files: string[]; undecidedFlags: number }
  /** Publishing was refused: flagged claims have no reviewer decision. Nothing was written. */
  | { kind: "refused"; slug: string; version: number; undecidedFlags: number }
  /** No such article, or no such version of it (latestVersion says what exists). */
  | { kind: "not_found"; slug: string; version: number | undefined; latestVersion: number | null };

/**
 * Renders one stored article version into output/<slug>/ (index.html, index.md, article.json), each
 * file written atomically. Reads only the store: no model call. Publish mode applies reviewer
 * decisions and refuses while a flagged claim has none, unless allowUndecided.
 */
export async function renderStoredArticle(args: {
  db: Store;
  outputDir: string;
  slug: string;
  version?: number | undefined;
  mode: RenderMode;
  allowUndecided: boolean;
}): Promise<RenderOutcome> {
  const article = loadArticle(args.db, args.slug, args.version);
  if (!article) {
    const latest = args.version === undefined ? undefined : getArticleVersion(args.db, args.slug);
    return { kind: "not_found", slug: args.slug, version: args.version, latestVersion: latest?.version ?? null };
  }
  const claimKeys = article.sections.flatMap((section) => section.claims.map((claim) => claim.claim_key));
  const decisions = latestDecisions(args.db, claimKeys);
  const undecidedFlags = countUndecidedFlags(article, decisions);
  const version = article.version.version;
  if (args.mode === "publish" && undecidedFlags > 0 && !args.allowUndecided) return { kind: "refused", slug: args.slug, version, undecidedFlags };
  const options = { mode: args.mode, decisions, readerCredits: readerCreditLines(args.db, article) };
  const dir = path.join(args.outputDir, args.slug);
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ["index.html", renderArticleHtml(article, options)],
    ["index.md", renderArticleMarkdown(article, options)],
    ["article.json", renderArticleJson(article, options)],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const target = path.join(dir, name);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, target);
    written.push(target);
  }
  return { kind: "written", slug: args.slug, version, mode: args.mode, files: written, undecidedFlags };
}

/** What `generate` calls at its end: the review rendering of the version it just stored. */
export async function writeArticleOutputs(args: { db: Store; outputDir: string; slug: string; version?: number }): Promise<string[]> {
  const outcome = await renderStoredArticle({ ...args, mode: "review", allowUndecided: true });
  if (outcome.kind !== "written") throw new Error(`no stored article "${args.slug}"${args.version ? ` version ${args.version}` : ""}`);
  return outcome.files;
}

/** The approved reader revisions of this article up to the rendered version, as the page credits them. */
function readerCreditLines(db: Store, article: StoredArticle): ReaderCreditLine[] {
  const titles = new Map(article.sections.map((section) => [section.section_id, section.title]));
  return listRevisionCredits(db, article.version.slug, article.version.version).map((credit) => ({
    sectionTitle: titles.get(credit.sectionId) ?? credit.sectionId,
    version: credit.version,
    creditedAs: creditedAs(credit.credit, credit.name),
  }));
}
