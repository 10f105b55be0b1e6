import { getArticleVersion } from "../store/articles.ts";
import { listStoredSlugs } from "../store/article-history.ts";
import { listOpenFlags } from "../store/flags.ts";
import { acceptPost, isEditor, refuseRole, type DeskContext, type DeskRequest } from "./desk-context.ts";
import { html } from "./html.ts";
import { sendHtml } from "./http-io.ts";
import { renderLayout, renderMessage } from "./render-layout.ts";
import type { ReviewSession } from "./sessions.ts";

// Publishing from the desk: every stored article with its open flags, and for editors a button that
// re-renders the published article exactly as `wikigen render <slug> --publish` does (the CLI hands
// the server that same function), refused while a flag is undecided.

export function publishPage(ctx: DeskContext, request: DeskRequest, session: ReviewSession, notice?: { status: number; message: string; isError: boolean }): void {
  const openBySlug = new Map<string, number>();
  for (const flag of listOpenFlags(ctx.db)) openBySlug.set(flag.slug, (openBySlug.get(flag.slug) ?? 0) + 1);
  const canPublish = isEditor(session) && ctx.publish !== undefined;
  const rows = listStoredSlugs(ctx.db).flatMap((slug) => {
    const version = getArticleVersion(ctx.db, slug);
    if (!version) return [];
    const open = openBySlug.get(slug) ?? 0;
    return [
      html`<tr>
  <td>${slug}</td><td>${version.title}</td><td class="num">v${version.version}</td>
  <td class="num">${open > 0 ? html`<a href="/?article=${encodeURIComponent(slug)}">${open}</a>` : "0"}</td>
  <td>${
    canPublish
      ? html`<form method="post" action="/publish"><input type="hidden" name="csrf" value="${session.csrfToken}"><input type="hidden" name="slug" value="${slug}"><button type="submit" aria-label="Publish ${slug}">Publish</button></form>`
      : html`<span class="muted">editors publish</span>`
  }</td>
</tr>`,
    ];
  });
  const body = html`<h1>Publish</h1>
${notice ? html`<p class="${notice.isError ? "message" : "notice"}" role="${notice.isError ? "alert" : "status"}">${notice.message}</p>` : ""}
<p>Publishing writes the article with the reviewers' decisions applied (rejected claims removed), as <code>wikigen render SLUG --publish</code> does; it is refused while any flag of the article is undecided.</p>
<table class="flags"><thead><tr><th scope="col">Article</th><th scope="col">Title</th><th scope="col">Version</th><th scope="col">Open flags</th><th scope="col">Publish</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  sendHtml(request.res, notice?.status ?? 200, renderLayout({ title: "Publish", session, returnTo: "/publish", body }));
}

export async function handlePublish(ctx: DeskContext, request: DeskRequest): Promise<void> {
  const accepted = await acceptPost(ctx, request);
  if (!accepted) return;
  const { session, form } = accepted;
  if (!isEditor(session)) return refuseRole(request, session, "Publishing");
  if (!ctx.publish) return sendHtml(request.res, 503, renderMessage({ title: "Publishing unavailable", session, message: "This server was started without publishing.", back: "/publish" }));
  const slug = form.get("slug") ?? "";
  const outcome = await ctx.publish(slug);
  if (outcome.kind === "not_found") return publishPage(ctx, request, session, { status: 404, message: `There is no stored article "${slug}".`, isError: true });
  if (outcome.kind === "refused") {
    const flags = `${outcome.undecidedFlags} flagged ${outcome.undecidedFlags === 1 ? "claim has" : "claims have"}`;
    return publishPage(ctx, request, session, { status: 409, message: `Not published: ${flags} no decision in ${slug} v${outcome.version}. Nothing was written.`, isError: true });
  }
  ctx.log(`review: ${session.reviewer} published ${slug} v${outcome.version}`);
  publishPage(ctx, request, session, { status: 200, message: `Published ${slug} v${outcome.version}: wrote ${outcome.files.join(", ")}.`, isError: false });
}
