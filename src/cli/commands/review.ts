import path from "node:path";
import { UsageError } from "../../domain/errors.ts";
import { verifySectionClaims } from "../../pipeline/record/verify-section-claims.ts";
import { createProvider } from "../../pipeline/wiring/create-provider.ts";
import { createExtractiveProvider } from "../../providers/extractive-provider.ts";
import { createVerifier } from "../../pipeline/wiring/create-verifier.ts";
import { createRevisionRunners, type RevisionRunners } from "../../pipeline/revise/process-revisions.ts";
import { createRevisionDesk } from "../../pipeline/revise/revision-desk.ts";
import type { CheckClaim } from "../../review/decide-flag.ts";
import { isLoopbackHost, startReviewServer, type ReviewServer } from "../../review/start-review-server.ts";
import type { Config } from "../../config/config-schema.ts";
import type { PublishArticle } from "../../review/desk-context.ts";
import { renderStoredArticle } from "../../render/write-stored-article.ts";
import { SLUG_PATTERN } from "../../spec/article-spec.ts";
import { openExistingStore, type Store } from "../../store/open-store.ts";
import { countEnabledAccounts } from "../../store/reviewer-accounts.ts";
import type { Verifier } from "../../verification/types.ts";
import { EXIT, type CliIo, type Command, type ParsedValues } from "../command.ts";
import { DEFAULT_REVIEWER, loadCliConfig, reviewerFrom } from "../context.ts";

export const DEFAULT_REVIEW_PORT = 8417;

export const reviewCommand: Command = {
  usage: "review [--port N] [--host 127.0.0.1] [--reviewer NAME] [--verifier offline|llm|cascade] [--db runs.db]",
  optionHelp: [
    `--port N         port to listen on (default ${DEFAULT_REVIEW_PORT}; 0 picks a free one)`,
    "--host ADDR      address to bind (default 127.0.0.1; anything else is reachable from other machines and needs reviewer accounts)",
    `--reviewer NAME  name recorded with decisions while the store has no accounts (default: $USER, else ${DEFAULT_REVIEWER}); with accounts, each login's name`,
    "--verifier NAME  verifier for replaced citations and edited sentences (default from config)",
  ],
  options: { port: { type: "string" }, host: { type: "string" }, reviewer: { type: "string" }, verifier: { type: "string" } },
  allowPositionals: false,
  async run({ values, io }) {
    const review = await openReviewServer({ values, io });
    io.stdout(`wikigen review: ${review.server.url}\n`);
    io.stderr(
      review.accounts > 0
        ? `${review.accounts} reviewer account${review.accounts === 1 ? "" : "s"}: every page asks for a login; over ${review.dbFile}; Ctrl-C stops the server\n`
        : `reviewing as ${review.reviewer} over ${review.dbFile} (no accounts, so no login; loopback only); Ctrl-C stops the server\n`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await review.close();
    return EXIT.ok;
  },
};

/** Starts the review server as the command would; tests call this and close it themselves. */
export async function openReviewServer(args: {
  values: ParsedValues;
  io: CliIo;
  /** The server's clock (tests move it to expire sessions and lockouts). */
  now?: () => Date;
}): Promise<{ server: ReviewServer; reviewer: string; dbFile: string; accounts: number; close(): Promise<void> }> {
  const { values, io } = args;
  const { config } = await loadCliConfig(values, io);
  const port = typeof values.port === "string" ? Number(values.port) : DEFAULT_REVIEW_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port: expected a port number 0-65535, got "${String(values.port)}"`);
  const host = typeof values.host === "string" ? values.host : "127.0.0.1";
  const reviewer = reviewerFrom(values, io.env);
  const db = openExistingStore(config.paths.db);
  const accounts = countEnabledAccounts(db);
  if (!isLoopbackHost(host) && accounts === 0) {
    db.close();
    throw new UsageError(
      `--host ${host}: refusing to listen beyond loopback without a login, and ${path.basename(config.paths.db)} has no enabled reviewer account; add one with \`wikigen reviewers add NAME --role editor\`, or bind 127.0.0.1`,
    );
  }
  let server: ReviewServer;
  try {
    server = await startReviewServer({
      db,
      sourcesDir: config.paths.sources,
      host,
      port,
      reviewer,
      checkClaim: createClaimChecker(config, io.env),
      revisions: createRevisionDesk({ db, config, env: io.env, runners: lazyRunners(config, io.env), log: (line) => io.stderr(`${line}\n`) }),
      log: (line) => io.stderr(`${line}\n`),
      auth: {
        sessionTtlMs: config.review.session_ttl_minutes * 60_000,
        limits: {
          perAccount: config.review.login_failures_per_account,
          perAddress: config.review.login_failures_per_address,
          windowMs: config.review.login_window_minutes * 60_000,
        },
        trustProxy: config.review.trust_proxy,
        allowedHosts: config.review.allowed_hosts,
      },
      publish: createPublisher(db, config, io.cwd),
      ...(args.now ? { now: args.now } : {}),
    });
  } catch (error) {
    db.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`${host}:${port} is already in use; choose another --port`);
    throw error;
  }
  if (!isLoopbackHost(host)) {
    io.stderr(
      `wikigen review: warning: listening on ${host}, not on loopback: every page needs a reviewer login; put it behind a TLS proxy (review.trust_proxy) before it leaves a trusted network, as passwords travel in the form.\n`,
    );
  }
  return {
    server,
    reviewer,
    accounts,
    dbFile: config.paths.db,
    close: async () => {
      await server.close();
      db.close();
    },
  };
}

/** Publishing from the desk: the same renderStoredArticle as `wikigen render <slug> --publish`, refused while a flag is undecided. */
function createPublisher(db: Store, config: Config, cwd: string): PublishArticle {
  return async (slug) => {
    if (!SLUG_PATTERN.test(slug)) return { kind: "not_found" };
    const outcome = await renderStoredArticle({ db, outputDir: config.paths.output, slug, mode: "publish", allowUndecided: false });
    if (outcome.kind === "not_found") return { kind: "not_found" };
    if (outcome.kind === "refused") return { kind: "refused", version: outcome.version, undecidedFlags: outcome.undecidedFlags };
    // Paths relative to the project, as the render command prints them: pages never show local paths.
    return { kind: "written", version: outcome.version, undecidedFlags: outcome.undecidedFlags, files: outcome.files.map((file) => path.relative(cwd, file)) };
  };
}

/**
 * The configured verifier, created on first use: approving or rejecting never needs it, and a judge
 * that needs ANTHROPIC_API_KEY should not stop the page from starting.
 */
function createClaimChecker(config: Config, env: Readonly<Record<string, string | undefined>>): CheckClaim {
  let verifier: Promise<Verifier> | undefined;
  return async (claim) => {
    // The drafting provider matters only as a judge; an offline verifier must not need a key.
    const provider = config.verifier.name === "offline" ? createExtractiveProvider() : createProvider(config, env);
    verifier ??= createVerifier(config, provider, env).catch((error: unknown) => {
      verifier = undefined;
      throw error;
    });
    const { verdicts } = await verifySectionClaims({ claims: [{ ...claim, basis: "source" }], verifier: await verifier });
    const [rows] = verdicts;
    if (!rows) throw new Error("unreachable: a sourced claim always gets a verdict");
    return rows;
  };
}

/** The revision runners, created on the first decision and kept (a failure is retried next time). */
function lazyRunners(config: Config, env: Readonly<Record<string, string | undefined>>): () => Promise<RevisionRunners> {
  let runners: Promise<RevisionRunners> | undefined;
  return () => {
    runners ??= createRevisionRunners(config, env, { isPreflight: false }).catch((error: unknown) => {
      runners = undefined;
      throw error;
    });
    return runners;
  };
}
