import { escapeHtml, html, SafeHtml } from "./html.ts";

// The "Suggest a revision" form added to each served article page, and the short pages that answer
// a post. Plain HTML (no script): the page's CSP allows none.

export interface FormSection {
  id: string;
  title: string;
}

export interface FormValues {
  section?: string;
  change?: string;
  sources?: string;
  email?: string;
  credit?: string;
  name?: string;
}

export const PHI_WARNING =
  "Do not include any client-identifying information or protected health information (PHI): no names, dates, ages, places, contact details, record numbers or anything else that could identify a client. A suggestion that contains such details is refused and nothing of it is stored.";

const FORM_STYLE = `
.suggest{max-width:46rem;margin:2rem auto;padding:1.25rem 1.5rem;border:1px solid #c9c9c9;border-radius:6px;background:#fafafa;font:1rem/1.5 system-ui,sans-serif}
.suggest h2{margin-top:0}.suggest label{display:block;margin:.75rem 0 .25rem;font-weight:600}
.suggest input[type=text],.suggest input[type=email],.suggest textarea,.suggest select{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
.suggest fieldset{margin:.75rem 0;border:1px solid #ddd}.suggest fieldset label{display:inline;font-weight:400;margin-right:1rem}
.suggest .warning{border-left:4px solid #b45309;background:#fff7ed;padding:.5rem .75rem}
.suggest .refusal{border-left:4px solid #b91c1c;background:#fef2f2;padding:.5rem .75rem}
.suggest button{margin-top:1rem;padding:.5rem 1rem;font:inherit}`;

export function renderSuggestForm(args: { slug: string; sections: readonly FormSection[]; csrfToken: string; values?: FormValues; refusal?: string }): SafeHtml {
  const values = args.values ?? {};
  const credit = values.credit ?? "name";
  const radio = (value: string, label: string): SafeHtml =>
    html`<label><input type="radio" name="credit" value="${value}"${credit === value ? html` checked` : ""}> ${label}</label>`;
  return html`<style>${new SafeHtml(FORM_STYLE)}</style>
<section class="suggest" id="suggest-a-revision" aria-labelledby="h-suggest">
<h2 id="h-suggest">Suggest a revision</h2>
<p>Submit a sourced revision: we fetch your sources, draft the revised section and verify it, email you, and a reviewer adds it once approved.</p>
<p class="warning" role="note"><strong>Privacy:</strong> ${PHI_WARNING}</p>
${args.refusal ? html`<p class="refusal" role="alert">Not stored: ${args.refusal}</p>` : ""}
<form method="post" action="/suggest">
<input type="hidden" name="csrf" value="${args.csrfToken}">
<input type="hidden" name="article" value="${args.slug}">
<label for="suggest-section">Section</label>
<select id="suggest-section" name="section" required>
${args.sections.map((section) => html`<option value="${section.id}"${values.section === section.id ? html` selected` : ""}>${section.title}</option>`)}
</select>
<label for="suggest-change">Proposed change</label>
<textarea id="suggest-change" name="change" rows="6" required minlength="20" maxlength="5000">${values.change ?? ""}</textarea>
<label for="suggest-sources">Source URLs (one a line)</label>
<textarea id="suggest-sources" name="sources" rows="3" required>${values.sources ?? ""}</textarea>
<label for="suggest-email">Your email (for the draft and the decision; never shown)</label>
<input type="email" id="suggest-email" name="email" required value="${values.email ?? ""}">
<fieldset><legend>Public credit</legend>
${radio("name", "By my name")}${radio("anonymous", "As an anonymous reader")}${radio("none", "No credit")}
</fieldset>
<label for="suggest-name">Name for the credit</label>
<input type="text" id="suggest-name" name="name" maxlength="80" value="${values.name ?? ""}">
<button type="submit">Send the suggestion</button>
</form>
</section>`;
}

/** A complete small page answering a post (thanks, refusal without a page to return to, 403, 429). */
export function renderReaderMessage(args: { title: string; message: string; back: string | undefined }): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(args.title)}</title></head>
<body>
<main>
<h1>${escapeHtml(args.title)}</h1>
<p role="status">${escapeHtml(args.message)}</p>
${args.back ? `<p><a href="${escapeHtml(args.back)}">Back to the article</a></p>` : ""}
</main>
</body>
</html>
`;
}
