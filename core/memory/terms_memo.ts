/**
 * {@linkcode queryTerms} of a text, remembered: a search analyses the same memory texts again
 * and again (the best candidates whose words ranking weighs, the words a name bridge looks
 * behind), and a text's terms depend on the text alone. Frozen, so that no caller can change
 * what the next one gets; bounded: past {@linkcode TERMS_MEMO_LIMIT} texts the least recently
 * asked is forgotten.
 *
 * @module
 */
import { queryTerms } from "./lexical_index.ts";

/** How many texts' terms are remembered. */
export const TERMS_MEMO_LIMIT = 20_000;

const memo = new Map<string, readonly string[]>();

/** The distinct analysed terms of `text` ({@linkcode queryTerms}), remembered. */
export function termsOf(text: string): readonly string[] {
  let terms = memo.get(text);
  if (terms !== undefined) {
    // Most recently asked last: the first key is the one to forget.
    memo.delete(text);
  } else {
    terms = Object.freeze(queryTerms(text));
    if (memo.size >= TERMS_MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  }
  memo.set(text, terms);
  return terms;
}
