import type { StoredArticle } from "../store/load-article.ts";
import { buildArticleView, type ArticleView, type RenderOptions } from "./build-article-view.ts";
import { renderArticleHtml } from "./render-article-html.ts";

// The article without its standalone page shell (its stylesheet is ARTICLE_PAGE_CSS), for a page that brings its own (the wiki site):
// the <main> element and the provenance footer, cut from the very page renderArticleHtml writes, so
// the site's article and output/<slug>/index.html cannot differ in anything but their chrome.

const MAIN_START = '<main id="content" class="page">';
const MAIN_END = "</main>";
const BODY_END = "</body>";

export interface ArticleBody {
  view: ArticleView;
  /** `<main id="content" class="page">…</main>`. */
  main: string;
  /** What follows main on the page: the provenance `<footer>`. */
  footer: string;
}

export function renderArticleBodyHtml(article: StoredArticle, options: RenderOptions): ArticleBody {
  const page = renderArticleHtml(article, options);
  const start = page.indexOf(MAIN_START);
  const mainClose = page.lastIndexOf(MAIN_END);
  const mainEnd = mainClose + MAIN_END.length;
  const end = page.lastIndexOf(BODY_END);
  // The markers are literals of renderArticleHtml's template; a change there must change them here.
  if (start < 0 || mainClose < start || end < mainEnd) throw new Error("renderArticleHtml's page no longer has the <main> and </body> markers renderArticleBodyHtml cuts at");
  return { view: buildArticleView(article, options), main: page.slice(start, mainEnd), footer: page.slice(mainEnd, end).trim() };
}
