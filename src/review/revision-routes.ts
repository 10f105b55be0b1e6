import { renderMessage } from "./render-layout.ts";
import { renderRevisionList, renderRevisionPage } from "./render-revision-pages.ts";
import type { RevisionDesk } from "./revision-desk.ts";
import type { ReviewSession } from "./sessions.ts";

// The review server's /revisions routes, dispatched from start-review-server.ts: the queue, one
// suggestion, and the decision post (which reaches here only past the server's CSRF checks).

/** /revisions, /revisions/ID, /revisions/ID/decide. */
export const REVISION_PATH = /^\/revisions(?:\/(\d{1,12})(\/decide)?)?$/;

export type RevisionResponse = { kind: "page"; status: number; body: string } | { kind: "redirect"; location: string };

export function revisionPage(desk: RevisionDesk, session: ReviewSession, pathname: string, params: URLSearchParams): RevisionResponse {
  const match = REVISION_PATH.exec(pathname);
  const notice = params.get("notice") ?? undefined;
  if (!match?.[1]) return { kind: "page", status: 200, body: renderRevisionList({ session, revisions: desk.list(), notice }) };
  const revision = desk.get(Number(match[1]));
  if (!revision) return { kind: "page", status: 404, body: renderMessage({ title: "No such suggestion", session, message: `There is no suggestion #${match[1]}.`, back: "/revisions" }) };
  return { kind: "page", status: 200, body: renderRevisionPage({ session, revision, notice }) };
}

export async function decideRevisionPost(desk: RevisionDesk, session: ReviewSession, pathname: string, form: URLSearchParams): Promise<RevisionResponse> {
  const id = Number(REVISION_PATH.exec(pathname)?.[1]);
  const decision = form.get("decision");
  const revision = desk.get(id);
  if (!revision) return { kind: "page", status: 404, body: renderMessage({ title: "No such suggestion", session, message: `There is no suggestion #${id}.`, back: "/revisions" }) };
  if (decision !== "approve" && decision !== "reject") {
    return { kind: "page", status: 400, body: renderMessage({ title: "Bad request", session, message: `Unknown decision "${decision ?? ""}".`, back: `/revisions/${id}` }) };
  }
  const note = (form.get("note") ?? "").trim();
  const result = await desk.decide({ id, decision, reviewer: session.reviewer, note: note === "" ? null : note });
  if (result.kind === "refused") return { kind: "page", status: 409, body: renderRevisionPage({ session, revision, refusal: result.message }) };
  const notice = result.kind === "approved" ? `Suggestion #${id} approved: version ${result.version} stored; the reader is mailed.` : `Suggestion #${id} rejected; the reader is mailed.`;
  return { kind: "redirect", location: `/revisions/${id}?notice=${encodeURIComponent(notice)}` };
}
