import type { CommandEntry } from "../command.ts";

// What `wikigen --help` lists, and where each command's module is. A module (and everything it
// imports) loads only when its command runs, so listing the commands costs no command module.
export const COMMANDS: readonly CommandEntry[] = [
  { name: "generate", summary: "Draft, verify, store and render articles from their specs.", load: async () => (await import("./generate.ts")).generateCommand },
  { name: "sources", summary: "Fetch and snapshot every source of the given specs; print a table of results.", load: async () => (await import("./sources.ts")).sourcesCommand },
  { name: "extract", summary: "Print the title and main text of one page (a file or an http(s) URL).", load: async () => (await import("./extract.ts")).extractCommand },
  { name: "check", summary: "Verify claims against source texts from a JSONL file; one verdict line per claim.", load: async () => (await import("./check.ts")).checkCommand },
  { name: "config", summary: "Print the effective configuration and where each value came from (default, file, environment, flag).", load: async () => (await import("./config.ts")).configCommand },
  { name: "render", summary: "Re-render a stored article (index.html, index.md, article.json) without any model call.", load: async () => (await import("./render.ts")).renderCommand },
  { name: "flags", summary: "List the open flags (flagged claims of each article's newest version with no decision yet).", load: async () => (await import("./flags.ts")).flagsCommand },
  { name: "decide", summary: "Record a decision on an open flag: approve, reject, or retag as model-written.", load: async () => (await import("./decide.ts")).decideCommand },
  { name: "review", summary: "Serve the review page for flagged claims over runs.db (local web server; Ctrl-C stops it).", load: async () => (await import("./review.ts")).reviewCommand },
  { name: "reviewers", summary: "Manage review desk accounts: add (password from stdin, generated, or a token), list, disable; roles reviewer or editor.", load: async () => (await import("./reviewers.ts")).reviewersCommand },
  { name: "eval", summary: "Score the configured verifier on reviewer decisions (approve = supported; reject, retag = not supported): confusion matrix, balanced accuracy, false accepts.", load: async () => (await import("./eval.ts")).evalCommand },
  { name: "plan", summary: "Say what a version bump made stale, per article and section, and why; writes nothing.", load: async () => (await import("./plan.ts")).planCommand },
  { name: "regen", summary: "Redo what is stale: re-fetch old sources, redraft stale sections, carry the rest, store a new version, render.", load: async () => (await import("./regen.ts")).regenCommand },
  { name: "history", summary: "List an article's stored versions: date, model, trigger, status, sections done/failed/not drafted and carried, claims, flags, cost.", load: async () => (await import("./history.ts")).historyCommand },
  { name: "diff", summary: "Claim-level changes between two versions of an article, and which fingerprint change caused each redraft.", load: async () => (await import("./diff.ts")).diffCommand },
  { name: "schedule", summary: "Run regen in the foreground on a cron schedule (for machines without cron or a timer).", load: async () => (await import("./schedule.ts")).scheduleCommand },
  { name: "runs", summary: "List runs: status (interrupted ones too), articles, sections, tokens, cost and cache hit ratio.", load: async () => (await import("./runs.ts")).runsCommand },
  { name: "batches", summary: "List the Message Batches the store knows (status, sections, expiry, what happened), or cancel one.", load: async () => (await import("./batches.ts")).batchesCommand },
  { name: "site", summary: "Build a static wiki of every published article: home, facet pages, history, search, Atom feed, sitemap; rewrites only changed files.", load: async () => (await import("./site.ts")).siteCommand },
  { name: "serve", summary: "Serve published article pages to readers, each with a form to suggest a revision (local web server; Ctrl-C stops it).", load: async () => (await import("./serve.ts")).serveCommand },
  { name: "suggest", summary: "Take reader suggestions from a JSON-lines file: each line accepted (with its id) or refused (with the reason).", load: async () => (await import("./suggest.ts")).suggestCommand },
  { name: "revisions", summary: "Reader suggestions: list, show, draft the revised sections, approve (a new version) or reject.", load: async () => (await import("./revisions.ts")).revisionsCommand },
  { name: "mail", summary: "The outbox of mails to readers: list what waits, or flush it through SMTP now.", load: async () => (await import("./mail.ts")).mailCommand },
  { name: "cost", summary: "Tokens and USD spent on model calls, in total and by model, live/batch, article and day.", load: async () => (await import("./cost.ts")).costCommand },
];
