import type { RecordedRequest } from "./fake-anthropic.ts";

// A well-formed answer for any section request, built from the request itself: sourced claims quote
// the first sentence of passages in the request's <source_data> block verbatim, so they verify; the
// block kind, and a table's columns, follow the section block's instructions.

interface MessagesBody {
  system?: { text: string }[];
  messages: { role: string; content: { type: string; text: string; cache_control?: unknown }[] }[];
  max_tokens: number;
}

export function bodyOf(request: RecordedRequest | { body: unknown }): MessagesBody {
  return request.body as MessagesBody;
}

/** The section id of a drafting request ("unknown" for anything else). */
export function sectionOfBody(body: MessagesBody): string {
  const text = body.messages[0]?.content[1]?.text ?? "";
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
  const kind = /Allowed block kinds: "([a-z_]+)"/.exec(sectionText)?.[1] ?? "paragraph";
  const sentences = offeredSentences(body);
  const sourced = (index: number) => {
    const [source, quote] = sentences[index % Math.max(1, sentences.length)] ?? [1, ""];
    return { text: quote, basis: "source", citations: [{ source, quote }] };
  };
  if (kind === "table_row") {
    const columns = /Table columns, in order: ([^.]+)\./.exec(sectionText)?.[1]?.split(", ") ?? ["goal", "objective", "mechanism"];
    const cells = columns.map((_column, index) =>
      index === columns.length - 1 && sentences.length > 0 ? sourced(0) : { text: `Cell ${index + 1} of a plan row written by the model.`, basis: "llm", citations: [] },
    );
    return { blocks: [{ kind, claims: cells }] };
  }
  if (kind === "question") {
    return { blocks: [{ kind, claims: [{ text: "Which part of your practice do you learn from colleagues?", basis: "llm", citations: [] }] }] };
  }
  const claims = sentences.length > 0 ? [sourced(0), sourced(1)] : [];
  claims.push({ text: "Clinicians may find the idea familiar from supervision.", basis: "llm", citations: [] });
  return { blocks: [{ kind, claims }] };
}
