// A concept figure: what the model proposes for one section (the template's prompt front matter
// says which, `figure: true`), drawn on the page as inline SVG. Either a hub with labelled spokes
// ("a community of practice at the hub, surrounded by its three elements") or a short ordered flow
// of steps. It is model-written data, never a verified claim: the page tags it as such. Offline, the
// extractive provider builds a hub from key phrases of the section's quoted sentences, or from the
// article's key terms.

export const FIGURE_KINDS = ["hub", "flow"] as const;

export type FigureKind = (typeof FIGURE_KINDS)[number];

export interface ConceptFigure {
  kind: FigureKind;
  /** The hub's label, or the flow's title. */
  center: string;
  /** The spokes (any order) or the steps (in order). */
  items: string[];
}

/** Limits checked after parsing (the grammar ignores counts and lengths): what fits the drawing. */
export const FIGURE_LIMITS = { minItems: 3, maxItems: 7, maxItemChars: 40, maxCenterChars: 48 } as const;
