import { z } from "zod";
import type { ReaderCreditChoice } from "../domain/reader-credit.ts";
import { describeIssues } from "../domain/describe-issues.ts";
import { describePhiFindings, findPhi, findPhiInSourceUrls } from "./phi-guard.ts";

// A reader's suggestion as it arrives (a form post or a line of suggestions.jsonl), checked before
// anything is stored: its shape, then the PHI guard over every free-text field a reader wrote.

export const CREDIT_CHOICES = ["name", "anonymous", "none"] as const satisfies readonly ReaderCreditChoice[];
export type CreditChoice = (typeof CREDIT_CHOICES)[number];

const MAX_SOURCES = 10;

const httpUrl = z.string().trim().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  },
  { message: "expected an http(s) URL" },
);

const suggestionSchema = z
  .strictObject({
    article: z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected an article slug (lower-case letters, digits, dashes)"),
    section: z.string().trim().min(1, "expected a section id").max(80),
    change: z.string().trim().min(20, "expected the proposed change (at least 20 characters)").max(5_000, "expected at most 5,000 characters"),
    sources: z.array(httpUrl).min(1, "expected at least one source URL backing the change").max(MAX_SOURCES, `expected at most ${MAX_SOURCES} source URLs`),
    email: z.string().trim().pipe(z.email("expected an email address to send the draft and the decision to")),
    credit: z.enum(CREDIT_CHOICES, { error: 'expected "name", "anonymous" or "none"' }),
    name: z.string().trim().max(80, "expected at most 80 characters").optional(),
  })
  .refine((value) => value.credit !== "name" || (value.name ?? "") !== "", { message: 'credit "name" needs a name', path: ["name"] });

export interface Suggestion {
  article: string;
  section: string;
  change: string;
  sources: string[];
  email: string;
  credit: CreditChoice;
  /** Kept only when the reader chose to be credited by name. */
  name: string | null;
}

export type SuggestionCheck = { kind: "ok"; suggestion: Suggestion } | { kind: "invalid"; reason: string } | { kind: "phi"; reason: string; kinds: string[] };

/** The guard's message without its leading "refused: ": the outcome line says it once. */
function withoutVerdict(message: string): string {
  return message.replace(/^refused: /, "");
}

/** Shape first, then the PHI guard over the change, the section, the name and the source URLs; never stores anything. */
export function checkSuggestion(input: unknown): SuggestionCheck {
  const parsed = suggestionSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { kind: "invalid", reason: describeIssues(parsed.error.issues).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; ") };
  }
  const value = parsed.data;
  const fields: [string, string][] = [
    ["change", value.change],
    ["section", value.section],
    ["name", value.credit === "name" ? (value.name ?? "") : ""],
  ];
  for (const [field, text] of fields) {
    const findings = findPhi(text);
    if (findings.length > 0) return { kind: "phi", reason: `${field}: ${withoutVerdict(describePhiFindings(findings))}; nothing was stored`, kinds: [...new Set(findings.map((finding) => finding.kind))] };
  }
  // A source URL may rightly name an author or an article number; only the URL rules apply to it.
  const sourceFindings = findPhiInSourceUrls(value.sources);
  if (sourceFindings.length > 0) {
    return { kind: "phi", reason: `sources: ${withoutVerdict(describePhiFindings(sourceFindings))}; nothing was stored`, kinds: [...new Set(sourceFindings.map((finding) => finding.kind))] };
  }
  return {
    kind: "ok",
    suggestion: { article: value.article, section: value.section, change: value.change, sources: value.sources, email: value.email, credit: value.credit, name: value.credit === "name" ? (value.name ?? null) : null },
  };
}
