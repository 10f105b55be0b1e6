// Politeness toward source sites: one queue per host, so a batch of hundreds of sources never has
// more than perHostConcurrency requests open to the same server, while different hosts proceed in
// parallel.

import PQueue from "p-queue";

export class HostQueues {
  readonly perHostConcurrency: number;
  readonly #queues = new Map<string, PQueue>();

  constructor(options: { perHostConcurrency: number }) {
    if (!Number.isInteger(options.perHostConcurrency) || options.perHostConcurrency < 1) {
      throw new RangeError(`perHostConcurrency must be a positive integer, got ${options.perHostConcurrency}`);
    }
    this.perHostConcurrency = options.perHostConcurrency;
  }

  /**
   * Runs task once a slot for the URL's host is free. Keyed by host name without the port: politeness
   * is owed to a machine, not to one of its listening sockets.
   */
  async run<T>(url: URL, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const queue = this.#queueFor(url.hostname);
    return queue.add(() => task(), signal === undefined ? { throwOnTimeout: true } : { throwOnTimeout: true, signal });
  }

  #queueFor(hostname: string): PQueue {
    let queue = this.#queues.get(hostname);
    if (queue === undefined) {
      queue = new PQueue({ concurrency: this.perHostConcurrency });
      this.#queues.set(hostname, queue);
    }
    return queue;
  }
}
