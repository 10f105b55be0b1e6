import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderArticleJson } from "../render/render-article-json.ts";
import type { Store } from "../store/open-store.ts";
import { loadArticle } from "../store/load-article.ts";

/** Renders an article version from the store into output/<slug>/ (atomically per file). */
export async function writeArticleOutputs(args: { db: Store; outputDir: string; slug: string; version?: number }): Promise<string[]> {
  const article = loadArticle(args.db, args.slug, args.version);
  if (!article) throw new Error(`no stored article "${args.slug}"${args.version ? ` version ${args.version}` : ""}`);
  const dir = path.join(args.outputDir, args.slug);
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [["article.json", renderArticleJson(article)]];
  const written: string[] = [];
  for (const [name, content] of files) {
    const target = path.join(dir, name);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, target);
    written.push(target);
  }
  return written;
}
