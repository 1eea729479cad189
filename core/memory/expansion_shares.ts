/**
 * The shares of a query term's weight with which its expansions join the BM25 query (its forms,
 * WordNet relatives, compounds, phrases and the store's slips; `expansion.ts`, `compounds.ts`,
 * `store_slips.ts`), and how many relatives one term brings.
 *
 * @module
 */

/**
 * Query expansion: an irregular form of a query term ("children" for "child", "eaten" for
 * "eat") joins the BM25 query with the term's whole weight: it is the same word.
 */
export const EXPANSION_FORM = 1;
/**
 * Each query term's other WordNet relatives (`meaning/word_relations.ts`) join the BM25 query
 * with this share of the term's weight (a synonym) ...
 */
export const EXPANSION_CLOSE = 0.15;
/** ... or this share (a direct hypernym, or a hyponym: a kind of what the query names). */
export const EXPANSION_KIND = 0.4;
/** ... or this share (a derived word, `DERIVED_SIMILARITY`: "studies" → "student"). */
export const EXPANSION_DERIVED = 0.25;
/** The share of its weight a closed compound's words take ("flatmate" → "flat", "mate"). */
export const EXPANSION_COMPOUND = 0.4;
/**
 * The share of a query phrase's weight (its strongest term's) with which its one-word synonyms
 * join the BM25 query ("time of year": "season"): they say what it says.
 */
export const EXPANSION_PHRASE = 1;
/** The most relatives one query term brings, most frequent first (closer relations first). */
export const EXPANSION_PER_TERM = 24;
/**
 * The share of a query word's weight with which a store word a slip away from it joins the BM25
 * query (`store_slips.ts`: "dauther" stored, "daughter" asked), at most: a slip matches in word
 * alignment at `TYPO_SIMILARITY`, the same 0.8, and never weighs what the word spelt as asked does.
 */
export const EXPANSION_SLIP = 0.8;
