import type { OpenFlag } from "../store/flags.ts";
import { countFacets, FILTER_KEYS, filterQuery, reasonPrefix, type FilterKey, type FlagFilter } from "./flag-filters.ts";
import { renderBulkForm } from "./desk-bulk.ts";
import { html, type SafeHtml } from "./html.ts";
import { renderLayout } from "./render-layout.ts";
import type { ReviewSession } from "./sessions.ts";

// The queue: every open flag across articles, newest article version first (or least certain
// first, desk-order.ts), with filters whose choices show how many flags each would leave, and the
// bulk form for the flags shown. A plain GET form, so it works without the script.

const LABELS: Record<FilterKey, string> = { article: "Article", section: "Section", reason: "Reason", verifier: "Verifier", assignee: "Assignee" };

export function renderFlagList(args: { session: ReviewSession; all: OpenFlag[]; shown: OpenFlag[]; filter: FlagFilter; notice: string | undefined }): string {
  const { all, shown, filter } = args;
  const facets = countFacets(all, filter);
  const selects = FILTER_KEYS.map(
    (key) => html`<label>${LABELS[key]}
      <select name="${key}">
        <option value="">all</option>
        ${facets[key].map((facet) => html`<option value="${facet.value}"${filter[key] === facet.value ? html` selected` : ""}>${facet.value} (${facet.count})</option>`)}
      </select></label>`,
  );
  const counts = Object.entries(countBy(shown, (flag) => reasonPrefix(flag.reason)));
  const body = html`<h1>Open flags</h1>
${args.notice ? html`<p class="notice" role="status">${args.notice}</p>` : ""}
<form class="filters" method="get" action="/" aria-label="Filter flags">
  ${selects}
  <label>Order
      <select name="order">
        <option value="">queue (newest article first)</option>
        <option value="uncertain"${filter.order === "uncertain" ? html` selected` : ""}>least certain first (score nearest 0.5)</option>
      </select></label>
  <button type="submit">Filter</button>
  <a href="/">Clear</a>
</form>
<p class="count" role="status" aria-label="Flag count"><strong>${shown.length}</strong> open ${shown.length === 1 ? "flag" : "flags"}${
    shown.length === all.length ? "" : html` (of ${all.length})`
  }${counts.length > 0 ? html`: ${counts.map(([reason, count], index) => html`${index > 0 ? ", " : ""}${reason} ${count}`)}` : ""}</p>
${renderBulkForm(args.session, shown, filter)}
<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> move down/up the list, <kbd>Enter</kbd> opens a flag.</p>
${shown.length === 0 ? html`<p>No open flags${all.length > 0 ? " match these filters" : ""}.</p>` : renderTable(shown, filter)}`;
  return renderLayout({ title: "Open flags", session: args.session, returnTo: `/${filterQuery(filter)}`, body });
}

function renderTable(flags: OpenFlag[], filter: FlagFilter): SafeHtml {
  const rows = flags.map(
    (flag) => html`<tr>
      <td class="num">${flag.claim_id}</td>
      <td>${flag.slug} <span class="muted">v${flag.version}</span></td>
      <td>${flag.section_title}</td>
      <td><code>${reasonPrefix(flag.reason)}</code></td>
      <td>${flag.verdict.replace(/_/g, " ")} <span class="muted">${flag.score.toFixed(2)}</span></td>
      <td>${flag.verifier_id}</td>
      <td>${flag.assignee ?? ""}</td>
      <td><a data-flag-link href="/flags/${flag.claim_id}${filterQuery(filter)}#focus">${flag.text}</a></td>
    </tr>`,
  );
  return html`<table class="flags">
<thead><tr><th scope="col">Flag</th><th scope="col">Article</th><th scope="col">Section</th><th scope="col">Reason</th><th scope="col">Verdict</th><th scope="col">Verifier</th><th scope="col">Assigned</th><th scope="col">Claim</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}
