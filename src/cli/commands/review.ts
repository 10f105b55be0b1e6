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
import { openExistingStore } from "../../store/open-store.ts";
import type { Verifier } from "../../verification/types.ts";
import { EXIT, type CliIo, type Command, type ParsedValues } from "../command.ts";
import { DEFAULT_REVIEWER, loadCliConfig, reviewerFrom } from "../context.ts";

export const DEFAULT_REVIEW_PORT = 8417;

export const reviewCommand: Command = {
  usage: "review [--port N] [--host 127.0.0.1] [--reviewer NAME] [--verifier offline|llm|cascade] [--db runs.db]",
  optionHelp: [
    `--port N         port to listen on (default ${DEFAULT_REVIEW_PORT}; 0 picks a free one)`,
    "--host ADDR      address to bind (default 127.0.0.1; anything else is reachable from other machines)",
    `--reviewer NAME  name recorded with decisions (default: $USER, else ${DEFAULT_REVIEWER}); each browser can change it on the page`,
    "--verifier NAME  verifier for replaced citations and edited sentences (default from config)",
  ],
  options: { port: { type: "string" }, host: { type: "string" }, reviewer: { type: "string" }, verifier: { type: "string" } },
  allowPositionals: false,
  async run({ values, io }) {
    const review = await openReviewServer({ values, io });
    io.stdout(`wikigen review: ${review.server.url}\n`);
    io.stderr(`reviewing as ${review.reviewer} over ${review.dbFile}; Ctrl-C stops the server\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await review.close();
    return EXIT.ok;
  },
};

/** Starts the review server as the command would; tests call this and close it themselves. */
export async function openReviewServer(args: { values: ParsedValues; io: CliIo }): Promise<{ server: ReviewServer; reviewer: string; dbFile: string; close(): Promise<void> }> {
  const { values, io } = args;
  const { config } = await loadCliConfig(values, io);
  const port = typeof values.port === "string" ? Number(values.port) : DEFAULT_REVIEW_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port: expected a port number 0-65535, got "${String(values.port)}"`);
  const host = typeof values.host === "string" ? values.host : "127.0.0.1";
  const reviewer = reviewerFrom(values, io.env);
  const db = openExistingStore(config.paths.db);
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
    });
  } catch (error) {
    db.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`${host}:${port} is already in use; choose another --port`);
    throw error;
  }
  if (!isLoopbackHost(host)) {
    io.stderr(
      `wikigen review: warning: listening on ${host}, not on loopback: anyone who can reach this machine on port ${server.port} can read the flagged claims and their sources and record decisions; there is no login.\n`,
    );
  }
  return {
    server,
    reviewer,
    dbFile: config.paths.db,
    close: async () => {
      await server.close();
      db.close();
    },
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
