import type Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import type { MessageBatch, MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import { ProviderError, type ProviderErrorKind } from "../domain/errors.ts";
import { mapAnthropicError } from "./anthropic-errors.ts";
import { toModelResult } from "./anthropic-response.ts";
import type { BatchItem, BatchItemOutcome, BatchStatus, ModelBatches, ModelRequest } from "./types.ts";

// The Message Batches API (as of 2026-10, API version 2026-10-21): create with
// {requests: [{custom_id, params}]}, retrieve for processing_status and request_counts, and the
// results as JSONL from the batch's results_url once processing has ended, one line per request in
// no particular order. Requests are not sent through the job's rate limiter: batches have their
// own limits and are not billed against the per-minute ones.
//
// create is sent with maxRetries 0: when a create goes unanswered (connection lost, timeout, a 5xx
// after the body was sent) the API may have accepted the batch, and a blind retry would submit and
// bill the same requests twice. The caller looks for the batch first (listCreatedSince) and only
// then submits again (src/pipeline/batch/submit-batch.ts).

export const CUSTOM_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

export function createBatchApi(args: { connect: () => Promise<Anthropic>; toParams: (request: ModelRequest) => MessageCreateParamsNonStreaming }): ModelBatches {
  const { connect } = args;
  const toRequest = (item: BatchItem) => {
    if (!CUSTOM_ID_PATTERN.test(item.customId)) throw new Error(`invalid batch custom_id "${item.customId}" (expected ${CUSTOM_ID_PATTERN.source})`);
    return { custom_id: item.customId, params: args.toParams(item.request) };
  };
  return {
    measure: (item) => Buffer.byteLength(JSON.stringify(toRequest(item))) + 1,
    async submit(items, options) {
      try {
        const client = await connect();
        return toStatus(await client.messages.batches.create({ requests: items.map(toRequest) }, { ...signalOf(options), maxRetries: 0 }));
      } catch (error) {
        throw mapAnthropicError(error, 1);
      }
    },
    async retrieve(batchId, options) {
      try {
        const client = await connect();
        return toStatus(await client.messages.batches.retrieve(batchId, {}, signalOf(options)));
      } catch (error) {
        throw mapAnthropicError(error, 1);
      }
    },
    async listCreatedSince(since, options) {
      const from = Date.parse(since);
      const found: BatchStatus[] = [];
      try {
        const client = await connect();
        // Newest first: stop paging at the first batch older than `since`.
        for await (const batch of client.messages.batches.list({ limit: 100 }, signalOf(options))) {
          if (Date.parse(batch.created_at) < from) break;
          found.push(toStatus(batch));
        }
      } catch (error) {
        throw mapAnthropicError(error, 1);
      }
      return found;
    },
    async cancel(batchId, options) {
      try {
        const client = await connect();
        return toStatus(await client.messages.batches.cancel(batchId, {}, signalOf(options)));
      } catch (error) {
        throw mapAnthropicError(error, 1);
      }
    },
    async *results(batchId, options) {
      let lines: AsyncIterable<MessageBatchIndividualResponse>;
      try {
        const client = await connect();
        lines = await client.messages.batches.results(batchId, {}, signalOf(options));
      } catch (error) {
        throw mapAnthropicError(error, 1);
      }
      for await (const line of lines) yield toOutcome(line);
    },
  };
}

function signalOf(options: { signal?: AbortSignal } | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}

function toStatus(batch: MessageBatch): BatchStatus {
  const counts = batch.request_counts;
  return {
    id: batch.id,
    processingStatus: batch.processing_status,
    counts: { processing: counts.processing, succeeded: counts.succeeded, errored: counts.errored, canceled: counts.canceled, expired: counts.expired },
    createdAt: batch.created_at,
    endedAt: batch.ended_at,
    expiresAt: batch.expires_at,
    archivedAt: batch.archived_at,
    cancelInitiatedAt: batch.cancel_initiated_at,
    hasResults: batch.results_url !== null,
  };
}

/** One JSONL line as an outcome; a truncated or refused answer is an error like in a live call. */
export function toOutcome(line: MessageBatchIndividualResponse): BatchItemOutcome {
  const customId = line.custom_id;
  const result = line.result;
  switch (result.type) {
    case "succeeded":
      try {
        const message = result.message;
        // A truncated answer stopped at max_tokens, which is then its output token count.
        return { customId, type: "succeeded", result: toModelResult({ message, maxTokens: message.usage.output_tokens, requestId: undefined, attempts: 1 }) };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        return { customId, type: "succeeded", error: { kind: error.kind, message: error.message, retryable: error.retryable } };
      }
    case "errored": {
      const { kind, retryable } = classifyErrorType(result.error.error.type);
      const message = `batch request errored (${result.error.error.type}): ${result.error.error.message}`;
      return { customId, type: "errored", error: { kind, message, retryable } };
    }
    case "canceled":
      return { customId, type: "canceled", error: { kind: "batch_canceled", message: "batch request was canceled before it was processed", retryable: true } };
    case "expired":
      return { customId, type: "expired", error: { kind: "batch_expired", message: "batch expired before this request was processed", retryable: true } };
  }
}

/** An errored batch request's error type, classified like the HTTP status of a live call. */
export function classifyErrorType(type: string): { kind: ProviderErrorKind; retryable: boolean } {
  switch (type) {
    case "rate_limit_error":
      return { kind: "rate_limited", retryable: true };
    case "overloaded_error":
      return { kind: "overloaded", retryable: true };
    case "api_error":
      return { kind: "server", retryable: true };
    case "timeout_error":
      return { kind: "timeout", retryable: true };
    case "authentication_error":
    case "permission_error":
    case "billing_error":
      return { kind: "auth", retryable: false };
    default:
      return { kind: "bad_request", retryable: false };
  }
}
