import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../../domain/errors.ts";
import { fetchLimitsFrom } from "../../pipeline/wiring/fetch-limits.ts";
import { extractDocument } from "../../sources/extract-document.ts";
import { fetchSource } from "../../sources/fetch-source.ts";
import { HostQueues } from "../../sources/host-queues.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";

export const extractCommand: Command = {
  usage: "extract <file|url> [--json]",
  optionHelp: ["--json          print {title, kind, extractor, text} as one JSON document"],
  options: { json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    if (positionals.length !== 1) throw new UsageError("expected exactly one file or URL");
    const target = positionals[0] as string;
    const { config } = await loadCliConfig(values, io);
    const isUrl = /^(https?|file):/.test(target);
    const url = isUrl ? target : pathToFileURL(path.resolve(io.cwd, target)).href;
    if (!isUrl) await readFile(path.resolve(io.cwd, target)).catch(() => {
      throw new UsageError(`${target}: no such file`);
    });
    // The file is the user's own command-line argument, not input someone else wrote: no local roots.
    const limits = { ...fetchLimitsFrom(config), localRoots: [path.parse(io.cwd).root] };
    const page = await fetchSource({ url }, { limits, hosts: new HostQueues({ perHostConcurrency: limits.perHostConcurrency }) });
    const document = await extractDocument({ bytes: page.body, contentType: page.contentType, url: page.finalUrl });
    if (values.json) {
      io.stdout(`${JSON.stringify({ url: page.finalUrl, title: document.title, kind: document.kind, charset: document.charset ?? null, extractor: document.extractor, text: document.text }, null, 2)}\n`);
    } else {
      io.stdout(`${document.title}\n\n${document.text}\n`);
    }
    return EXIT.ok;
  },
};
