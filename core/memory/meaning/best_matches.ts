/**
 * Best cosines remembered across searches: the highest cosine of a word with any content word
 * of a text, word by word (alignment) and as arrays for a whole text's words over another text
 * (ranking's same-subject comparisons) or for a query's words over a memory (a search's
 * aligner). They depend on the words, the texts and the vectors alone, and searches align the
 * same words with the same memories again and again (a conversation's topic with the memories
 * that keep coming back; ranking's best candidates with each other); only the words' weights
 * change, applied afterwards.
 *
 * Bounded by what is held, not by entries: a client can send long queries and store long
 * memories, so an array counts its length plus {@linkcode ENTRY_COST}; past
 * {@linkcode ARRAY_BUDGET} (each kind) or {@linkcode BEST_MATCH_LIMIT} single words the memory
 * starts over.
 *
 * A query's arrays are held past its own search only once the query has come again: a chat's
 * recall searches with the user's new message, nearly always a query never seen before, and its
 * arrays (one per candidate, ~90 a chat, ~20 KB) outlived the chat until the budget started the
 * memory over: most of what a chat left on the heap, copied by every young-generation collection
 * until promoted (`tests/bench/HISTORY.md`, session 27). The latest query's arrays are kept for
 * the rest of its search (coverage reads them after alignment).
 *
 * @module
 */

/** Word-to-text best cosines remembered (then started over). */
export const BEST_MATCH_LIMIT = 100_000;
/** What one remembered array costs beyond its cosines, in cosines (its map entry and key). */
export const ENTRY_COST = 8;
/**
 * Cosines (plus {@linkcode ENTRY_COST} per array) remembered for pairs of texts, and as much
 * for queries' words over texts, before each kind starts over: at most ~4 MB of cosines each.
 */
export const ARRAY_BUDGET = 524_288;

/**
 * Characters of query keys remembered as searched once (to know a query that comes again), then
 * started over: ~4,000 chat messages' words.
 */
export const SEEN_QUERY_BUDGET = 262_144;

/**
 * The best cosines of a text's or a query's words, in their order: plain arrays from the aligners
 * (`query_aligner.ts`, `subject_alignment.ts`), which make one per candidate or pair.
 */
export type BestCosines = ArrayLike<number>;

/** Arrays of best cosines by two texts, within {@linkcode ARRAY_BUDGET}. */
class ArrayMemo {
  readonly #byFirst = new Map<string, Map<string, BestCosines>>();
  #held = 0;

  /** The array held for `first` and `second`, if any. */
  held(first: string, second: string): BestCosines | undefined {
    return this.#byFirst.get(first)?.get(second);
  }

  get(first: string, second: string, compute: () => BestCosines): BestCosines {
    const held = this.#byFirst.get(first)?.get(second);
    if (held !== undefined) return held;
    const best = compute();
    this.put(first, second, best);
    return best;
  }

  /** Holds `best` for `first` and `second` (computed: not held). */
  put(first: string, second: string, best: BestCosines): void {
    let bySecond = this.#byFirst.get(first);
    const cost = ENTRY_COST + best.length;
    if (this.#held + cost > ARRAY_BUDGET) {
      this.#byFirst.clear();
      this.#held = 0;
      bySecond = undefined;
    }
    if (bySecond === undefined) this.#byFirst.set(first, bySecond = new Map());
    bySecond.set(second, best);
    this.#held += cost;
  }
}

/**
 * Arrays of a query's words over texts: a query's held across searches (an {@linkcode ArrayMemo})
 * once it has been searched before, the latest new query's only until another query's.
 */
class QueryMemo {
  readonly #kept = new ArrayMemo();
  /** The latest query searched for the first time, and its arrays by text. */
  #latest: string | undefined;
  #latestArrays = new Map<string, BestCosines>();
  /** Queries searched before (by key), within {@linkcode SEEN_QUERY_BUDGET} characters. */
  readonly #seen = new Set<string>();
  #seenChars = 0;

  held(key: string, text: string): BestCosines | undefined {
    return (key === this.#latest ? this.#latestArrays.get(text) : undefined) ??
      this.#kept.held(key, text);
  }

  get(key: string, text: string, compute: () => BestCosines): BestCosines {
    const held = this.held(key, text);
    if (held !== undefined) return held;
    const best = compute();
    this.put(key, text, best);
    return best;
  }

  put(key: string, text: string, best: BestCosines): void {
    if (key === this.#latest) {
      this.#latestArrays.set(text, best);
      return;
    }
    if (this.#seen.has(key)) {
      this.#kept.put(key, text, best);
      return;
    }
    if (this.#seenChars + key.length > SEEN_QUERY_BUDGET) {
      this.#seen.clear();
      this.#seenChars = 0;
    }
    this.#seen.add(key);
    this.#seenChars += key.length;
    this.#latest = key;
    this.#latestArrays = new Map([[text, best]]);
  }
}

/** The best cosines remembered for one word data (see the module's documentation). */
export class BestMatches {
  readonly #byWord = new Map<string, Map<string, number>>();
  #words = 0;
  readonly #pairs = new ArrayMemo();
  readonly #queries = new QueryMemo();

  /** How many times the single words' memory started over (a map of one word is of one start). */
  #starts = 0;

  /** The best cosine of `word` with `text`, else `compute()`'s (then remembered). */
  word(word: string, text: string, compute: () => number): number {
    const byText = this.#byWord.get(word);
    const best = byText?.get(text);
    if (best !== undefined) return best;
    const computed = compute();
    this.#remember(word, byText, text, computed);
    return computed;
  }

  /**
   * {@linkcode BestMatches.word} for one `word` and many texts (a search's candidates): the
   * word's own memory looked up once, not once per text, until the memory starts over.
   */
  forWord(word: string): (text: string, compute: () => number) => number {
    const memo = this.wordMemo(word);
    return (text, compute) => {
      const best = memo.held(text);
      if (best !== undefined) return best;
      const computed = compute();
      memo.remember(text, computed);
      return computed;
    };
  }

  /**
   * {@linkcode BestMatches.forWord} as a lookup and a store apart, so that a caller aligning
   * many texts makes no closure per text (`query_aligner.ts`).
   */
  wordMemo(word: string): WordMemo {
    let byText = this.#byWord.get(word);
    let start = this.#starts;
    // Looked up again after a start-over, and while another caller may have made its map.
    const current = () => {
      if (start !== this.#starts || byText === undefined) {
        byText = this.#byWord.get(word);
        start = this.#starts;
      }
      return byText;
    };
    return {
      held: (text) => current()?.get(text),
      remember: (text, best) => {
        byText = this.#remember(word, current(), text, best);
        start = this.#starts;
      },
    };
  }

  /** Remembers `best` for `word` and `text` (`byText`: the word's map, if it has one). */
  #remember(
    word: string,
    byText: Map<string, number> | undefined,
    text: string,
    best: number,
  ): Map<string, number> {
    if (this.#words >= BEST_MATCH_LIMIT) {
      this.#byWord.clear();
      this.#words = 0;
      this.#starts++;
      byText = undefined;
    }
    if (byText === undefined) this.#byWord.set(word, byText = new Map());
    byText.set(text, best);
    this.#words++;
    return byText;
  }

  /**
   * The best cosines of a query's words (`key`: the words joined) with `text`, else
   * `compute()`'s (then remembered).
   */
  words(key: string, text: string, compute: () => BestCosines): BestCosines {
    return this.#queries.get(key, text, compute);
  }

  /** Remembers `best` as {@linkcode BestMatches.words} would have (no closure to make). */
  rememberWords(key: string, text: string, best: BestCosines): void {
    this.#queries.put(key, text, best);
  }

  /**
   * The best cosines of a query's words (`key`: the words joined) with `text` if remembered
   * ({@linkcode BestMatches.words}), else undefined: nothing is computed.
   */
  heldWords(key: string, text: string): BestCosines | undefined {
    return this.#queries.held(key, text);
  }

  /**
   * The best cosine of each of `subjectText`'s words with `text`, else `compute()`'s (then
   * remembered).
   */
  pair(subjectText: string, text: string, compute: () => BestCosines): BestCosines {
    return this.#pairs.get(subjectText, text, compute);
  }
}

/** One word's best cosines with texts ({@linkcode BestMatches.wordMemo}). */
export interface WordMemo {
  /** The best cosine of the word with `text`, if remembered. */
  held(text: string): number | undefined;
  /** Remembers `best` for the word with `text`. */
  remember(text: string, best: number): void;
}

/** Anything the best cosines are computed from (word data), as the memory's key. */
type WordData = object;

const bestMatchesOf = new WeakMap<WordData, BestMatches>();

/** The best cosines remembered for `vectors` (shared by every search that uses them). */
export function bestMatches(vectors: WordData): BestMatches {
  let matches = bestMatchesOf.get(vectors);
  if (matches === undefined) {
    matches = new BestMatches();
    bestMatchesOf.set(vectors, matches);
  }
  return matches;
}
