import { describe, expect, it } from "vitest";
import type { DecisionAuditRow } from "../store/decision-audit.ts";
import { csvCell, decisionsToCsv, decisionsToJsonl } from "./desk-export.ts";

const ROW: DecisionAuditRow = {
  review_id: 7,
  decided_at: "2026-11-30T12:00:00.000Z",
  reviewer: "alice",
  decision: "reject",
  claim_id: 12,
  claim_key: "k12",
  slug: "demo",
  version: 2,
  section_id: "summary",
  claim_text: 'He said "no", then left,\nangry.',
  note: "=HYPERLINK(\"http://evil\")",
  payload: "{}",
};

describe("decision export", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+1", "'=1+1"],
    ["+49 30", "'+49 30"],
    ["-5 mg", "'-5 mg"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ['=cmd|" /c calc"!A1', `"'=cmd|"" /c calc""!A1"`],
    ["", ""],
  ])("CSV cell %j is %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes numbers as numbers and null as an empty cell", () => {
    expect([csvCell(-3), csvCell(null)]).toEqual(["-3", ""]);
  });

  it("writes a header and one CRLF-ended row per decision", () => {
    expect(decisionsToCsv([ROW])).toBe(
      "review_id,decided_at,reviewer,decision,claim_id,claim_key,slug,version,section_id,claim_text,note,payload\r\n" +
        `7,2026-11-30T12:00:00.000Z,alice,reject,12,k12,demo,2,summary,"He said ""no"", then left,\nangry.","'=HYPERLINK(""http://evil"")",{}\r\n`,
    );
  });

  it("writes one JSON object per line with the stored values unchanged", () => {
    const lines = decisionsToJsonl([ROW, { ...ROW, review_id: 8, note: null }]).split("\n");
    expect(lines.slice(0, 2).map((line) => JSON.parse(line) as unknown)).toEqual([ROW, { ...ROW, review_id: 8, note: null }]);
    expect(lines[2]).toBe("");
  });
});
