import type { SectionOutput } from "../../src/domain/claims.ts";
import { toSectionAnswer } from "../../src/domain/section-answer.ts";
import type { RecordedRequest } from "./fake-anthropic.ts";

// A well-formed answer for any section request, built from the request itself: sourced claims quote
// the first sentence of passages in the request's <source_data> block verbatim, so they verify; the
// block kind, and a table's columns, follow the section block's instructions. Answers are in the
// format the request schema asks for (src/domain/section-answer.ts): the section named, a table row
// keyed by its columns.

interface MessagesBody {
  system?: { text: string }[];
  messages: { role: string; content: { type: string; text: string; cache_control?: unknown }[] }[];
  max_tokens: number;
}

export function bodyOf(request: RecordedRequest | { body: unknown }): MessagesBody {
  return request.body as MessagesBody;
}

/** The section id of a drafting request ("unknown" for anything else, a bodiless model read included). */
export function sectionOfBody(body: MessagesBody): string {
  const text = body?.messages?.[0]?.content[1]?.text ?? "";
  return /\(id ([a-z0-9-]+)\)/.exec(text)?.[1] ?? "unknown";
}

export function sectionOf(request: RecordedRequest): string {
  return sectionOfBody(bodyOf(request));
}

/** Source sentences offered in the request, as [source number, sentence]. */
export function offeredSentences(body: MessagesBody): [number, string][] {
  const block = body.messages[0]?.content[0]?.text ?? "";
  const data = /<source_data>\n([\s\S]*?)\n<\/source_data>/.exec(block)?.[1] ?? "";
  const sentences: [number, string][] = [];
  for (const line of data.split("\n")) {
    if (!line.trim()) continue;
    const passage = JSON.parse(line) as { source: number; text: string };
    const first = passage.text.split(/(?<=[.!?])\s+/)[0]?.trim();
    if (first && first.length >= 20 && /[.!?]$/.test(first)) sentences.push([passage.source, first]);
  }
  return sentences;
}

export function answerFromBody(body: MessagesBody): unknown {
  const sectionText = body.messages[0]?.content[1]?.text ?? "";
  const section = sectionOfBody(body);
  const kind = /Allowed block kinds: "([a-z_]+)"/.exec(sectionText)?.[1] ?? "paragraph";
  const sentences = offeredSentences(body);
  const sourced = (index: number) => {
    const [source, quote] = sentences[index % Math.max(1, sentences.length)] ?? [1, ""];
    return { text: quote, basis: "source" as const, citations: [{ source, quote }] };
  };
  if (kind === "table_row") {
    const columns = /Table columns, in order: ([^.]+)\./.exec(sectionText)?.[1]?.split(", ") ?? ["goal", "objective", "mechanism"];
    const cells = columns.map((_column, index) =>
      index === columns.length - 1 && sentences.length > 0 ? sourced(0) : { text: `Cell ${index + 1} of a plan row written by the model.`, basis: "llm" as const, citations: [] },
    );
    return asAnswer(section, { blocks: [{ kind, claims: cells }] }, columns);
  }
  if (kind === "question") {
    return asAnswer(section, { blocks: [{ kind, claims: [{ text: "Which part of your practice do you learn from colleagues?", basis: "llm", citations: [] }] }] });
  }
  const claims: SectionOutput["blocks"][number]["claims"] = sentences.length > 0 ? [sourced(0), sourced(1)] : [];
  // A model-written sentence only where the section's evidence policy accepts one (render-prompt.ts
  // names what a section accepts when it is not everything), as a model following its prompt would.
  const accepted = /This section accepts only ([^;\n]*)/.exec(sectionText)?.[1];
  if (claims.length === 0 || accepted === undefined || accepted.includes("model-written")) {
    claims.push({ text: "Clinicians may find the idea familiar from supervision.", basis: "llm", citations: [] });
  }
  return asAnswer(section, { blocks: [{ kind: kind as "paragraph", claims }] });
}

/** A claim-level section in the answer format the request schema asks for. */
export function asAnswer(sectionId: string, output: SectionOutput, tableColumns: readonly string[] = ["goal", "objective", "mechanism"]): unknown {
  return toSectionAnswer(sectionId, output, tableColumns);
}
