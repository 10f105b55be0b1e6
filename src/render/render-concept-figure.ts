import type { ViewFigure } from "./page-parts.ts";
import { escapeHtml } from "./render-text.ts";

// A concept figure as inline SVG: no script, no external request, every label escaped. A hub puts
// its centre label in a circle with the items around it on an ellipse, each joined to the centre; a
// flow stacks its steps top to bottom, numbered, with arrows between them. Labels wrap at word
// boundaries; their lengths are bounded when the answer is parsed (domain/concept-figure.ts), so the
// drawing fits its viewBox. The figure is tagged as model-written (or built offline) and never as a
// verified claim.

const WIDTH = 640;
const LINE_HEIGHT = 17;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"';

export const FIGURE_TAGS = {
  model: { text: "LLM", title: "Proposed by the language model; a picture of the ideas, not a verified claim" },
  offline: { text: "offline", title: "Built offline from the section's quoted sentences or the article's key terms, without a language model; not a verified claim" },
} as const;

export const FIGURE_NOTES = {
  model: "Proposed by the language model, not checked against a source.",
  offline: "Built offline from the elements the quoted sentences or the key terms name; no language model, not checked as a claim.",
} as const;

/** Words into lines of at most `width` characters (a longer word is cut into pieces that fit). */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  const words = text.split(/\s+/).flatMap((word) => word.match(new RegExp(`.{1,${width}}`, "gu")) ?? []);
  for (const word of words) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

function textLines(lines: string[], x: number, centerY: number, attributes: string): string {
  const top = centerY - ((lines.length - 1) * LINE_HEIGHT) / 2;
  const spans = lines.map((line, index) => `<tspan x="${x}" y="${round(top + index * LINE_HEIGHT)}">${escapeHtml(line)}</tspan>`).join("");
  return `<text text-anchor="middle" dominant-baseline="middle" ${attributes}>${spans}</text>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function hubSvg(figure: ViewFigure): { top: number; height: number; body: string } {
  const cx = WIDTH / 2;
  const cy = 200;
  const count = figure.items.length;
  const nodes = figure.items.map((item, index) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
    const x = cx + 222 * Math.cos(angle);
    const y = cy + 142 * Math.sin(angle);
    const lines = wrapLabel(item, 18);
    const boxHeight = lines.length * LINE_HEIGHT + 16;
    return { x, y, lines, boxHeight };
  });
  const spokes = nodes.map((node) => `<line x1="${cx}" y1="${cy}" x2="${round(node.x)}" y2="${round(node.y)}" stroke="#72777d" stroke-width="2"/>`).join("");
  const boxes = nodes
    .map(
      (node) =>
        `<g class="figure-item"><rect x="${round(node.x - 78)}" y="${round(node.y - node.boxHeight / 2)}" width="156" height="${node.boxHeight}" rx="10" fill="#ffffff" stroke="#3366cc" stroke-width="1.5"/>` +
        `${textLines(node.lines, round(node.x), node.y, `font-size="14" fill="#202122" ${FONT}`)}</g>`,
    )
    .join("");
  const hub =
    `<g class="figure-center"><circle cx="${cx}" cy="${cy}" r="80" fill="#eaf3ff" stroke="#2a4b8d" stroke-width="2.5"/>` +
    `${textLines(wrapLabel(figure.center, 14), cx, cy, `font-size="15" font-weight="bold" fill="#2a4b8d" ${FONT}`)}</g>`;
  // The viewBox hugs the drawing: three spokes leave the bottom of the ellipse empty.
  const top = Math.min(cy - 80, ...nodes.map((node) => node.y - node.boxHeight / 2)) - 12;
  const bottom = Math.max(cy + 80, ...nodes.map((node) => node.y + node.boxHeight / 2)) + 12;
  return { top: round(top), height: round(bottom - top), body: spokes + hub + boxes };
}

function flowSvg(figure: ViewFigure): { top: number; height: number; body: string } {
  const boxWidth = 420;
  const gap = 26;
  const titleHeight = 40;
  const x = (WIDTH - boxWidth) / 2;
  let y = titleHeight;
  const parts = [textLines(wrapLabel(figure.center, 60), WIDTH / 2, 20, `font-size="15" font-weight="bold" fill="#2a4b8d" ${FONT}`)];
  figure.items.forEach((item, index) => {
    const lines = wrapLabel(`${index + 1}. ${item}`, 46);
    const boxHeight = lines.length * LINE_HEIGHT + 18;
    if (index > 0) {
      parts.push(`<line x1="${WIDTH / 2}" y1="${y - gap + 3}" x2="${WIDTH / 2}" y2="${y - 7}" stroke="#72777d" stroke-width="2"/>`);
      parts.push(`<path d="M${WIDTH / 2 - 6} ${y - 10} L${WIDTH / 2 + 6} ${y - 10} L${WIDTH / 2} ${y - 2} Z" fill="#72777d"/>`);
    }
    parts.push(
      `<g class="figure-item"><rect x="${x}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="8" fill="#ffffff" stroke="#3366cc" stroke-width="1.5"/>` +
        `${textLines(lines, WIDTH / 2, y + boxHeight / 2, `font-size="14" fill="#202122" ${FONT}`)}</g>`,
    );
    y += boxHeight + gap;
  });
  return { top: 0, height: y - gap + 10, body: parts.join("") };
}

/** The figure element: the SVG (role img, its alt text as label and title) and a caption with its tag. */
export function renderConceptFigureHtml(figure: ViewFigure, id: string): string {
  const { top, height, body } = figure.kind === "flow" ? flowSvg(figure) : hubSvg(figure);
  const alt = escapeHtml(figure.alt);
  const tag = FIGURE_TAGS[figure.origin];
  const svg =
    `<svg class="figure-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 ${top} ${WIDTH} ${round(height)}" width="${WIDTH}" height="${round(height)}" role="img" aria-label="${alt}">` +
    `<title>${alt}</title>${body}</svg>`;
  const caption =
    `<figcaption>Concept figure: ${escapeHtml(figure.center)} <span class="tag tag-figure tag-${figure.origin === "model" ? "llm" : "offline"}" title="${tag.title}">${tag.text}</span>` +
    ` <span class="note">${FIGURE_NOTES[figure.origin]}</span></figcaption>`;
  return `<figure class="concept-figure" id="${escapeHtml(id)}">${svg}${caption}</figure>`;
}
