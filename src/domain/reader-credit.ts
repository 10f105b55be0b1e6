// How an article page and the mails name a reader whose suggested revision was approved, as the
// reader chose. Only the name they typed for the credit is ever shown; the email address never is.

export type ReaderCreditChoice = "name" | "anonymous" | "none";

/** The credit's words ("Jane Doe", "an anonymous reader"), or null when the reader asked for none. */
export function creditedAs(credit: ReaderCreditChoice, name: string | null): string | null {
  if (credit === "none") return null;
  if (credit === "anonymous" || name === null || name.trim() === "") return "an anonymous reader";
  return name.trim();
}
