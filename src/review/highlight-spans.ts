import { html, type SafeHtml } from "./html.ts";

// Splits a source text at the located quote and the evidence span so both can be marked at once:
// they often overlap (the evidence is usually the sentence around the quote), so segments carry the
// set of spans that cover them rather than nesting marks.

export type SpanKind = "quote" | "evidence";

export interface HighlightSpan {
  /** Offsets into the text in UTF-16 code units, as the verifier stores them; end is exclusive. */
  start: number;
  end: number;
  kind: SpanKind;
}

export interface TextSegment {
  start: number;
  text: string;
  kinds: SpanKind[];
}

const KIND_ORDER: SpanKind[] = ["quote", "evidence"];

export function splitHighlights(text: string, spans: readonly HighlightSpan[]): TextSegment[] {
  const valid = spans
    .map((span) => ({ ...span, start: Math.max(0, span.start), end: Math.min(text.length, span.end) }))
    .filter((span) => Number.isInteger(span.start) && Number.isInteger(span.end) && span.start < span.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let index = 0; index + 1 < cuts.length; index++) {
    const start = cuts[index] as number;
    const end = cuts[index + 1] as number;
    const kinds = KIND_ORDER.filter((kind) => valid.some((span) => span.kind === kind && span.start <= start && span.end >= end));
    const previous = segments[segments.length - 1];
    if (previous && previous.kinds.join() === kinds.join()) previous.text += text.slice(start, end);
    else segments.push({ start, text: text.slice(start, end), kinds });
  }
  return segments;
}

/**
 * The text as escaped HTML with <mark> elements. The first mark of the quote (or, when the quote was
 * not found, of the evidence) gets id="focus": links end in #focus, so the browser scrolls the
 * source panel to it even without the script.
 */
export function renderHighlightedText(text: string, spans: readonly HighlightSpan[]): SafeHtml {
  const segments = splitHighlights(text, spans);
  const focusKind: SpanKind = segments.some((segment) => segment.kinds.includes("quote")) ? "quote" : "evidence";
  let hasFocus = false;
  return html`${segments.map((segment) => {
    if (segment.kinds.length === 0) return segment.text;
    const isFocus = !hasFocus && segment.kinds.includes(focusKind);
    if (isFocus) hasFocus = true;
    return html`<mark class="${segment.kinds.join(" ")}"${isFocus ? html` id="focus"` : ""}>${segment.text}</mark>`;
  })}`;
}
