import { UsageError } from "../../domain/errors.ts";
import { ACCOUNT_NAME_PATTERN, generatePassword, generateToken, hashPassword, hashToken, passwordProblem } from "../../review/auth-passwords.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { addReviewerAccount, disableReviewerAccount, listReviewerAccounts, REVIEWER_ROLES, type ReviewerRole } from "../../store/reviewer-accounts.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

// Accounts of the review desk. A password comes from stdin (--password-stdin, so it never sits in
// the shell history or the process list) or is generated and printed once; --token prints a new
// random token instead. The store keeps only their hashes.

export const reviewersCommand: Command = {
  usage: "reviewers add|list|disable [NAME] [--role reviewer|editor] [--password-stdin | --token] [--db runs.db]",
  optionHelp: [
    "--role ROLE        add: reviewer (decides; the default) or editor (also publishes and manages accounts)",
    "--password-stdin   add: read the password from stdin (first line; at least 12 characters); else one is generated and printed once",
    "--token            add: the account logs in with a new random token, printed once (for scripts and password managers)",
    "--json             list: one JSON document",
  ],
  options: { role: { type: "string" }, "password-stdin": { type: "boolean" }, token: { type: "boolean" }, json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [action, name, ...extra] = positionals;
    if (action !== "add" && action !== "list" && action !== "disable") throw new UsageError(`expected add, list or disable, got "${action ?? ""}"`);
    if (action === "list" ? name !== undefined : name === undefined || extra.length > 0) throw new UsageError(action === "list" ? "list takes no name" : `${action} takes exactly one account name`);
    if (name !== undefined && !ACCOUNT_NAME_PATTERN.test(name)) {
      throw new UsageError(`"${name}" is not an account name: 1-40 letters, digits, dots, dashes or underscores, starting with a letter or digit`);
    }
    if (action !== "add" && (values.role !== undefined || values["password-stdin"] || values.token)) throw new UsageError("--role, --password-stdin and --token go with add");
    const role = values.role === undefined ? "reviewer" : REVIEWER_ROLES.find((candidate) => candidate === values.role);
    if (!role) throw new UsageError(`--role: expected reviewer or editor, got "${String(values.role)}"`);
    if (values["password-stdin"] && values.token) throw new UsageError("--password-stdin and --token exclude each other");
    // Read before opening the store: a refused password leaves the store untouched.
    const typed = values["password-stdin"] ? firstLine(await readStdin()) : undefined;
    if (typed !== undefined) {
      const problem = passwordProblem(typed);
      if (problem) throw new UsageError(`--password-stdin: ${problem}`);
    }
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    try {
      const now = new Date();
      if (action === "list") {
        const accounts = listReviewerAccounts(db);
        if (values.json) {
          io.stdout(`${JSON.stringify(accounts.map((account) => ({ name: account.name, role: account.role, credential: account.password_hash ? "password" : "token", created_at: account.created_at, disabled_at: account.disabled_at })), null, 2)}\n`);
        } else if (accounts.length === 0) {
          io.stdout("no reviewer accounts (`wikigen review` runs without login, on loopback only)\n");
        } else {
          const rows = accounts.map((account) => [account.name, account.role, account.password_hash ? "password" : "token", account.created_at, account.disabled_at ? `disabled ${account.disabled_at}` : "enabled"]);
          io.stdout(formatTable(["name", "role", "credential", "created", "state"], rows));
        }
        return EXIT.ok;
      }
      if (action === "disable") {
        if (!disableReviewerAccount(db, name as string, now)) {
          io.stderr(`wikigen reviewers: there is no enabled account "${name as string}" (see wikigen reviewers list)\n`);
          return EXIT.fatal;
        }
        io.stdout(`disabled ${name as string}; a running review server ends their session on their next request\n`);
        return EXIT.ok;
      }
      const token = values.token ? generateToken() : undefined;
      const password = token === undefined ? (typed ?? generatePassword()) : undefined;
      const outcome = addReviewerAccount(db, {
        name: name as string,
        role: role as ReviewerRole,
        passwordHash: password === undefined ? null : await hashPassword(password),
        tokenSha256: token === undefined ? null : hashToken(token),
        now,
      });
      if (outcome.kind === "exists") {
        io.stderr(`wikigen reviewers: an enabled account "${name as string}" exists already; disable it first to give it new credentials\n`);
        return EXIT.fatal;
      }
      io.stdout(`added ${name as string} (${role})\n`);
      if (token !== undefined) io.stdout(`token (shown only now; log in with it as the password): ${token}\n`);
      else if (typed === undefined) io.stdout(`password (shown only now): ${password as string}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? "";
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("--password-stdin: stdin is a terminal; pipe the password in (e.g. from a password manager)");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
