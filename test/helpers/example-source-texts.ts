// Plain text of the example article's own sources (examples/communities-of-practice), for tests and
// benchmarks that need real prose of our own: the handout as written, the HTML pages with their tags
// and entities stripped. Not the pipeline's extraction; just words in sentences.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const EXAMPLES = fileURLToPath(new URL("../../examples/communities-of-practice/", import.meta.url));
const FILES = ["cop-starter-handout.txt", "lave-wenger-origins.html", "health-care-evidence-review.html", "supervision-peer-consultation.html", "cultivating-communities-structure.xhtml"];

function stripMarkup(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<\/(p|h\d|li|div|tr|title)>/gi, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&[#a-z0-9]+;/gi, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n");
}

/** Each example source as plain text, in a fixed order. */
export function loadExampleSourceTexts(): string[] {
  return FILES.map((file) => {
    const bytes = readFileSync(join(EXAMPLES, file));
    // One page is windows-1252, as its meta tag says.
    const utf8 = bytes.toString("utf8");
    const raw = utf8.includes("\uFFFD") ? new TextDecoder("windows-1252").decode(bytes) : utf8;
    return file.endsWith(".txt") ? raw : stripMarkup(raw).trim();
  });
}
