import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { startPageServer, type PageServer } from "./helpers/regen-fixture.ts";

// Reader revisions from the terminal, offline (extractive provider, offline verifier): suggestions
// from a JSON-lines file, each line accepted or refused on its own; the PHI guard refusing before
// anything is stored; a suggestion drafted from its snapshotted source and approved into a new
// version with trigger `revision` whose page credits the reader as they chose.

const READER_SOURCE = [
  "Communities of practice in clinical supervision depend on facilitators who protect the time members spend on shared case discussion.",
  "Regular peer consultation meetings help newer clinicians move from peripheral roles toward full participation in the practice.",
];

const CHANGE = "Add that peer consultation meetings help newer clinicians move toward full participation, as the cited guide describes.";

function line(value: unknown): string {
  return JSON.stringify(value);
}

describe("wikigen suggest and wikigen revisions", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-revisions-cli-", project: { kind: "article" } });

  it("stores accepted lines, refuses bad ones with their line numbers, drafts and approves a revision", async () => {
    const generated = await harness.wikigen(["generate", "demo-article"]);
    expect([0, 3]).toContain(generated.code);
    const page: PageServer = harness.adopt(await startPageServer(READER_SOURCE));
    const good = { article: "demo-article", section: "summary", change: CHANGE, sources: [page.url], email: "reader@example.org", credit: "name", name: "Dr. Ada Reader" };
    const lines = [
      line(good),
      "{not json",
      line({ ...good, change: "Please add the case of my client, reachable at client.name@example.com, who improved." }),
      line({ ...good, change: "My client (phone 555-123-4567) improved a lot after joining a peer consultation group." }),
      line({ ...good, section: "no-such-section" }),
      line({ ...good, credit: "name", name: undefined }),
      line({ ...good, sources: ["ftp://example.org/x"] }),
      line({ ...good, credit: "anonymous", name: undefined, email: "second@example.org" }),
    ];
    writeFileSync(path.join(harness.dir, "suggestions.jsonl"), `${lines.join("\n")}\n`);

    const run = await harness.wikigen(["suggest", "--file", "suggestions.jsonl"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("suggestions.jsonl:1: accepted as suggestion #1");
    expect(run.stdout).toMatch(/suggestions\.jsonl:2: refused: not valid JSON/);
    expect(run.stdout).toMatch(/suggestions\.jsonl:3: refused: change: the text contains .*email.*nothing was stored/i);
    expect(run.stdout).toMatch(/suggestions\.jsonl:4: refused: change: the text contains .*phone/i);
    expect(run.stdout).toMatch(/suggestions\.jsonl:5: refused: section: "no-such-section" is not a section of demo-article/);
    expect(run.stdout).toMatch(/suggestions\.jsonl:6: refused: name: credit "name" needs a name/);
    expect(run.stdout).toMatch(/suggestions\.jsonl:7: refused: sources\[0\]: expected an http\(s\) URL/);
    expect(run.stdout).toContain("suggestions.jsonl:8: accepted as suggestion #2");
    expect(run.stderr).toContain("2 mail(s) wait in the outbox: no mail.host configured");

    const db = harness.openDb();
    try {
      const rows = db.prepare(`SELECT id, change_text, email, credit, status FROM suggestions ORDER BY id`).all() as { change_text: string; email: string; status: string }[];
      expect(rows.map((row) => row.status)).toEqual(["received", "received"]);
      // Nothing of a refused line is stored: not in suggestions, not in the outbox.
      const everything = JSON.stringify([rows, db.prepare(`SELECT * FROM mail_outbox`).all()]);
      expect(everything).not.toContain("client.name@example.com");
      expect(everything).not.toContain("555-123-4567");
      expect(db.prepare(`SELECT kind, to_address, sent_at FROM mail_outbox ORDER BY id`).all()).toEqual([
        { kind: "receipt", to_address: "reader@example.org", sent_at: null },
        { kind: "receipt", to_address: "second@example.org", sent_at: null },
      ]);
    } finally {
      db.close();
    }

    const drafted = await harness.wikigen(["revisions", "draft", "1"]);
    expect(drafted.code).toBe(0);
    expect(drafted.stdout).toMatch(/suggestion #1: drafted, \d+ sentence\(s\), \d+ flagged/);
    const shown = await harness.wikigen(["revisions", "show", "1", "--json"]);
    const detail = JSON.parse(shown.stdout) as { status: string; sources: { number: number; url: string; error: string | null }[]; claims: { text: string; sources: number[] }[]; email: string };
    expect(detail.status).toBe("drafted");
    expect(detail.sources).toEqual([{ number: 3, url: page.url, error: null }]);
    expect(detail.email).toBe("reader@example.org");
    // The revised section quotes the reader's newly snapshotted source.
    expect(detail.claims.some((claim) => claim.sources.includes(3))).toBe(true);

    const approved = await harness.wikigen(["revisions", "approve", "1", "--reviewer", "rev-a"]);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain("suggestion #1: approved; demo-article version 2 stored (trigger revision)");
    const history = await harness.wikigen(["history", "demo-article", "--json"]);
    expect(history.stdout).toContain('"revision"');

    const check = harness.openDb();
    try {
      const versions = check.prepare(`SELECT v.version, r.trigger FROM article_versions v JOIN runs r ON r.id = v.run_id ORDER BY v.version`).all();
      expect(versions).toEqual([
        { version: 1, trigger: "manual" },
        { version: 2, trigger: "revision" },
      ]);
      const sections = check
        .prepare(`SELECT s.section_id, s.reused_from IS NOT NULL AS carried FROM sections s JOIN article_versions v ON v.id = s.article_version_id WHERE v.version = 2 ORDER BY s.position`)
        .all() as { section_id: string; carried: number }[];
      expect(sections.filter((section) => !section.carried).map((section) => section.section_id)).toEqual(["summary"]);
      expect(sections).toHaveLength(14);
      const sources = check.prepare(`SELECT s.source_number, s.tier FROM article_sources s JOIN article_versions v ON v.id = s.article_version_id WHERE v.version = 2 ORDER BY s.source_number`).all();
      expect(sources).toEqual([
        { source_number: 1, tier: "T1" },
        { source_number: 2, tier: "T3" },
        { source_number: 3, tier: "T3" },
      ]);
    } finally {
      check.close();
    }
    const html = await readFile(path.join(harness.dir, "output", "demo-article", "index.html"), "utf8");
    expect(html).toContain('<meta name="wikigen-article" content="demo-article">');
    expect(html).toContain("Summary: revised in version 2 from a suggestion by Dr. Ada Reader");
    expect(html).not.toContain("reader@example.org");

    // The second suggestion is rejected; a decided one cannot be decided again.
    await harness.wikigen(["revisions", "draft"]);
    const rejected = await harness.wikigen(["revisions", "reject", "2", "--note", "the source does not say this"]);
    expect(rejected.code).toBe(0);
    const again = await harness.wikigen(["revisions", "approve", "2"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("suggestion #2 is rejected");
    const mails = harness.openDb();
    try {
      expect(mails.prepare(`SELECT suggestion_id, kind FROM mail_outbox ORDER BY id`).all()).toEqual([
        { suggestion_id: 1, kind: "receipt" },
        { suggestion_id: 2, kind: "receipt" },
        { suggestion_id: 1, kind: "drafted" },
        { suggestion_id: 1, kind: "decision" },
        { suggestion_id: 2, kind: "drafted" },
        { suggestion_id: 2, kind: "decision" },
      ]);
    } finally {
      mails.close();
    }
  });
});
