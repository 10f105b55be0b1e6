import type { TokenUsage } from "./cost.ts";

// The few error classes of wikigen. Each carries data; callers classify by class and fields, never by
// message text. The CLI's single top-level catch maps them to exit codes.

export interface InputIssue {
  /** Path inside the file, e.g. "sources[2].tier"; empty for the whole document. */
  path: string;
  message: string;
}

/** Bad input in a file the user wrote (spec, config, claims JSONL). */
export class InputError extends Error {
  readonly file: string;
  readonly issues: InputIssue[];
  constructor(file: string, issues: InputIssue[]) {
    super(formatIssues(file, issues));
    this.name = new.target.name;
    this.file = file;
    this.issues = issues;
  }
}

export class SpecError extends InputError {}
export class ConfigError extends InputError {}

/** A command-line usage mistake (unknown flag, missing argument). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * What is wrong with the SQLite store: there is none at the path (for a command that never creates
 * one), or only an empty database, the file is not a wikigen store (not SQLite, or another program's
 * database), it is damaged, its schema lacks a table or column its version promises, it was written
 * by a newer wikigen, or it cannot be opened or written.
 */
export type StoreProblem = "missing" | "empty" | "not_a_store" | "damaged" | "incomplete" | "too_new" | "cannot_open" | "cannot_write";

/** A problem with the store file; the message always names the file. */
export class StoreError extends Error {
  readonly file: string;
  readonly problem: StoreProblem;
  /** What SQLite or the check said, e.g. "file is not a database" or "missing table reviews". */
  readonly detail: string;
  constructor(args: { file: string; problem: StoreProblem; detail: string }) {
    super(describeStoreProblem(args.file, args.problem, args.detail));
    this.name = "StoreError";
    this.file = args.file;
    this.problem = args.problem;
    this.detail = args.detail;
  }

  /** The message with the file named as the user should read it (e.g. relative to where they are). */
  describe(shownFile: string): string {
    return describeStoreProblem(shownFile, this.problem, this.detail);
  }
}

function describeStoreProblem(file: string, problem: StoreProblem, detail: string): string {
  switch (problem) {
    case "missing":
      return `no store at ${file} (run wikigen generate first, or pass --db)`;
    case "empty":
      return `${file}: an empty database, not a wikigen store yet (run wikigen generate first, or pass --db)`;
    case "not_a_store":
      return `${file}: not a wikigen store (${detail})`;
    case "damaged":
      return `${file}: the store is damaged (${detail}); restore it from a backup, or pass another --db`;
    case "incomplete":
      return `${file}: incomplete wikigen store (${detail})`;
    case "too_new":
      return `${file}: ${detail}; upgrade wikigen`;
    case "cannot_open":
      return `${file}: cannot open the store (${detail})`;
    case "cannot_write":
      return `${file}: cannot write the store (${detail})`;
  }
}

export type SourceFetchErrorKind =
  | "invalid_url"
  | "unsupported_scheme"
  | "http_status"
  | "timeout"
  | "too_large"
  | "too_many_redirects"
  | "redirect_loop"
  | "unsupported_type"
  | "network"
  | "not_found"
  | "offline_no_snapshot"
  | "extract_failed"
  /** A file: source outside paths.local_roots. */
  | "outside_local_roots"
  /** Bytes declared as HTML or plain text that are not text (binary, or mostly undecodable). */
  | "not_text";

export class SourceFetchError extends Error {
  readonly url: string;
  readonly kind: SourceFetchErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  constructor(args: { url: string; kind: SourceFetchErrorKind; message: string; status?: number; retryable?: boolean }) {
    super(args.message);
    this.name = "SourceFetchError";
    this.url = args.url;
    this.kind = args.kind;
    this.status = args.status;
    this.retryable = args.retryable ?? false;
  }
}

/** Every source of an article failed: there is nothing to draft from, so nothing is drafted. */
export class SourcesFailedError extends Error {
  readonly slug: string;
  readonly failures: { number: number; message: string }[];
  constructor(slug: string, failures: { number: number; message: string }[]) {
    const reasons = failures.map((failure) => `\n  source ${failure.number}: ${failure.message}`).join("");
    super(`every source failed (${failures.length} of ${failures.length}); nothing was drafted${reasons}`);
    this.name = "SourcesFailedError";
    this.slug = slug;
    this.failures = failures;
  }
}

/** The folder rendered articles go to cannot be created or written. */
export class OutputDirError extends Error {
  readonly dir: string;
  readonly code: string | undefined;
  constructor(args: { dir: string; code: string | undefined; message: string }) {
    super(args.message);
    this.name = "OutputDirError";
    this.dir = args.dir;
    this.code = args.code;
  }
}

export type ProviderErrorKind =
  | "missing_key"
  | "auth"
  | "rate_limited"
  | "overloaded"
  | "server"
  | "connection"
  | "timeout"
  | "max_tokens"
  | "refusal"
  | "bad_request"
  | "invalid_output"
  /** A Message Batches request that was cancelled, or not processed before the batch expired. */
  | "batch_canceled"
  | "batch_expired"
  /** The Models API does not know the model id (or this key cannot use it): refused before any request. */
  | "unknown_model"
  /** A setting the model does not take (effort level, max_tokens above its limit, batch): refused before any request. */
  | "unsupported_setting";

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly requestId: string | undefined;
  /** HTTP attempts made before giving up (SDK retries included), when known. */
  readonly attempts: number | undefined;
  /**
   * What the API may bill for an answer cut off after it began (a streamed answer that stalled or
   * dropped): the usage it reported when the stream started, output as counted so far.
   */
  readonly partialUsage: TokenUsage | undefined;
  constructor(args: {
    kind: ProviderErrorKind;
    message: string;
    status?: number;
    retryable?: boolean;
    requestId?: string;
    attempts?: number;
    partialUsage?: TokenUsage;
  }) {
    super(args.message);
    this.name = "ProviderError";
    this.kind = args.kind;
    this.status = args.status;
    this.retryable = args.retryable ?? false;
    this.requestId = args.requestId;
    this.attempts = args.attempts;
    this.partialUsage = args.partialUsage;
  }
}

/** The model's output could not be parsed into claims, or broke a claim rule. */
export class ClaimParseError extends Error {
  readonly excerpt: string;
  readonly problems: string[];
  constructor(excerpt: string, problems: string[]) {
    super(`model output is not valid claim JSON: ${problems.join("; ")}`);
    this.name = "ClaimParseError";
    this.excerpt = excerpt;
    this.problems = problems;
  }
}

export function formatIssues(file: string, issues: InputIssue[]): string {
  const prefix = file ? `${file}: ` : "";
  return issues.map((issue) => (issue.path ? `${prefix}${issue.path}: ${issue.message}` : `${prefix}${issue.message}`)).join("\n");
}

/** One error listing every problem of several files, each line still naming its file. */
export function combineSpecErrors(errors: InputError[]): SpecError {
  if (errors.length === 1 && errors[0]) return new SpecError(errors[0].file, errors[0].issues);
  return new SpecError(
    "",
    errors.flatMap((error) => error.issues.map((issue) => ({ path: "", message: formatIssues(error.file, [issue]) }))),
  );
}
