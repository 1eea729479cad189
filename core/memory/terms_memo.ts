/**
 * {@linkcode queryTerms} of a text, remembered (`text_memo.ts`): a search analyses the same
 * memory texts again and again (the best candidates whose words ranking weighs, the words a name
 * bridge looks behind), and a text's terms depend on the text alone. Frozen, so that no caller
 * can change what the next one gets; bounded: past {@linkcode TERMS_MEMO_LIMIT} texts it starts
 * over.
 *
 * @module
 */
import { queryTerms } from "./lexical_index.ts";
import { rememberedByText, TEXT_MEMO_LIMIT } from "./text_memo.ts";

/** How many texts' terms are remembered. */
export const TERMS_MEMO_LIMIT = TEXT_MEMO_LIMIT;

// Asked of every candidate by a search whose query has a modifier of a noun ("harbour boat":
// `modifierFactor`), so worked out ahead (`memory_prep.ts`).
const remembered = rememberedByText(
  (text): readonly string[] => Object.freeze(queryTerms(text)),
  { everyCandidate: true },
);

/** The distinct analysed terms of `text` ({@linkcode queryTerms}), remembered. */
export function termsOf(text: string): readonly string[] {
  return remembered(text);
}

/** Forgets every text's terms (for tests). */
export function forgetTerms(): void {
  remembered.forget();
}
