import { html, type HtmlValue, type SafeHtml } from "./html.ts";
import type { ReviewSession } from "./sessions.ts";

// The page shell: styles and the keyboard script are same-origin files (the CSP allows nothing
// inline). Without accounts the reviewer's name is a small POST form (it works without the script);
// logged in, the header names the account and role, links the desk's pages and offers logout.

export function renderLayout(args: { title: string; session: ReviewSession; returnTo: string; body: HtmlValue; bodyClass?: string; bare?: boolean }): string {
  const { session } = args;
  const page: SafeHtml = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${args.title} · wikigen review</title>
<link rel="stylesheet" href="/assets/review.css">
<script src="/assets/review.js" defer></script>
</head>
<body${args.bodyClass ? html` class="${args.bodyClass}"` : ""}>
<header class="top">
  <a class="brand" href="/">wikigen review</a>
  ${args.bare ? "" : renderHeaderTools(session, args.returnTo)}
</header>
<main>
${args.body}
</main>
<footer class="foot">wikigen review · a server over runs.db · ${
    args.bare ? "log in to review" : html`decisions are stored as ${session.reviewer}${session.account ? html` (${session.account.role})` : ""}`
  }</footer>
</body>
</html>
`;
  return page.value;
}

function renderHeaderTools(session: ReviewSession, returnTo: string): SafeHtml {
  const links = html`<nav class="desk-nav" aria-label="Desk">
    ${session.account ? html`<a href="/?assignee=${encodeURIComponent(session.account.name)}">My queue</a>` : ""}
    <a href="/audit">Audit</a>
    <a href="/publish">Publish</a>
    ${session.account?.role === "editor" ? html`<a href="/accounts">Accounts</a>` : ""}
  </nav>`;
  if (session.account) {
    return html`${links}
  <form class="reviewer" method="post" action="/logout">
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    <span class="account">Signed in as <strong>${session.account.name}</strong> (${session.account.role})</span>
    <button type="submit">Log out</button>
  </form>`;
  }
  return html`${links}
  <form class="reviewer" method="post" action="/session/reviewer">
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    <input type="hidden" name="return_to" value="${returnTo}">
    <label>Reviewer <input name="reviewer" value="${session.reviewer}" maxlength="80" autocomplete="off" size="14"></label>
    <button type="submit">Set</button>
  </form>`;
}

/** A short page for refusals and errors (403, 404, 409, 422): what happened and where to go next. */
export function renderMessage(args: { title: string; session: ReviewSession; message: string; details?: HtmlValue; back: string; bare?: boolean }): string {
  return renderLayout({
    bare: args.bare ?? false,
    title: args.title,
    session: args.session,
    returnTo: args.back,
    body: html`<h1>${args.title}</h1>
<p class="message" role="alert">${args.message}</p>
${args.details}
<p><a href="${args.back}">Back</a> · <a href="/">Open flags</a></p>`,
  });
}
