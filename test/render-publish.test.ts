import * as cheerio from "cheerio";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { renderArticleHtml } from "../src/render/render-article-html.ts";
import { loadArticle } from "../src/store/load-article.ts";
import { openStore, type Store } from "../src/store/open-store.ts";
import { latestDecisions } from "../src/store/reviews.ts";
import {
  decideAllSeedFlags,
  decideSeedClaim,
  FLAGGED_NOT_SUPPORTED,
  FLAGGED_QUOTE_NOT_FOUND,
  FLAGGED_UNVERIFIABLE,
  SEED_SLUG,
  seedRenderArticle,
} from "./fixtures/render/seed-article.ts";
import { runWikigen } from "./helpers/run-cli.ts";

// Publish mode: reviewer decisions applied by claim key, and `wikigen render --publish` refusing
// while a flagged claim has no decision. Each test gets a fresh store in a temp folder.

let dir: string;
let db: Store;

function output(name: string): string {
  return readFileSync(path.join(dir, "output", SEED_SLUG, name), "utf8");
}

/** The claim element whose text starts with the given sentence. */
function claimOf($: cheerio.CheerioAPI, text: string) {
  return $(".claim").filter((_, element) => $(element).text().startsWith(text));
}

function renderWithStoredDecisions(mode: "review" | "publish"): cheerio.CheerioAPI {
  const article = loadArticle(db, SEED_SLUG);
  if (!article) throw new Error("seed missing");
  const decisions = latestDecisions(db, article.sections.flatMap((section) => section.claims.map((claim) => claim.claim_key)));
  return cheerio.load(renderArticleHtml(article, { mode, decisions }));
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "wikigen-publish-"));
  db = openStore(path.join(dir, "runs.db"));
  seedRenderArticle(db);
  return () => db.close();
});

describe("renderArticleHtml in publish mode applies decisions by claim key", () => {
  it("reject removes the claim, approve keeps it without a flag, retag shows LLM, edit and replace_citation show the new text and source", () => {
    decideAllSeedFlags(db);
    const $ = renderWithStoredDecisions("publish");
    expect(claimOf($, FLAGGED_NOT_SUPPORTED)).toHaveLength(0);
    expect($("body").text()).not.toContain(FLAGGED_NOT_SUPPORTED);

    const approved = claimOf($, FLAGGED_UNVERIFIABLE);
    expect(approved).toHaveLength(1);
    expect(approved.find(".flag")).toHaveLength(0);
    expect(approved.find(".marker a").map((_, link) => $(link).attr("href")).get()).toEqual(["#source-3"]);

    const retagged = claimOf($, FLAGGED_QUOTE_NOT_FOUND);
    expect(retagged.attr("data-basis")).toBe("llm");
    expect(retagged.find(".marker").text()).toBe("LLM");
    expect(retagged.find("sup, .flag")).toHaveLength(0);

    expect(claimOf($, "Domain: a shared area of concern.")).toHaveLength(0);
    expect(claimOf($, "Domain: the area of concern the members share.").find(".marker a").attr("href")).toBe("#source-1");

    const replaced = claimOf($, "Peer consultation groups are one clinical form of the idea.");
    expect(replaced.find(".marker a").map((_, link) => $(link).attr("href")).get()).toEqual(["#source-1"]);
    expect(replaced.find(".quote").text()).toContain("learn how to do it better as they interact regularly");

    expect($(".flag")).toHaveLength(0);
    expect($("footer").text()).toContain("1 removed in review");
  });

  it("review mode keeps every claim and its flag, and names the decision taken", () => {
    decideAllSeedFlags(db);
    const $ = renderWithStoredDecisions("review");
    const rejected = claimOf($, FLAGGED_NOT_SUPPORTED);
    expect(rejected.find(".flag").text()).toBe("⚑ Flagged: Not supported by the cited source (missing terms: outcomes, randomised). Reviewer decision: reject.");
    expect(claimOf($, FLAGGED_QUOTE_NOT_FOUND).find(".flag").text()).toContain("Quote not found in source 2");
    expect(claimOf($, FLAGGED_UNVERIFIABLE).find(".flag").text()).toContain("Unverifiable: the cited source is not available (source missing)");
    expect($(".flag")).toHaveLength(3);
  });

  it("a newer decision replaces an older one for the same claim key", () => {
    decideSeedClaim(db, { text: FLAGGED_NOT_SUPPORTED, decision: "reject", at: "2026-03-15T10:00:00.000Z" });
    decideSeedClaim(db, { text: FLAGGED_NOT_SUPPORTED, decision: "approve", at: "2026-03-16T10:00:00.000Z" });
    const $ = renderWithStoredDecisions("publish");
    expect(claimOf($, FLAGGED_NOT_SUPPORTED).find(".flag")).toHaveLength(0);
    expect(claimOf($, FLAGGED_NOT_SUPPORTED)).toHaveLength(1);
  });
});

describe("wikigen render --publish", () => {
  it("refuses while flagged claims are undecided, naming how many and how to review them, and writes nothing", async () => {
    decideSeedClaim(db, { text: FLAGGED_NOT_SUPPORTED, decision: "reject" });
    const run = await runWikigen(["render", SEED_SLUG, "--publish"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("refusing to publish render-demo v1: 2 flagged claims have no review decision");
    expect(run.stderr).toContain("wikigen review");
    expect(run.stderr).toContain("--allow-undecided");
    expect(existsSync(path.join(dir, "output", SEED_SLUG))).toBe(false);
  });

  it("keeps the claim and its flag when a decision's payload does not parse, saying the decision was not applied", async () => {
    decideAllSeedFlags(db);
    decideSeedClaim(db, { text: FLAGGED_UNVERIFIABLE, decision: "edit", payload: { wrong: true }, at: "2026-03-17T10:00:00.000Z" });
    const run = await runWikigen(["render", SEED_SLUG, "--publish"], { cwd: dir });
    // Decided is decided (the review queue's rule); the page says the decision did not take effect.
    expect(run.code).toBe(0);
    const claim = claimOf(cheerio.load(output("index.html")), FLAGGED_UNVERIFIABLE);
    expect(claim.find(".flag").text()).toBe("⚑ Flagged, reviewer decision not applied: Unverifiable: the cited source is not available (source missing).");
  });

  it("publishes with --allow-undecided, keeping the undecided flags visible", async () => {
    const run = await runWikigen(["render", SEED_SLUG, "--publish", "--allow-undecided"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("published with 3 flagged claims undecided");
    const $ = cheerio.load(output("index.html"));
    expect($(".flag").map((_, flag) => $(flag).find("strong").text()).get()).toEqual(Array(3).fill("⚑ Flagged, not reviewed:"));
    expect(JSON.parse(output("article.json"))).toMatchObject({ mode: "publish", summary: { undecided_flags: 3, flagged: 3 } });
  });

  it("publishes once every flag is decided: all three files reflect the decisions", async () => {
    decideAllSeedFlags(db);
    const run = await runWikigen(["render", SEED_SLUG, "--publish", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      slug: SEED_SLUG,
      version: 1,
      mode: "publish",
      undecided_flags: 0,
      files: ["index.html", "index.md", "article.json"].map((name) => path.join("output", SEED_SLUG, name)),
    });
    expect(output("index.md")).not.toContain(FLAGGED_NOT_SUPPORTED);
    expect(output("index.md")).toContain(`${FLAGGED_QUOTE_NOT_FOUND} \`LLM\``);
    const json = JSON.parse(output("article.json")) as { summary: { removed_in_review: number; flagged: number } };
    expect(json.summary).toMatchObject({ removed_in_review: 1, flagged: 0 });
    expect(cheerio.load(output("index.html"))(".mode").text()).toBe("Published rendering: reviewer decisions applied.");
  });

  it("renders review mode by default with exit 0 even when flags are undecided", async () => {
    const run = await runWikigen(["render", SEED_SLUG], { cwd: dir });
    expect(run.code).toBe(0);
    expect(cheerio.load(output("index.html"))(".flag")).toHaveLength(3);
  });
});

describe("wikigen render errors", () => {
  it.each([
    [["render", "no-such-article"], 'runs.db: no stored article "no-such-article"; run `wikigen generate no-such-article` first'],
    [["render", SEED_SLUG, "--version", "4"], `runs.db: article "${SEED_SLUG}" has no version 4 (the newest is version 1)`],
    [["render", SEED_SLUG, "--version", "two"], '--version: expected a whole number >= 1, got "two"'],
    [["render"], "expected exactly one article slug"],
    [["render", "../etc"], '"../etc" is not an article slug'],
  ])("%j -> exit 1 with a clear message", async (args, message) => {
    const run = await runWikigen(args, { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it("says when there is no store at all, without creating one", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "wikigen-nostore-"));
    const run = await runWikigen(["render", SEED_SLUG], { cwd: empty });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("wikigen render: no store at runs.db (run wikigen generate first, or pass --db)\n");
    expect(existsSync(path.join(empty, "runs.db"))).toBe(false);
  });

  it("renders an older version on request", async () => {
    seedRenderArticle(db);
    const run = await runWikigen(["render", SEED_SLUG, "--version", "1", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(output("article.json"))).toMatchObject({ version: 1 });
    const latest = await runWikigen(["render", SEED_SLUG], { cwd: dir });
    expect(latest.stdout).toContain("render-demo v2 (review)");
  });
});
