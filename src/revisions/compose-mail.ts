import type { CreditChoice } from "./parse-suggestion.ts";
import { creditedAs } from "../domain/reader-credit.ts";

// The three mails a reader gets about a suggestion: at receipt, when the revision is drafted, and at
// the reviewer's decision. Plain text; the suggestion is quoted back so the reader knows which one.

export interface MailText {
  subject: string;
  body: string;
}

export interface SuggestionSummary {
  id: number;
  article: string;
  section: string;
  change: string;
  credit: CreditChoice;
  name: string | null;
}

const SIGNATURE = "\n\n-- \nwikigen reader revisions. You get this mail because this address was given with the suggestion.";

function quoted(change: string): string {
  return change
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

export function receiptMail(suggestion: SuggestionSummary): MailText {
  const credit = creditedAs(suggestion.credit, suggestion.name);
  return {
    subject: `Suggestion #${suggestion.id} received: ${suggestion.article} / ${suggestion.section}`,
    body:
      `We received your suggested revision of the section "${suggestion.section}" of "${suggestion.article}":\n\n${quoted(suggestion.change)}\n\n` +
      `We will fetch its sources, draft the revised section and verify it against them, then a reviewer decides. ` +
      `You will get a mail at each step. ${credit ? `If it is approved, the page will credit ${credit}.` : "You asked not to be credited."}` +
      SIGNATURE,
  };
}

export function draftedMail(suggestion: SuggestionSummary, outcome: { isDrafted: boolean; sentences: number; flagged: number; error: string | null }): MailText {
  const body = outcome.isDrafted
    ? `The revised section "${suggestion.section}" of "${suggestion.article}" has been drafted from your suggestion: ${outcome.sentences} sentence(s), ${outcome.flagged} flagged by the verifier. It now waits for a reviewer.`
    : `We could not draft a revised section from your suggestion (${outcome.error ?? "no reason given"}). A reviewer will still look at it.`;
  return { subject: `Suggestion #${suggestion.id} drafted: ${suggestion.article} / ${suggestion.section}`, body: body + SIGNATURE };
}

export function decisionMail(suggestion: SuggestionSummary, decision: { isApproved: boolean; version: number | null; note: string | null }): MailText {
  const credit = creditedAs(suggestion.credit, suggestion.name);
  const note = decision.note ? `\n\nThe reviewer's note: ${decision.note}` : "";
  const body = decision.isApproved
    ? `Your suggested revision of "${suggestion.section}" in "${suggestion.article}" was approved and is in version ${decision.version ?? "?"} of the article. ${credit ? `The page credits ${credit}.` : "As you asked, the page does not credit you."}`
    : `Your suggested revision of "${suggestion.section}" in "${suggestion.article}" was not accepted.`;
  return { subject: `Suggestion #${suggestion.id} ${decision.isApproved ? "approved" : "not accepted"}: ${suggestion.article}`, body: body + note + SIGNATURE };
}
