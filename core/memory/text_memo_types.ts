/**
 * The types of the text memos (`text_memo.ts`): a memo, what it may be told when made, and
 * what its record-keyed path reads.
 *
 * @module
 */

/** A function of a text, remembered by text (`rememberedByText`, `text_memo.ts`). */
export interface TextMemo<T> {
  (text: string): T;
  /** How many texts it holds. */
  readonly size: number;
  /** How many characters it counts against `TEXT_MEMO_CHARS` (values, slot entries). */
  readonly chars: number;
  /**
   * Its value of `record.content`, found by the record itself when `record` is frozen (a row
   * cache's shared record, `row_cache.ts`: its content never changes): a lookup by identity in
   * place of the probe of the texts' table (perf69: ~60 against ~130-160 ns). Any other record is
   * asked by its text.
   */
  ofRecord(record: ContentHolder): T;
  /** Forgets every text (for tests). */
  forget(): void;
}

/** What {@linkcode TextMemo.ofRecord} reads: a memory record, or anything with its content. */
export interface ContentHolder {
  readonly content: string;
}

/** What `rememberedByText` may be told of a memo. */
export interface TextMemoOptions {
  /**
   * Whether a search asks it of each of its candidates' texts: every search, or every search of
   * a kind (a query in the persona's own voice, one with a modifier of a noun, one asking how
   * things stand now), not only of a few best candidates. Such a memo is worked out ahead for a
   * memory (`prepareText`, `memory_prep.ts`) when the memory is stored and in idle
   * time, rather than at the first search that finds the memory.
   */
  everyCandidate?: boolean;
}
