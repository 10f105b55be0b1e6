import { receiptMail, type SuggestionSummary } from "../../revisions/compose-mail.ts";
import { checkSuggestion } from "../../revisions/parse-suggestion.ts";
import { getArticleVersion } from "../../store/articles.ts";
import { enqueueMail } from "../../store/mail-outbox.ts";
import type { Store } from "../../store/open-store.ts";
import { listSections } from "../../store/sections.ts";
import { insertSuggestion, type SuggestionRow } from "../../store/suggestions.ts";

// Intake of one suggestion, from the reader form or a line of suggestions.jsonl: checked (shape, PHI
// guard, an article and section that exist) before anything is written, then stored together with
// its receipt mail in one transaction.

export type IntakeOutcome = { kind: "accepted"; id: number } | { kind: "refused"; reason: string; isPhi: boolean };

export function acceptSuggestion(args: { db: Store; input: unknown; channel: "form" | "file"; now?: Date }): IntakeOutcome {
  const { db } = args;
  const checked = checkSuggestion(args.input);
  if (checked.kind !== "ok") return { kind: "refused", reason: checked.reason, isPhi: checked.kind === "phi" };
  const { suggestion } = checked;
  const article = getArticleVersion(db, suggestion.article);
  if (!article) return { kind: "refused", reason: `article: no stored article "${suggestion.article}"`, isPhi: false };
  const sections = listSections(db, article.id).map((section) => section.section_id);
  if (!sections.includes(suggestion.section)) {
    return { kind: "refused", reason: `section: "${suggestion.section}" is not a section of ${suggestion.article} (its sections: ${sections.join(", ")})`, isPhi: false };
  }
  const now = args.now ?? new Date();
  const id = db.transaction(() => {
    const inserted = insertSuggestion(db, {
      channel: args.channel,
      article_slug: suggestion.article,
      section_id: suggestion.section,
      change_text: suggestion.change,
      source_urls: JSON.stringify(suggestion.sources),
      email: suggestion.email,
      credit: suggestion.credit,
      credit_name: suggestion.name,
      received_at: now.toISOString(),
    });
    const summary: SuggestionSummary = { id: inserted, article: suggestion.article, section: suggestion.section, change: suggestion.change, credit: suggestion.credit, name: suggestion.name };
    enqueueMail(db, { suggestion_id: inserted, kind: "receipt", to_address: suggestion.email, ...receiptMail(summary) }, now);
    return inserted;
  })();
  return { kind: "accepted", id };
}

export function summaryOf(row: SuggestionRow): SuggestionSummary {
  return { id: row.id, article: row.article_slug, section: row.section_id, change: row.change_text, credit: row.credit, name: row.credit_name };
}
