import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listOpenFlags, loadFlag } from "../store/flags.ts";
import type { Store } from "../store/open-store.ts";
import { countEnabledAccounts } from "../store/reviewer-accounts.ts";
import { findReviewOfClaim, type ReviewDecision } from "../store/reviews.ts";
import { REVIEW_CSS, REVIEW_JS } from "./assets.ts";
import { createLoginRateLimiter, type LoginLimits } from "./auth-rate-limit.ts";
import { readRequestOrigin, type RequestOrigin } from "./auth-request.ts";
import { gateLogin, handleAuthRoute } from "./auth-routes.ts";
import { bulkNotice } from "./desk-bulk.ts";
import { acceptPost, cookieOptions, type DeskContext, type DeskRequest, type PublishArticle } from "./desk-context.ts";
import { renderFlagPanel } from "./desk-flag-panel.ts";
import { handleDeskRoute } from "./desk-routes.ts";
import { decideFlag, DECISIONS, type CheckClaim } from "./decide-flag.ts";
import { applyFilter, filterQuery, parseFilter, type FlagFilter } from "./flag-filters.ts";
import { listenOn, redirect, send, sendHtml } from "./http-io.ts";
import { readSourceText } from "./read-source-text.ts";
import { renderFlagList } from "./render-flag-list.ts";
import { renderFlagPage, type FlagPageInput } from "./render-flag-page.ts";
import { renderMessage } from "./render-layout.ts";
import { allowedHostsFor, isLoopbackHost } from "./request-guard.ts";
import type { RevisionDesk } from "./revision-desk.ts";
import { decideRevisionPost, REVISION_PATH, revisionPage, type RevisionResponse } from "./revision-routes.ts";
import { toSameOriginPath } from "./same-origin-path.ts";
import { createSessionStore, type ReviewSession } from "./sessions.ts";

// The local review server (node:http): the queue, one page per flag, and POST endpoints for
// decisions. Every POST needs the session cookie AND the session's CSRF token from the page; when
// bound to loopback, a request must also name this server in its Host header, so a page on another
// site cannot reach it through DNS rebinding. With reviewer accounts in the store, or bound beyond
// loopback, every page needs a login (auth-routes.ts); the team desk's pages are in desk-routes.ts.

export interface ReviewServerOptions {
  db: Store;
  sourcesDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  reviewer: string;
  checkClaim: CheckClaim | undefined;
  /** Reader revisions (the /revisions pages); absent, the desk has flags only. */
  revisions?: RevisionDesk | undefined;
  log?: (line: string) => void;
  /** Logins: idle session lifetime, rate limits, and whether X-Forwarded-* are to be believed. */
  auth?: {
    sessionTtlMs: number;
    limits: LoginLimits;
    trustProxy: boolean;
    /** host[:port] names the server answers to besides its loopback names (a proxy's public name). */
    allowedHosts: readonly string[];
  };
  /** Re-renders a published article (editors; composed by the CLI from `wikigen render --publish`). */
  publish?: PublishArticle;
  /** The clock of sessions, rate limits and stored times (tests move it). */
  now?: () => Date;
}

export interface ReviewServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export { isLoopbackHost } from "./request-guard.ts";

export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const now = options.now ?? (() => new Date());
  const auth = options.auth ?? { sessionTtlMs: 8 * 60 * 60_000, limits: { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 }, trustProxy: false, allowedHosts: [] };
  const sessions = createSessionStore(options.reviewer, { ttlMs: auth.sessionTtlMs, now: () => now().getTime() });
  const log = options.log ?? (() => undefined);
  let allowedHosts: Set<string> | undefined = auth.allowedHosts.length > 0 ? new Set(auth.allowedHosts.map((host) => host.toLowerCase())) : undefined;
  const isLoopback = isLoopbackHost(options.host);
  const desk: DeskContext = {
    db: options.db,
    sessions,
    limiter: createLoginRateLimiter(auth.limits, () => now().getTime()),
    now,
    isLoginRequired: () => !isLoopback || countEnabledAccounts(options.db) > 0,
    publish: options.publish,
    log,
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`review: ${req.method ?? "?"} ${req.url ?? "?"} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, "internal error\n", { "content-type": "text/plain; charset=utf-8" });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = readRequestOrigin(req, auth.trustProxy);
    if (allowedHosts && !allowedHosts.has(origin.host)) {
      send(res, 403, "unexpected Host header\n", { "content-type": "text/plain; charset=utf-8" });
      return;
    }
    const url = new URL(req.url ?? "/", "http://review.invalid");
    const method = req.method ?? "GET";
    const request: DeskRequest = { req, res, url, method, origin };
    const flagMatch = /^\/flags\/(\d{1,12})(\/decide)?$/.exec(url.pathname);
    if (method === "GET" && url.pathname === "/assets/review.css") return send(res, 200, REVIEW_CSS, { "content-type": "text/css; charset=utf-8" });
    if (method === "GET" && url.pathname === "/assets/review.js") return send(res, 200, REVIEW_JS, { "content-type": "text/javascript; charset=utf-8" });
    // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
    if (method === "GET" && url.pathname === "/favicon.ico") return send(res, 204, "");
    if (await handleAuthRoute(desk, request)) return;
    if (gateLogin(desk, request)) return;
    if (await handleDeskRoute(desk, request)) return;
    if (method === "GET" && url.pathname === "/") return pageResponse(req, res, origin, (session) => listPage(session, url.searchParams));
    if (method === "GET" && flagMatch && !flagMatch[2]) return pageResponse(req, res, origin, (session) => flagPage(session, Number(flagMatch[1]), url.searchParams));
    const revisionMatch = options.revisions ? REVISION_PATH.exec(url.pathname) : null;
    if (method === "GET" && revisionMatch && !revisionMatch[2]) return revisionResponse(req, res, origin, (session, revisions) => revisionPage(revisions, session, url.pathname, url.searchParams));
    if (method === "POST" && (url.pathname === "/session/reviewer" || flagMatch?.[2] || revisionMatch?.[2])) return handlePost(request, Number(flagMatch?.[1]));
    if (method !== "GET" && method !== "POST") return send(res, 405, "method not allowed\n", { allow: "GET, POST", "content-type": "text/plain; charset=utf-8" });
    send(res, 404, "not found\n", { "content-type": "text/plain; charset=utf-8" });
  }

  async function pageResponse(req: IncomingMessage, res: ServerResponse, origin: RequestOrigin, build: (session: ReviewSession) => Promise<{ status: number; body: string }>): Promise<void> {
    const { session, isNew } = sessions.resolve(req.headers.cookie);
    const page = await build(session);
    sendHtml(res, page.status, page.body, isNew ? { "set-cookie": sessions.cookieFor(session, cookieOptions(origin)) } : {});
  }

  async function revisionResponse(
    req: IncomingMessage,
    res: ServerResponse,
    origin: RequestOrigin,
    build: (session: ReviewSession, revisions: RevisionDesk) => RevisionResponse | Promise<RevisionResponse>,
    known?: ReviewSession,
  ): Promise<void> {
    const { session, isNew } = known ? { session: known, isNew: false } : sessions.resolve(req.headers.cookie);
    const answer = await build(session, options.revisions as RevisionDesk);
    const headers: Record<string, string> = isNew ? { "set-cookie": sessions.cookieFor(session, cookieOptions(origin)) } : {};
    if (answer.kind === "redirect") return redirect(res, answer.location, headers);
    sendHtml(res, answer.status, answer.body, headers);
  }

  async function listPage(session: ReviewSession, params: URLSearchParams): Promise<{ status: number; body: string }> {
    const filter = parseFilter(params);
    const all = listOpenFlags(options.db);
    return { status: 200, body: renderFlagList({ session, all, shown: applyFilter(all, filter), filter, notice: decidedNotice(params) ?? bulkNotice(params, session.reviewer) }) };
  }

  async function flagPage(session: ReviewSession, claimId: number, params: URLSearchParams, refusal?: FlagPageInput["refusal"]): Promise<{ status: number; body: string }> {
    const flag = loadFlag(options.db, claimId);
    if (!flag) return { status: 404, body: renderMessage({ title: "No such flag", session, message: `There is no flag #${claimId}.`, back: "/" }) };
    const filter = parseFilter(params);
    const shown = applyFilter(listOpenFlags(options.db), filter);
    const index = shown.findIndex((candidate) => candidate.claim_id === claimId);
    const queue = {
      index,
      total: shown.length,
      previous: index > 0 ? shown[index - 1]?.claim_id : undefined,
      // A flag outside the queue (just decided, or superseded) still offers the way back into it.
      next: index >= 0 ? shown[index + 1]?.claim_id : shown[0]?.claim_id,
    };
    const requested = Number(params.get("citation"));
    const firstFlagged = flag.claim.citations.findIndex((citation) => citation.verdict?.is_flagged === 1);
    const citationIndex = Number.isInteger(requested) && params.has("citation") && flag.claim.citations[requested] ? requested : Math.max(0, firstFlagged);
    const citation = flag.claim.citations[citationIndex];
    const source = citation ? flag.sources.find((candidate) => candidate.source_number === citation.source_number) : undefined;
    const sourceText = source ? await readSourceText(options.db, options.sourcesDir, source) : undefined;
    const body = renderFlagPage({ session, flag, filter, queue, citationIndex, sourceText, notice: decidedNotice(params), refusal, desk: renderFlagPanel(desk, session, flag, filter) });
    return { status: refusal ? 422 : 200, body };
  }

  function decidedNotice(params: URLSearchParams): string | undefined {
    const decided = Number(params.get("decided"));
    if (!params.has("decided") || !Number.isInteger(decided)) return undefined;
    const review = findReviewOfClaim(options.db, decided);
    return review ? `Flag #${decided}: ${review.decision.replace("_", " ")} recorded for ${review.reviewer}.` : undefined;
  }

  async function handlePost(request: DeskRequest, claimId: number): Promise<void> {
    const accepted = await acceptPost(desk, request);
    if (!accepted) return;
    const { session, form } = accepted;
    const { res } = request;
    const revisions = options.revisions;
    if (revisions && REVISION_PATH.test(request.url.pathname)) {
      return revisionResponse(request.req, res, request.origin, (known) => decideRevisionPost(revisions, known, request.url.pathname, form), session);
    }
    if (request.url.pathname === "/session/reviewer") {
      if (session.account) {
        const message = `Decisions are stored under the account you logged in with (${session.account.name}); log in as another account to decide as someone else.`;
        return sendHtml(res, 403, renderMessage({ title: "Forbidden", session, message, back: toSameOriginPath(form.get("return_to")) }));
      }
      const name = (form.get("reviewer") ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
      if (name !== "" && name.length <= 80) session.reviewer = name;
      return redirect(res, toSameOriginPath(form.get("return_to")));
    }
    return handleDecision(res, session, claimId, form);
  }

  async function handleDecision(res: ServerResponse, session: ReviewSession, claimId: number, form: URLSearchParams): Promise<void> {
    const filter = parseFilter(form);
    const decision = form.get("decision") ?? "";
    const back = `/flags/${claimId}${filterQuery(filter)}`;
    const fail = (status: number, title: string, message: string): void => sendHtml(res, status, renderMessage({ title, session, message, back }));
    if (!DECISIONS.includes(decision as ReviewDecision)) return fail(400, "Bad request", `Unknown decision "${decision}".`);
    const version = Number(form.get("version"));
    const seen = Number(form.get("seen"));
    if (!form.has("version") || !form.has("seen") || !Number.isInteger(version) || !Number.isInteger(seen)) {
      return fail(400, "Bad request", "The form did not say which version and decisions it saw; reload the flag.");
    }
    const queueBefore = applyFilter(listOpenFlags(options.db), filter).map((flag) => flag.claim_id);
    const note = (form.get("note") ?? "").trim();
    const source = form.get("source");
    const outcome = await decideFlag({
      db: options.db,
      sourcesDir: options.sourcesDir,
      checkClaim: options.checkClaim,
      input: {
        claimId,
        decision: decision as ReviewDecision,
        note: note === "" ? null : note,
        reviewer: session.reviewer,
        seenArticleVersionId: version,
        seenDecisionCount: seen,
        source: source === null || source === "" ? undefined : Number(source),
        quote: form.get("quote") ?? undefined,
        text: form.get("text") ?? undefined,
      },
      now: now(),
    });
    if (outcome.kind === "stored") return redirect(res, nextLocation(claimId, queueBefore, filter));
    if (outcome.kind === "conflict") return fail(409, "Conflict", outcome.message);
    if (outcome.kind === "not_found") return fail(404, "No such flag", outcome.message);
    if (outcome.kind === "invalid") return fail(400, "Bad request", outcome.message);
    if (outcome.kind === "verifier_failed") return fail(503, "Verifier unavailable", outcome.message);
    const refusal = { message: outcome.message, verdict: outcome.verdict, attempted: outcome.attempted, decision: decision as "edit" | "replace_citation", source: source ? Number(source) : undefined };
    const page = await flagPage(session, claimId, new URLSearchParams(filterQuery(filter)), refusal);
    sendHtml(res, page.status, page.body);
  }

  /** After a decision: the next still-open flag after this one in the queue the reviewer saw. */
  function nextLocation(claimId: number, queueBefore: number[], filter: FlagFilter): string {
    const open = new Set(applyFilter(listOpenFlags(options.db), filter).map((flag) => flag.claim_id));
    const after = queueBefore.slice(queueBefore.indexOf(claimId) + 1).find((id) => open.has(id));
    const next = after ?? [...open][0];
    const query = filterQuery(filter, { decided: String(claimId) });
    return next === undefined ? `/${query}` : `/flags/${next}${query}#focus`;
  }

  const port = await listenOn(server, options.port, options.host);
  const hostPart = options.host.includes(":") ? `[${options.host}]` : options.host;
  if (isLoopback) allowedHosts = new Set([...(allowedHosts ?? []), ...(allowedHostsFor(options.host, port) ?? [])]);
  return {
    url: `http://${hostPart}:${port}/`,
    host: options.host,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
