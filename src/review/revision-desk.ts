// What the review desk knows of reader revisions: plain views of each suggestion and a way to decide
// one. The desk only shows and forwards; building the views and storing a decision (a new article
// version on approval) is the composer's work (pipeline/revise/revision-desk.ts).

export interface RevisionClaimView {
  text: string;
  basis: "source" | "llm" | "example";
  sources: number[];
  verdict: string | null;
  isFlagged: boolean;
  reason: string | null;
}

export interface RevisionView {
  id: number;
  article: string;
  section: string;
  status: "received" | "drafted" | "draft_failed" | "approved" | "rejected";
  receivedAt: string;
  change: string;
  /** How the page would credit the reader ("Jane Doe", "an anonymous reader"), or null for none. Never the email. */
  creditedAs: string | null;
  sources: { url: string; number: number | null; error: string | null }[];
  claims: RevisionClaimView[];
  draftError: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  resultVersion: number | null;
}

export type RevisionDecisionResult = { kind: "approved"; version: number } | { kind: "rejected" } | { kind: "refused"; message: string };

export interface RevisionDesk {
  list(): RevisionView[];
  get(id: number): RevisionView | undefined;
  decide(args: { id: number; decision: "approve" | "reject"; reviewer: string; note: string | null }): Promise<RevisionDecisionResult>;
}
