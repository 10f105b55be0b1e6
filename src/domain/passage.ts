/**
 * A span of a source's extracted text chosen for drafting: retrieval makes passages, drafting and
 * the providers read them.
 */
export interface Passage {
  /** The spec's source number. */
  source: number;
  /** Character offsets into the snapshot's extracted text. */
  start: number;
  end: number;
  text: string;
  score: number;
}
