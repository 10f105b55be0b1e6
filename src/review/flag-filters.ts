import type { OpenFlag } from "../store/flags.ts";
import { orderFlags, parseOrder } from "./desk-order.ts";

// Filters of the review queue and the counts shown beside each choice. A facet's counts apply every
// OTHER active filter, so a reviewer sees how many flags each choice would leave.

export const FILTER_KEYS = ["article", "section", "reason", "verifier", "assignee"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** The facets, and `order` (desk-order.ts): everything a queue link carries along. */
export type FlagFilter = Partial<Record<FilterKey | "order", string>>;

/** The assignee facet's value of a flag nobody is assigned to (account names cannot hold parentheses). */
export const UNASSIGNED = "(unassigned)";

export interface FacetValue {
  value: string;
  count: number;
}

/** The machine-readable kind of a reason: "number_mismatch: claim 1998, source 1991" -> "number_mismatch". */
export function reasonPrefix(reason: string): string {
  return (reason.split(":")[0] ?? reason).trim();
}

export function valueOf(flag: OpenFlag, key: FilterKey): string {
  if (key === "article") return flag.slug;
  if (key === "section") return flag.section_id;
  if (key === "reason") return reasonPrefix(flag.reason);
  if (key === "assignee") return flag.assignee ?? UNASSIGNED;
  return flag.verifier_id;
}

export function parseFilter(params: URLSearchParams): FlagFilter {
  const filter: FlagFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const order = parseOrder(params.get("order"));
  if (order !== "queue") filter.order = order;
  return filter;
}

/** "?article=x&reason=y" in FILTER_KEYS order, or "" when no filter is active. */
export function filterQuery(filter: FlagFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.order) params.set("order", filter.order);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

function matches(flag: OpenFlag, filter: FlagFilter, except?: FilterKey): boolean {
  return FILTER_KEYS.every((key) => key === except || filter[key] === undefined || valueOf(flag, key) === filter[key]);
}

/** The flags the filter keeps, in the order it asks for (queue order unless `order` says otherwise). */
export function applyFilter(flags: readonly OpenFlag[], filter: FlagFilter): OpenFlag[] {
  return orderFlags(
    flags.filter((flag) => matches(flag, filter)),
    parseOrder(filter.order ?? null),
  );
}

export function countFacets(flags: readonly OpenFlag[], filter: FlagFilter): Record<FilterKey, FacetValue[]> {
  const facets = {} as Record<FilterKey, FacetValue[]>;
  for (const key of FILTER_KEYS) {
    const counts = new Map<string, number>();
    for (const flag of flags) {
      if (!matches(flag, filter, key)) continue;
      const value = valueOf(flag, key);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    // An active choice stays listed (with 0) so the select can still show it as chosen.
    const active = filter[key];
    if (active !== undefined && !counts.has(active)) counts.set(active, 0);
    facets[key] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return facets;
}
