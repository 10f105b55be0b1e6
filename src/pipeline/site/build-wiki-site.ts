import { ARTICLE_PAGE_CSS } from "../../render/article-page-style.ts";
import { buildSite, type SiteBuild } from "../../site/build-site.ts";
import type { SiteExclusion } from "../../site/site-article.ts";
import type { Store } from "../../store/open-store.ts";
import { gatherSiteArticles, SITE_DISCLAIMER } from "./gather-site-articles.ts";

// `wikigen site`: the published articles gathered from the store, built into a static wiki.

export interface WikiSiteResult extends SiteBuild {
  excluded: SiteExclusion[];
}

export async function buildWikiSite(args: {
  db: Store;
  outDir: string;
  /** How the user named the folder, for messages ("--out public"). */
  named: string;
  title: string;
  baseUrl: string | null;
  allowUndecided: boolean;
}): Promise<WikiSiteResult> {
  const { articles, excluded } = gatherSiteArticles(args.db, { allowUndecided: args.allowUndecided });
  const site = { title: args.title, baseUrl: args.baseUrl, articleCss: ARTICLE_PAGE_CSS, disclaimer: SITE_DISCLAIMER };
  const build = await buildSite({ articles, site, outDir: args.outDir, named: args.named });
  return { ...build, excluded };
}
