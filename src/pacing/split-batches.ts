// Splitting a job's requests into Message Batches within the API's limits per batch: a number of
// requests and a size in bytes of the create body. Order is kept, so an article's sections travel
// together as far as the limits allow.

/** The create body's own bytes besides its requests: `{"requests":[` ... `]}`. */
const ENVELOPE_BYTES = 16;

export function splitIntoBatches<T>(items: readonly T[], limits: { maxRequests: number; maxBytes: number; measure: (item: T) => number }): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const item of items) {
    const size = limits.measure(item);
    if (size + ENVELOPE_BYTES > limits.maxBytes) throw new Error(`one batch request is ${size} bytes, over the ${limits.maxBytes}-byte batch limit`);
    if (current.length > 0 && (current.length >= limits.maxRequests || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** A custom_id the API accepts (^[a-zA-Z0-9_-]{1,64}$), unique per article version and section. */
export function toCustomId(articleVersionId: number, sectionId: string, position: number): string {
  const id = `v${articleVersionId}-${sectionId.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
  return id.length <= 64 ? id : `v${articleVersionId}-p${position}`;
}
