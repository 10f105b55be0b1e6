import { addReviewerAccount, disableReviewerAccount, listReviewerAccounts, REVIEWER_ROLES, type ReviewerRole } from "../store/reviewer-accounts.ts";
import { ACCOUNT_NAME_PATTERN, generatePassword, hashPassword, passwordProblem } from "./auth-passwords.ts";
import { acceptPost, refuseRole, type DeskContext, type DeskRequest } from "./desk-context.ts";
import { html } from "./html.ts";
import { sendHtml } from "./http-io.ts";
import { renderLayout, renderMessage } from "./render-layout.ts";
import type { ReviewSession } from "./sessions.ts";

// The editors' accounts page: every account with its role and state, a form to add one (a password
// typed in, or one generated and shown once on the next page) and a button to disable one. The same
// store functions serve `wikigen reviewers`.

type Notice = { status: number; message: string; isError: boolean; secret?: string };

export function accountsPage(ctx: DeskContext, request: DeskRequest, session: ReviewSession, notice?: Notice): void {
  if (session.account === null) {
    const message = "This server has no accounts, so anyone on this machine reviews as one user. Add the first account with `wikigen reviewers add NAME --role editor`; from then on every page asks for a login.";
    return sendHtml(request.res, 200, renderMessage({ title: "Accounts", session, message, back: "/" }));
  }
  if (session.account.role !== "editor") return refuseRole(request, session, "Managing accounts");
  const accounts = listReviewerAccounts(ctx.db);
  const hidden = html`<input type="hidden" name="csrf" value="${session.csrfToken}">`;
  const rows = accounts.map(
    (account) => html`<tr>
  <td>${account.name}</td><td>${account.role}</td><td>${account.password_hash ? "password" : "token"}</td>
  <td><time>${account.created_at}</time></td>
  <td>${account.disabled_at ? html`disabled <time>${account.disabled_at}</time>` : "enabled"}</td>
  <td>${
    account.disabled_at || account.name === session.account?.name
      ? ""
      : html`<form method="post" action="/accounts/disable">${hidden}<input type="hidden" name="name" value="${account.name}"><button type="submit" aria-label="Disable ${account.name}">Disable</button></form>`
  }</td>
</tr>`,
  );
  const body = html`<h1>Accounts</h1>
${notice ? html`<p class="${notice.isError ? "message" : "notice"}" role="${notice.isError ? "alert" : "status"}">${notice.message}${notice.secret ? html` <code class="secret">${notice.secret}</code>` : ""}</p>` : ""}
<table class="flags"><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Credential</th><th scope="col">Created</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>Add an account</h2>
<form class="decide" method="post" action="/accounts/add">
  ${hidden}
  <label>Name <input name="name" required maxlength="40" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]*" autocomplete="off"></label>
  <label>Role <select name="role">${REVIEWER_ROLES.map((role) => html`<option value="${role}">${role}</option>`)}</select></label>
  <label>Password (leave empty to generate one, shown once) <input name="password" type="password" autocomplete="new-password" maxlength="1024"></label>
  <div class="buttons"><button type="submit">Add account</button></div>
</form>`;
  sendHtml(request.res, notice?.status ?? 200, renderLayout({ title: "Accounts", session, returnTo: "/accounts", body }));
}

export async function handleAccountsPost(ctx: DeskContext, request: DeskRequest, action: "add" | "disable"): Promise<void> {
  const accepted = await acceptPost(ctx, request);
  if (!accepted) return;
  const { session, form } = accepted;
  if (session.account?.role !== "editor") return refuseRole(request, session, "Managing accounts");
  const name = (form.get("name") ?? "").trim();
  const fail = (message: string): void => accountsPage(ctx, request, session, { status: 400, message, isError: true });
  if (action === "disable") {
    if (name === session.account.name) return fail("You cannot disable your own account here (another editor, or `wikigen reviewers disable`, can).");
    if (!disableReviewerAccount(ctx.db, name, ctx.now())) return fail(`There is no enabled account "${name}".`);
    ctx.sessions.endSessionsOf(name);
    ctx.log(`review: ${session.reviewer} disabled account ${name}`);
    return accountsPage(ctx, request, session, { status: 200, message: `Disabled ${name}; their sessions ended. Their decisions keep their name.`, isError: false });
  }
  if (!ACCOUNT_NAME_PATTERN.test(name)) return fail(`"${name}" is not an account name: 1-40 letters, digits, dots, dashes or underscores, starting with a letter or digit.`);
  const role = REVIEWER_ROLES.find((candidate) => candidate === form.get("role"));
  if (!role) return fail("Role: expected reviewer or editor.");
  const typed = form.get("password") ?? "";
  const password = typed === "" ? generatePassword() : typed;
  const problem = passwordProblem(password);
  if (problem) return fail(`${problem}; nothing was stored.`);
  const outcome = addReviewerAccount(ctx.db, { name, role: role as ReviewerRole, passwordHash: await hashPassword(password), tokenSha256: null, now: ctx.now() });
  if (outcome.kind === "exists") return fail(`An enabled account "${name}" exists already.`);
  ctx.log(`review: ${session.reviewer} added account ${name} (${role})`);
  const message = `Added ${name} (${role}).${typed === "" ? " Their password, shown only now:" : ""}`;
  accountsPage(ctx, request, session, { status: 200, message, isError: false, ...(typed === "" ? { secret: password } : {}) });
}
