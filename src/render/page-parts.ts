import { z } from "zod";
import type { ConceptFigure } from "../domain/concept-figure.ts";

// The parts of the reference page that are not claims, read from the stored spec and section rows:
// the breadcrumb (type › discipline › subtype), the Watch entry and Resources links, and a section's
// concept figure. Pure, like the rest of the view; anything stored that does not parse is left out
// rather than failing the page.

export type Facet = "type" | "discipline" | "subtype";

export interface Crumb {
  facet: Facet;
  value: string;
}

export interface ViewLink {
  title: string;
  /** Safe to link: validated http(s) when the spec was loaded, and checked again here. */
  url: string;
  /** "youtube.com": the host without a leading www. */
  host: string;
  kind: string | null;
}

export interface ViewFigure {
  kind: ConceptFigure["kind"];
  center: string;
  items: string[];
  /** A sentence that says what the figure shows, for screen readers and the Markdown page. */
  alt: string;
  /** model: the language model proposed it; offline: the extractive provider built it from quoted sentences or key terms. */
  origin: "model" | "offline";
}

const linkSchema = z.object({ title: z.string(), url: z.string(), kind: z.string().optional() });

/** What the page needs from the stored spec beyond its metadata; absent or malformed parts are empty. */
export const storedPageLinksSchema = z.object({
  watch: z.union([linkSchema, z.array(linkSchema)]).optional().catch(undefined),
  resources: z.array(linkSchema).optional().catch(undefined),
});

export function breadcrumbOf(metadata: { type: string; discipline: string[]; subtype?: string | undefined } | null): Crumb[] {
  if (!metadata) return [];
  // The first discipline is the primary one; the metadata box lists them all.
  const discipline = metadata.discipline[0];
  return [
    { facet: "type", value: metadata.type },
    ...(discipline ? [{ facet: "discipline" as const, value: discipline }] : []),
    ...(metadata.subtype ? [{ facet: "subtype" as const, value: metadata.subtype }] : []),
  ];
}

export function viewLinks(links: z.infer<typeof linkSchema> | z.infer<typeof linkSchema>[] | undefined): ViewLink[] {
  const list = links === undefined ? [] : Array.isArray(links) ? links : [links];
  return list.flatMap((link) => {
    const host = hostOf(link.url);
    return host ? [{ title: link.title, url: link.url, host, kind: link.kind ?? null }] : [];
  });
}

/** The host of an http(s) URL without "www.", or undefined for anything else. */
export function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    return parsed.hostname.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

const storedFigureSchema = z.object({ kind: z.enum(["hub", "flow"]), center: z.string(), items: z.array(z.string()).min(1) });

export function viewFigure(stored: string | null | undefined, isOffline: boolean): ViewFigure | null {
  if (!stored) return null;
  let data: unknown;
  try {
    data = JSON.parse(stored);
  } catch {
    return null;
  }
  const parsed = storedFigureSchema.safeParse(data);
  if (!parsed.success) return null;
  const figure = parsed.data;
  return { ...figure, alt: describeFigure(figure), origin: isOffline ? "offline" : "model" };
}

/** "Diagram: X at the centre, linked to A, B and C." / "Diagram: X, in order: 1. A; 2. B; 3. C." */
export function describeFigure(figure: ConceptFigure): string {
  if (figure.kind === "flow") return `Diagram: ${figure.center}, in order: ${figure.items.map((item, index) => `${index + 1}. ${item}`).join("; ")}.`;
  const items = figure.items.length > 1 ? `${figure.items.slice(0, -1).join(", ")} and ${figure.items[figure.items.length - 1]}` : (figure.items[0] ?? "");
  return `Diagram: ${figure.center} at the centre, linked to ${items}.`;
}
