// Okapi BM25 over pre-tokenized documents. The idf is Lucene's ln(1 + (N - df + 0.5) / (df + 0.5)),
// which stays positive for a term in more than half the documents (the classic form goes negative
// and would punish a passage for mentioning the topic every passage mentions).

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/** One score per document, in the documents' order. Repeated query terms count once. */
export function scoreBm25(args: { documents: readonly (readonly string[])[]; queryTerms: readonly string[] }): number[] {
  const { documents } = args;
  const queryTerms = [...new Set(args.queryTerms)];
  const count = documents.length;
  if (count === 0) return [];
  const averageLength = documents.reduce((sum, terms) => sum + terms.length, 0) / count || 1;
  const frequencies = documents.map(countTerms);
  const idf = new Map<string, number>();
  for (const term of queryTerms) {
    const df = frequencies.filter((tf) => tf.has(term)).length;
    idf.set(term, Math.log(1 + (count - df + 0.5) / (df + 0.5)));
  }
  return frequencies.map((tf, index) => {
    const lengthRatio = (documents[index]?.length ?? 0) / averageLength;
    let score = 0;
    for (const term of queryTerms) {
      const f = tf.get(term) ?? 0;
      if (f === 0) continue;
      score += ((idf.get(term) ?? 0) * f * (BM25_K1 + 1)) / (f + BM25_K1 * (1 - BM25_B + BM25_B * lengthRatio));
    }
    return score;
  });
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
