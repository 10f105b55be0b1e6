import type { DecisionAuditRow } from "../store/decision-audit.ts";

// Decisions as JSONL and CSV, one row per stored decision (listDecisionAudit's rows, in order). CSV
// follows RFC 4180: fields with a comma, quote, CR or LF are quoted and quotes doubled, lines end in
// CRLF. A spreadsheet runs a cell that starts with = + - @ (or a tab or CR, which some strip first)
// as a formula, and claim text, notes and names come from models and reviewers: such a text cell
// gets a leading apostrophe, which spreadsheets show as text. Numbers are written as numbers.

export const EXPORT_COLUMNS = [
  "review_id",
  "decided_at",
  "reviewer",
  "decision",
  "claim_id",
  "claim_key",
  "slug",
  "version",
  "section_id",
  "claim_text",
  "note",
  "payload",
] as const satisfies readonly (keyof DecisionAuditRow)[];

export function decisionsToJsonl(rows: readonly DecisionAuditRow[]): string {
  return rows.map((row) => `${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, row[column]])))}\n`).join("");
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function decisionsToCsv(rows: readonly DecisionAuditRow[]): string {
  const lines = [EXPORT_COLUMNS.join(","), ...rows.map((row) => EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
