import { html, type HtmlValue, type SafeHtml } from "./html.ts";
import type { ReviewSession } from "./sessions.ts";

// The page shell: styles and the keyboard script are same-origin files (the CSP allows nothing
// inline), and the reviewer's name is a small POST form so it works without the script.

export function renderLayout(args: { title: string; session: ReviewSession; returnTo: string; body: HtmlValue; bodyClass?: string }): string {
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
  <form class="reviewer" method="post" action="/session/reviewer">
    <input type="hidden" name="csrf" value="${args.session.csrfToken}">
    <input type="hidden" name="return_to" value="${args.returnTo}">
    <label>Reviewer <input name="reviewer" value="${args.session.reviewer}" maxlength="80" autocomplete="off" size="14"></label>
    <button type="submit">Set</button>
  </form>
</header>
<main>
${args.body}
</main>
<footer class="foot">wikigen review · a local server over runs.db · decisions are stored as ${args.session.reviewer}</footer>
</body>
</html>
`;
  return page.value;
}

/** A short page for refusals and errors (403, 404, 409, 422): what happened and where to go next. */
export function renderMessage(args: { title: string; session: ReviewSession; message: string; details?: HtmlValue; back: string }): string {
  return renderLayout({
    title: args.title,
    session: args.session,
    returnTo: args.back,
    body: html`<h1>${args.title}</h1>
<p class="message" role="alert">${args.message}</p>
${args.details}
<p><a href="${args.back}">Back</a> · <a href="/">Open flags</a></p>`,
  });
}
