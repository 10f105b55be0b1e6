import Database from "better-sqlite3";
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { REPO_PROMPTS, writeArticleFixture } from "./article-fixture.ts";
import { startFakeAnthropic, type FakeAnthropic, type FakeHandler } from "./fake-anthropic.ts";
import type { AccountRateLimits } from "./fake-rate-limits.ts";
import { startPageServer, writeRegenFixture, type PageServer } from "./regen-fixture.ts";
import { writeReviewFixture } from "./review-seed.ts";
import { runWikigen, type CliRun } from "./run-cli.ts";

// The set-up the integration tests share: a project folder in a temp dir written from one of the
// fixtures, the fake Messages API and the regen fixture's page server when asked for, the path of
// the real SQLite store the CLI creates in that folder, and the CLI (in-process or as a child
// process) bound to the folder and to the fake's key and URL. Teardown closes what the test
// adopted (newest first), then the fake and the page server, and removes the folder.

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "wikigen.js");

/** What the project folder holds; each kind is one of the fixtures in this folder. */
export type ProjectFixture =
  /** article-fixture.ts: two local sources, one spec per slug, the repository's prompts, `configLines`. */
  | { kind: "article"; slugs?: string[]; configLines?: string[]; runLimits?: "unlimited" | "default" }
  /** review-seed.ts: three signed local sources and a spec per slug, the anthropic provider. */
  | { kind: "review"; slugs?: string[] }
  /** regen-fixture.ts: copied prompts, two local sources and a page server answering `guide`. */
  | { kind: "regen"; guide: string[]; slugs?: string[] }
  /** A config naming the repository's prompts with default limits, and nothing else. */
  | { kind: "prompts-only" };

export interface HarnessOptions {
  /** Start of the temp folder's name, e.g. "wikigen-regen-". */
  prefix: string;
  project: ProjectFixture;
  /**
   * Starts the fake Messages API; its key and URL become the CLI's environment. `{}` keeps the
   * fake's default responder (for tests that script it later). `rateLimits`: the account's limits,
   * enforced and announced in headers by the fake (fake-rate-limits.ts). `thinkingTokens`: the fake models' thinking at medium effort (fake-thinking.ts; 0 turns it off).
   */
  fake?: { responder?: FakeHandler; rateLimits?: AccountRateLimits; thinkingTokens?: number };
}

interface Closable {
  close(): Promise<void>;
}

type CliEnv = Record<string, string | undefined>;

export class IntegrationHarness {
  readonly #options: HarnessOptions;
  #dir: string | undefined;
  #fake: FakeAnthropic | undefined;
  #page: PageServer | undefined;
  readonly #adopted: Closable[] = [];

  constructor(options: HarnessOptions) {
    this.#options = options;
  }

  /** The project folder: the CLI's working directory. */
  get dir(): string {
    if (this.#dir === undefined) throw new Error("the harness has not started (use it inside a test or a later hook)");
    return this.#dir;
  }

  /** The store the CLI opens by default (paths.db is runs.db in the working directory). */
  get dbFile(): string {
    return path.join(this.dir, "runs.db");
  }

  get fake(): FakeAnthropic {
    if (this.#fake === undefined) throw new Error("the harness has no fake Messages API (pass `fake` to start one)");
    return this.#fake;
  }

  get page(): PageServer {
    if (this.#page === undefined) throw new Error("the harness has no page server (it comes with the regen project)");
    return this.#page;
  }

  /** The fake's key and URL as the CLI reads them, or nothing when there is no fake. */
  get env(): Record<string, string> {
    return this.#fake ? { ANTHROPIC_API_KEY: this.#fake.apiKey, ANTHROPIC_BASE_URL: this.#fake.baseUrl } : {};
  }

  /** Runs the CLI in-process in the project folder; `env` replaces the harness's env for this run. */
  wikigen(args: string[], options: { env?: CliEnv } = {}): Promise<CliRun> {
    return runWikigen(args, { cwd: this.dir, env: options.env ?? this.env });
  }

  /**
   * Starts bin/wikigen.js as a child process in the project folder, with PATH, HOME and the
   * harness's env. Output the test will not read is ignored, so a full pipe cannot stall the child.
   */
  spawnWikigen(args: string[], options?: { output?: "pipe" }): ChildProcessWithoutNullStreams;
  spawnWikigen(args: string[], options: { output: "ignore" }): ChildProcess;
  spawnWikigen(args: string[], options: { output?: "pipe" | "ignore" } = {}): ChildProcess {
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...this.env };
    return spawn(process.execPath, [BIN, ...args], { cwd: this.dir, env, stdio: options.output ?? "pipe" });
  }

  /** The store, read-only; the caller closes it. */
  openDb(): Database.Database {
    return new Database(this.dbFile, { readonly: true });
  }

  /** Closes `resource` at teardown, before the parts the harness started itself. */
  adopt<T extends Closable>(resource: T): T {
    this.#adopted.push(resource);
    return resource;
  }

  async start(): Promise<void> {
    const { prefix, project, fake } = this.#options;
    this.#dir = mkdtempSync(path.join(tmpdir(), prefix));
    if (fake) {
      this.#fake = await startFakeAnthropic({ ...(fake.rateLimits ? { rateLimits: fake.rateLimits } : {}), ...(fake.thinkingTokens === undefined ? {} : { thinkingTokens: fake.thinkingTokens }) });
      if (fake.responder) this.#fake.setResponder(fake.responder);
    }
    if (project.kind === "article") {
      for (const slug of project.slugs ?? ["demo-article"]) {
        writeArticleFixture(this.#dir, { slug, configLines: project.configLines, runLimits: project.runLimits });
      }
    } else if (project.kind === "review") {
      for (const slug of project.slugs ?? ["demo-article"]) writeReviewFixture(this.#dir, slug);
    } else if (project.kind === "regen") {
      this.#page = await startPageServer(project.guide);
      writeRegenFixture(this.#dir, { guideUrl: this.#page.url, slugs: project.slugs });
    } else {
      writeFileSync(path.join(this.#dir, "wikigen.config.yaml"), `paths:\n  prompts: ${REPO_PROMPTS}\n`);
    }
  }

  /** Closes everything started, even when a part failed to start or to close, then removes the folder. */
  async close(): Promise<void> {
    const errors: unknown[] = [];
    const parts: (Closable | undefined)[] = [...[...this.#adopted].reverse(), this.#fake, this.#page];
    this.#adopted.length = 0;
    for (const part of parts) {
      try {
        await part?.close();
      } catch (error) {
        errors.push(error);
      }
    }
    this.#fake = undefined;
    this.#page = undefined;
    if (this.#dir !== undefined) rmSync(this.#dir, { recursive: true, force: true });
    if (errors.length > 0) throw new AggregateError(errors, "the integration harness could not close everything");
  }
}

/** A harness for one test's own use; the caller closes it (onTestFinished, or a finally). */
export async function startIntegrationHarness(options: HarnessOptions): Promise<IntegrationHarness> {
  const harness = new IntegrationHarness(options);
  try {
    await harness.start();
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}

/**
 * A harness for the enclosing describe block, started and closed by hooks registered here. Called
 * before the block's own hooks, it starts before their beforeAll and (vitest's default "stack" hook
 * order) closes after their afterAll.
 */
export function useIntegrationHarness(options: HarnessOptions): IntegrationHarness {
  const harness = new IntegrationHarness(options);
  beforeAll(() => harness.start());
  afterAll(() => harness.close());
  return harness;
}
