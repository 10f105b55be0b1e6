import type { ServerResponse } from "node:http";
import type { ContentBlock, Message, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";

// Streamed answers of the fake Messages API (a request with `stream: true`), as the real API sends
// them (API version 2026-10-21, event types from the installed SDK's RawMessageStreamEvent):
// message_start (the message with no content, no stop reason and the input usage), then per block
// content_block_start / content_block_delta (text_delta; thinking_delta then signature_delta for a
// thinking block) / content_block_stop, then message_delta (stop reason and final usage) and
// message_stop, with `ping` events while the model works. An error after the stream began arrives
// as an `error` event, since the status line has already been sent.
//
// Generation takes time as on the real service: time to first token, then msPerOutputToken for
// each output token the answer reports (usage.output_tokens, thinking included), spread over the
// deltas of a streamed answer, or all waited for before a non-streamed answer is sent at once.

export interface GenerationSpeed {
  /** Milliseconds per output token; 0 answers at once. */
  msPerOutputToken: number;
  /** Milliseconds before the first token (prompt processing). */
  timeToFirstTokenMs?: number;
  /** A `ping` event is sent whenever the stream would otherwise be silent this long (default 50 ms). */
  pingIntervalMs?: number;
}

/** A fault after the stream began, once `afterShare` of the answer's deltas have been sent. */
export interface StreamFault {
  /** 0 (right after message_start) to 1 (after the last delta). */
  afterShare: number;
  /**
   * stall: nothing more is sent, not even pings, and the connection stays open until the client
   * gives up; reset: the socket is destroyed; error: an `error` event, then the stream ends.
   */
  kind: "stall" | "reset" | "error";
  /** For kind error (default overloaded_error). */
  errorType?: string;
}

/** Milliseconds a non-streamed answer of `outputTokens` takes to generate. */
export function generationMs(speed: GenerationSpeed | undefined, outputTokens: number): number {
  if (!speed) return 0;
  return (speed.timeToFirstTokenMs ?? 0) + speed.msPerOutputToken * outputTokens;
}

/** Whether the request asked for a streamed answer. */
export function isStreamRequest(body: unknown): boolean {
  return typeof body === "object" && body !== null && (body as { stream?: unknown }).stream === true;
}

/** Characters of text per delta event: a few tokens, as the real API sends them. */
const CHARS_PER_DELTA = 16;

type Delta = Extract<RawMessageStreamEvent, { type: "content_block_delta" }>["delta"];

/** Sends `message` as an SSE stream; resolves once the stream is complete, cut, or abandoned by the client. */
export async function sendMessageStream(args: {
  res: ServerResponse;
  message: Message;
  requestId: string;
  speed?: GenerationSpeed | undefined;
  fault?: StreamFault | undefined;
}): Promise<void> {
  const { res, message, speed, fault } = args;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": args.requestId });
  res.flushHeaders();
  const isGone = () => res.destroyed || res.writableEnded;
  const send = (event: RawMessageStreamEvent | { type: "ping" } | { type: "error"; error: { type: string; message: string } }) => {
    if (!isGone()) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const pingIntervalMs = speed?.pingIntervalMs ?? 50;
  // Waits `ms`, sending pings into long silences, as the API does to keep the connection alive.
  const work = async (ms: number) => {
    let left = ms;
    while (left > 0 && !isGone()) {
      const step = Math.min(left, pingIntervalMs);
      await sleep(step);
      left -= step;
      if (left > 0) send({ type: "ping" });
    }
  };

  const deltas = message.content.flatMap((block, index) => blockDeltas(block).map((delta) => ({ index, delta })));
  const cutAt = fault ? Math.floor(fault.afterShare * deltas.length) : Number.POSITIVE_INFINITY;
  const perDeltaMs = speed && deltas.length > 0 ? (speed.msPerOutputToken * message.usage.output_tokens) / deltas.length : 0;

  // The real message_start carries the input usage and a first output count, no content, no stop reason.
  send({
    type: "message_start",
    message: { ...message, content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage: { ...message.usage, output_tokens: 1 } },
  });
  await work(speed?.timeToFirstTokenMs ?? 0);
  let sent = 0;
  for (const [index, block] of message.content.entries()) {
    if (sent >= cutAt) break;
    send({ type: "content_block_start", index, content_block: emptyBlock(block) });
    for (const item of deltas.filter((candidate) => candidate.index === index)) {
      if (sent >= cutAt || isGone()) break;
      await work(perDeltaMs);
      send({ type: "content_block_delta", index, delta: item.delta });
      sent += 1;
    }
    if (sent < cutAt) send({ type: "content_block_stop", index });
  }
  if (fault && !isGone()) {
    await cutStream(res, fault);
    return;
  }
  send({
    type: "message_delta",
    delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence, stop_details: message.stop_details, container: message.container },
    usage: {
      input_tokens: message.usage.input_tokens,
      output_tokens: message.usage.output_tokens,
      cache_creation_input_tokens: message.usage.cache_creation_input_tokens,
      cache_read_input_tokens: message.usage.cache_read_input_tokens,
      output_tokens_details: message.usage.output_tokens_details,
      server_tool_use: message.usage.server_tool_use,
    },
  });
  send({ type: "message_stop" });
  if (!isGone()) res.end();
}

async function cutStream(res: ServerResponse, fault: StreamFault): Promise<void> {
  if (fault.kind === "reset") {
    // What was sent reaches the client first (destroying at once would discard unflushed writes,
    // and a reset can discard what the client has not read yet); then the connection drops.
    await new Promise<void>((resolve) => res.write("", () => setTimeout(resolve, 20)));
    res.socket?.destroy();
    return;
  }
  if (fault.kind === "error") {
    const type = fault.errorType ?? "overloaded_error";
    res.end(`event: error\ndata: ${JSON.stringify({ type: "error", error: { type, message: `fake ${type} mid-stream` } })}\n\n`);
    return;
  }
  // A stall: the connection stays open and silent until the client closes it.
  await new Promise<void>((resolve) => {
    if (res.destroyed) resolve();
    else res.once("close", () => resolve());
  });
}

/** The block as content_block_start announces it: its type, with empty text. */
function emptyBlock(block: ContentBlock): Extract<RawMessageStreamEvent, { type: "content_block_start" }>["content_block"] {
  if (block.type === "text") return { type: "text", text: "", citations: null };
  if (block.type === "thinking") return { type: "thinking", thinking: "", signature: "" };
  throw new Error(`fake stream: cannot stream a ${block.type} block`);
}

/** The deltas that rebuild the block: its text in pieces; a thinking block ends with its signature. */
function blockDeltas(block: ContentBlock): Delta[] {
  if (block.type === "text") return pieces(block.text).map((text) => ({ type: "text_delta", text }));
  if (block.type === "thinking") {
    return [...pieces(block.thinking).map((thinking): Delta => ({ type: "thinking_delta", thinking })), { type: "signature_delta", signature: block.signature }];
  }
  throw new Error(`fake stream: cannot stream a ${block.type} block`);
}

function pieces(text: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += CHARS_PER_DELTA) parts.push(text.slice(start, start + CHARS_PER_DELTA));
  return parts.length > 0 ? parts : [""];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
