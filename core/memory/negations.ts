/**
 * The negation channel: the negations a query and a candidate share ("not", "no", the "n't" of
 * "can't", "don't"), words the analyser drops as stop words (`text.ts`) and plain BM25 still
 * matches. Each weighed by its idf over the candidate pool, so a negation most candidates say
 * counts little. Relevance adds {@linkcode NEGATION} times the share (`ranking.ts`).
 *
 * @module
 */
import type { Candidate } from "./backend.ts";
import { isAscii, stem, words } from "./text.ts";

/** Negations as the analyser splits them ("can't" → "can", "t"; "didn't" → "didn", "t"). */
export const NEGATIONS: ReadonlySet<string> = new Set(
  ("not no nor t don didn doesn isn aren wasn weren haven hasn hadn won wouldn couldn shouldn " +
    "mightn mustn needn shan ain").split(" "),
);

/** The negations of a query: its words, or their stems, that are one of {@linkcode NEGATIONS}. */
export function queryNegations(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of words(text)) {
    if (NEGATIONS.has(word)) found.add(word);
    else if (NEGATIONS.has(stem(word))) found.add(stem(word));
  }
  return found;
}

/**
 * Each candidate's share (0..1) of the query's negations, each weighed by its idf over the
 * candidates (Lucene's: ln(1 + (N − df + 0.5) / (df + 0.5))); undefined when the query says none.
 */
export function negationShares(
  text: string,
  candidates: readonly Candidate[],
): number[] | undefined {
  const asked = queryNegations(text);
  if (asked.size === 0) return undefined;
  // Most candidates say none of them: a plain-text pattern of the words (the analyser's word
  // boundaries) rules those out before their words are read; other text is always read.
  const pattern = new RegExp(
    `(?:^|[^A-Za-z0-9])(?:${[...asked].join("|")})(?![A-Za-z0-9])`,
    "i",
  );
  const held = candidates.map((candidate) => {
    const own = new Set<string>();
    const { content } = candidate.record;
    if (isAscii(content) && !pattern.test(content)) return own;
    for (const word of words(content)) if (asked.has(word)) own.add(word);
    return own;
  });
  const n = candidates.length;
  const idf = new Map<string, number>();
  let total = 0;
  for (const word of asked) {
    let df = 0;
    for (const own of held) if (own.has(word)) df++;
    const weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    idf.set(word, weight);
    total += weight;
  }
  return held.map((own) => {
    let sum = 0;
    for (const word of own) sum += idf.get(word)!;
    return total > 0 ? sum / total : 0;
  });
}
