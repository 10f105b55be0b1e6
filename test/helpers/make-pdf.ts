// Writes a small, valid PDF 1.4 by hand: US Letter pages, Helvetica (body) and Helvetica-Bold (title)
// with WinAnsiEncoding, paragraphs wrapped to the page, as many pages as needed, an Info dictionary with
// the title, and a cross-reference table with exact byte offsets. Output is deterministic (no dates,
// no random IDs), so tests and the example article can compare it byte for byte.
//
// Inside a paragraph, "\n" forces a line break (used to place a hyphenated word at a line end).

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 72;
const BODY_SIZE = 11;
const BODY_LEADING = 14.5;
/** Extra space between paragraphs, on top of the leading. */
const PARAGRAPH_GAP = 9;
const TITLE_SIZE = 16;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

// Helvetica advance widths (Adobe AFM, units of 1/1000 em) for ASCII 32..126.
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];
// Helvetica-Bold is wider; a uniform factor keeps the title inside the margins without a second table.
const BOLD_FACTOR = 1.1;

// WinAnsiEncoding bytes 0x80..0x9F that differ from Latin-1.
const WIN_ANSI_EXTRA: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89, "Š": 0x8a,
  "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97,
  "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};

interface PlacedLine {
  text: string;
  font: "F1" | "F2";
  size: number;
  y: number;
}

export function makePdf(args: { title: string; paragraphs: string[] }): Buffer {
  const pages = layOutPages(args.title, args.paragraphs);
  const objects: string[] = [];
  // Fixed object numbers: 1 catalog, 2 page tree, 3 body font, 4 title font, 5 info, then page + content pairs.
  const pageIds = pages.map((_, index) => 6 + index * 2);
  objects.push("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`);
  objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  objects.push(`<< /Title ${encodeTextString(args.title)} /Producer (wikigen make-pdf) >>`);
  for (const [index, lines] of pages.entries()) {
    const contentId = pageIds[index]! + 1;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentId} 0 R >>`,
    );
    const content = lines
      .map((line) => `BT /${line.font} ${line.size} Tf 1 0 0 1 ${MARGIN} ${formatNumber(line.y)} Tm (${escapePdfString(toWinAnsi(line.text))}) Tj ET`)
      .join("\n");
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  return serialise(objects);
}

function layOutPages(title: string, paragraphs: string[]): PlacedLine[][] {
  const pages: PlacedLine[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN - TITLE_SIZE;
  const place = (line: Omit<PlacedLine, "y">, advance: number): void => {
    if (y < MARGIN) {
      pages.push([]);
      y = PAGE_HEIGHT - MARGIN - BODY_SIZE;
    }
    pages[pages.length - 1]!.push({ ...line, y });
    y -= advance;
  };
  for (const line of wrapText(title, TITLE_SIZE * BOLD_FACTOR)) {
    place({ text: line, font: "F2", size: TITLE_SIZE }, TITLE_SIZE * 1.25);
  }
  y -= PARAGRAPH_GAP + 4;
  for (const paragraph of paragraphs) {
    const lines = paragraph.split("\n").flatMap((segment) => wrapText(segment, BODY_SIZE));
    for (const line of lines) place({ text: line, font: "F1", size: BODY_SIZE }, BODY_LEADING);
    y -= PARAGRAPH_GAP;
  }
  return pages;
}

/** Greedy word wrap; a word wider than the line is split with a hyphen. */
function wrapText(text: string, size: number): string[] {
  const words = text.trim().split(/\s+/).filter((word) => word !== "");
  const lines: string[] = [];
  let current = "";
  for (let word of words) {
    while (measure(word, size) > TEXT_WIDTH) {
      if (current !== "") {
        lines.push(current);
        current = "";
      }
      let cut = word.length - 1;
      while (cut > 1 && measure(`${word.slice(0, cut)}-`, size) > TEXT_WIDTH) cut -= 1;
      lines.push(`${word.slice(0, cut)}-`);
      word = word.slice(cut);
    }
    const candidate = current === "" ? word : `${current} ${word}`;
    if (measure(candidate, size) <= TEXT_WIDTH) {
      current = candidate;
    } else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}

function measure(text: string, size: number): number {
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? HELVETICA_WIDTHS[code - 32]! : 556;
  }
  return (units / 1000) * size;
}

/** Maps text to a string whose char codes are WinAnsi bytes; unmappable characters become "?". */
function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    const extra = WIN_ANSI_EXTRA[char];
    if (extra !== undefined) out += String.fromCharCode(extra);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out += char;
    else out += "?";
  }
  return out;
}

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`);
}

/** A PDF text string in UTF-16BE with a byte order mark, written as hex so any title survives. */
function encodeTextString(text: string): string {
  let hex = "FEFF";
  for (let index = 0; index < text.length; index += 1) {
    hex += text.charCodeAt(index).toString(16).padStart(4, "0").toUpperCase();
  }
  return `<${hex}>`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

// Every string handed here holds only char codes below 256, so latin1 length equals byte length and
// the xref offsets can be computed on the string.
function serialise(objects: string[]): Buffer {
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  for (const [index, body] of objects.entries()) {
    offsets.push(out.length);
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xrefOffset = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
