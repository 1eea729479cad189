/**
 * {@linkcode queryTerms} of a text, remembered: a search analyses the same memory texts again
 * and again (the best candidates whose words ranking weighs, the words a name bridge looks
 * behind), and a text's terms depend on the text alone. Frozen, so that no caller can change
 * what the next one gets; bounded: past {@linkcode TERMS_MEMO_LIMIT} texts it starts over.
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
  if (terms === undefined) {
    // Full: started over (cheaper per hit than keeping the most recently asked).
    if (memo.size >= TERMS_MEMO_LIMIT) memo.clear();
    terms = Object.freeze(queryTerms(text));
    memo.set(text, terms);
  }
  return terms;
}

/** Forgets every text's terms (for tests). */
export function forgetTerms(): void {
  memo.clear();
}
