import path from "node:path";
import { UsageError } from "../../domain/errors.ts";
import { acceptSuggestion } from "../../pipeline/revise/accept-suggestion.ts";
import { deliverMail, describeDelivery } from "../../pipeline/revise/deliver-mail.ts";
import { createRevisionRunners, draftWaitingRevisions } from "../../pipeline/revise/process-revisions.ts";
import { startReaderServer, type ReaderServer } from "../../review/reader-server.ts";
import { isLoopbackHost } from "../../review/request-guard.ts";
import { getArticleVersion } from "../../store/articles.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { listSections } from "../../store/sections.ts";
import { EXIT, type CliIo, type Command, type ParsedValues } from "../command.ts";
import { loadCliConfig } from "../context.ts";

// `wikigen serve`: the published pages for readers with the "Suggest a revision" form. An accepted
// suggestion is stored with its receipt at once; mailing and drafting follow in the background, one
// suggestion after another, so a slow model or mail server never holds up a reader's page.

export const DEFAULT_SERVE_PORT = 8418;
const DEFAULT_RATE = 5;

export const serveCommand: Command = {
  usage: "serve [--site DIR] [--port N] [--host 127.0.0.1] [--rate N] [--no-draft] [--db runs.db]",
  optionHelp: [
    "--site DIR       folder of published pages (default: the output folder, paths.output)",
    `--port N         port to listen on (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)`,
    "--host ADDR      address to bind (default 127.0.0.1)",
    `--rate N         suggestions one client address may post per hour (default ${DEFAULT_RATE})`,
    "--no-draft       store suggestions only; draft them later with wikigen revisions draft",
  ],
  options: { site: { type: "string" }, port: { type: "string" }, host: { type: "string" }, rate: { type: "string" }, "no-draft": { type: "boolean" } },
  allowPositionals: false,
  async run({ values, io }) {
    const serve = await openServeServer({ values, io });
    io.stdout(`wikigen serve: ${serve.server.url}\n`);
    io.stderr(`serving ${serve.siteDir}; suggestions go to ${serve.dbFile}; Ctrl-C stops the server\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await serve.close();
    return EXIT.ok;
  },
};

function wholeNumber(values: ParsedValues, flag: string, fallback: number, min: number, max: number): number {
  const raw = values[flag];
  if (typeof raw !== "string") return fallback;
  const number = Number(raw);
  if (!/^\d+$/.test(raw) || number < min || number > max) throw new UsageError(`--${flag}: expected a whole number ${min}-${max}, got "${raw}"`);
  return number;
}

/** Starts the reader server as the command would; tests call this, wait with idle() and close it themselves. */
export async function openServeServer(args: { values: ParsedValues; io: CliIo }): Promise<{ server: ReaderServer; siteDir: string; dbFile: string; idle(): Promise<void>; close(): Promise<void> }> {
  const { values, io } = args;
  const { config } = await loadCliConfig(values, io);
  const port = wholeNumber(values, "port", DEFAULT_SERVE_PORT, 0, 65_535);
  const rate = wholeNumber(values, "rate", DEFAULT_RATE, 1, 10_000);
  const host = typeof values.host === "string" ? values.host : "127.0.0.1";
  const siteDir = typeof values.site === "string" ? path.resolve(io.cwd, values.site) : config.paths.output;
  const isDrafting = values["no-draft"] !== true;
  const db = openExistingStore(config.paths.db);
  const say = (line: string | undefined): void => {
    if (line) io.stderr(`${line}\n`);
  };
  let runners: Awaited<ReturnType<typeof createRevisionRunners>> | undefined;
  let work: Promise<void> = Promise.resolve();
  const afterAccept = (id: number): void => {
    work = work.then(async () => {
      try {
        say(describeDelivery(await deliverMail({ db, config, env: io.env })));
        if (!isDrafting) return;
        runners ??= await createRevisionRunners(config, io.env, { isPreflight: true });
        const { results, errors } = await draftWaitingRevisions({ db, config, runners, ids: [id] });
        for (const result of results) say(`suggestion #${result.id}: ${result.status === "drafted" ? `drafted, ${result.sentences} sentence(s), ${result.flagged} flagged` : `draft failed: ${result.error ?? ""}`}`);
        for (const error of errors) say(`suggestion #${error.id}: could not be drafted: ${error.error}`);
        say(describeDelivery(await deliverMail({ db, config, env: io.env })));
      } catch (error) {
        say(`suggestion #${id}: ${error instanceof Error ? error.message : String(error)} (it stays stored; wikigen revisions draft ${id} tries again)`);
      }
    });
  };
  let server: ReaderServer;
  try {
    server = await startReaderServer({
      siteDir,
      host,
      port,
      rateLimit: { max: rate, windowMs: 60 * 60_000 },
      sectionsOf: (slug) => {
        const version = getArticleVersion(db, slug);
        return version ? listSections(db, version.id).map((section) => ({ id: section.section_id, title: section.title })) : undefined;
      },
      submit: async (submission) => {
        const outcome = acceptSuggestion({ db, input: submission, channel: "form" });
        if (outcome.kind === "accepted") {
          say(`suggestion #${outcome.id} received for ${submission.article} / ${submission.section}`);
          afterAccept(outcome.id);
          return outcome;
        }
        return { kind: "refused", reason: outcome.reason };
      },
      log: (line) => say(line),
    });
  } catch (error) {
    db.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new UsageError(`${host}:${port} is already in use; choose another --port`);
    throw error;
  }
  if (!isLoopbackHost(host)) io.stderr(`wikigen serve: listening on ${host}: anyone who can reach this machine on port ${server.port} can read the pages and send suggestions.\n`);
  return {
    server,
    siteDir,
    dbFile: config.paths.db,
    idle: async () => {
      let seen: Promise<void>;
      do {
        seen = work;
        await seen;
      } while (seen !== work);
    },
    close: async () => {
      await server.close();
      await work;
      db.close();
    },
  };
}
