import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderArticleMarkdown } from "../src/render/render-article-markdown.ts";
import { renderArticleJson } from "../src/render/render-article-json.ts";
import { loadArticle, type StoredArticle } from "../src/store/load-article.ts";
import { openStore } from "../src/store/open-store.ts";
import { latestDecisions, type ReviewRow } from "../src/store/reviews.ts";
import { decideAllSeedFlags, SEED_SLUG, seedRenderArticle } from "./fixtures/render/seed-article.ts";
import { runWikigen } from "./helpers/run-cli.ts";

// Golden files for index.md and article.json of the small seeded article (fixed timestamps, so the
// bytes are stable). After an intended change to the output, refresh them with
// `npx vitest run test/render-golden.test.ts -u` and read the diff.

const GOLDEN = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures", "render");

function decisionsOf(db: ReturnType<typeof openStore>, article: StoredArticle): Map<string, ReviewRow> {
  return latestDecisions(db, article.sections.flatMap((section) => section.claims.map((claim) => claim.claim_key)));
}

describe("golden renderings of a small stored article", () => {
  let dir: string;
  let article: StoredArticle;
  let decisions: Map<string, ReviewRow>;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-golden-"));
    const db = openStore(path.join(dir, "runs.db"));
    seedRenderArticle(db);
    decideAllSeedFlags(db);
    const loaded = loadArticle(db, SEED_SLUG);
    if (!loaded) throw new Error("seed failed");
    article = loaded;
    decisions = decisionsOf(db, article);
    db.close();
  });

  it("index.md in review mode", async () => {
    await expect(renderArticleMarkdown(article, { mode: "review", decisions })).toMatchFileSnapshot(path.join(GOLDEN, "render-demo.review.md"));
  });

  it("index.md in publish mode", async () => {
    await expect(renderArticleMarkdown(article, { mode: "publish", decisions })).toMatchFileSnapshot(path.join(GOLDEN, "render-demo.publish.md"));
  });

  it("article.json in review mode", async () => {
    await expect(renderArticleJson(article, { mode: "review", decisions })).toMatchFileSnapshot(path.join(GOLDEN, "render-demo.review.json"));
  });

  it("article.json in publish mode", async () => {
    await expect(renderArticleJson(article, { mode: "publish", decisions })).toMatchFileSnapshot(path.join(GOLDEN, "render-demo.publish.json"));
  });

  it("is a pure function of the stored rows: `wikigen render` writes the golden bytes, twice", async () => {
    for (let round = 0; round < 2; round++) {
      const run = await runWikigen(["render", SEED_SLUG], { cwd: dir });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(readFileSync(path.join(dir, "output", SEED_SLUG, "index.md"), "utf8")).toBe(renderArticleMarkdown(article, { mode: "review", decisions }));
      expect(readFileSync(path.join(dir, "output", SEED_SLUG, "article.json"), "utf8")).toBe(renderArticleJson(article, { mode: "review", decisions }));
    }
  });
});
