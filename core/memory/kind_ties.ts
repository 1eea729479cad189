/**
 * Which kinds a persona's memories tie to names (issue 17, session 40): the kind keys
 * `namedKinds` reads in each memory ("Elmhurst is the care home" ties "home"), counted over all
 * of them, kept beside the persona's BM25 index and by the same writes. `kindBridges` asks only
 * the question's words that are such kinds of the store: a word no memory ties to a name ("tired",
 * or every word of a store that names nothing) can bridge nothing, so its lookup is skipped and
 * the bridges are those the lookups would have found.
 *
 * A persona this process writes from empty has its ties complete from its first store, each write
 * taking its own in, kept without its indexes until its first load adopts them
 * (`sqlite_empty_ties.ts`). A persona's index loaded from stored term ids holds no texts: its ties
 * are read from the memories' contents a slice at a time ({@linkcode KIND_TIES_SLICE}, in
 * row-number order) at the process's quiet moments once a search has asked
 * (`sqlite_kind_ties.ts`), never by a search: the searches look every word up meanwhile, as
 * before; writes during the reading are applied as they come (a memory read again later reads
 * the same). The ties are kept with the index object ({@linkcode tiesOf}): an index dropped or
 * loaded again (another connection's commit, a rolled back transaction) drops them with it.
 *
 * The same keys tell who the store's users are (session 44): a kept exchange's sender is a key
 * of its own (`senderKeys`), asked as a kind is (`store_users.ts`).
 *
 * @module
 */
import { readNamedKinds } from "./kind_names.ts";
import type { LexicalIndex } from "./lexical_index.ts";
import { senderKeys } from "./user_names.ts";

/** How many memories' contents one quiet moment reads for ties at most (fewer past its time). */
export const KIND_TIES_SLICE = 256;

/**
 * A name-shaped word anywhere in a text (`relation_names.ts`' `NAME_SHAPED`, unanchored): a
 * text without one names nothing, so it ties no kind, and its reading is skipped.
 */
const NAME_SHAPED_ANYWHERE = /\p{Lu}(?:\p{Ll}|['’]\p{Lu})/u;

/**
 * The kind keys `content` ties to names, each once, and the keys of its sender when it is a kept
 * exchange (`senderKeys`: "said:theo"; session 44), so that the store's users are known by the
 * same writes (`store_users.ts`). Few texts tie any kind, but only a text with no name-shaped
 * word is skipped unread: a real memory most often opens with a capital ("Tom was tired"), so
 * most are read in full.
 */
export function tiedKeys(content: string): string[] {
  const keys = new Set<string>(senderKeys(content));
  if (!NAME_SHAPED_ANYWHERE.test(content)) return [...keys];
  // Not `namedKinds`' memo: a store's every text read once would crowd out the candidates' own.
  for (const named of readNamedKinds(content)) for (const kind of named.kinds) keys.add(kind);
  return [...keys];
}

/** A memory's content as the ties read it, by its key in the index. */
export interface TiedText<Key> {
  id: Key;
  content: string;
}

/** The kinds one persona's memories tie to names, by memory. */
export class KindTies<Key extends string | number> {
  /** The kind keys of each memory that ties any. */
  readonly #byMemory = new Map<Key, readonly string[]>();
  /** How many memories tie each kind key. */
  readonly #counts = new Map<string, number>();
  /** Where the reading of stored contents goes on (the last key read); undefined when done. */
  #after: Key | undefined;
  #complete: boolean;

  /**
   * Ties to be read from stored contents ({@linkcode read}) from `after` on, or none when
   * `after` is undefined (every memory is written through {@linkcode write}).
   */
  constructor(options: { after?: Key } = {}) {
    this.#after = options.after;
    this.#complete = options.after === undefined;
  }

  /** Whether every memory's ties are known. */
  get complete(): boolean {
    return this.#complete;
  }

  /** Where the reading of stored contents goes on from (undefined when complete). */
  get after(): Key | undefined {
    return this.#complete ? undefined : this.#after;
  }

  /** Takes in a memory's (new) content: its ties replace those it had. */
  write(id: Key, content: string): void {
    this.remove(id);
    const keys = tiedKeys(content);
    if (keys.length === 0) return;
    this.#byMemory.set(id, keys);
    for (const key of keys) this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** Forgets a memory's ties (no-op when it has none). */
  remove(id: Key): void {
    const keys = this.#byMemory.get(id);
    if (keys === undefined) return;
    this.#byMemory.delete(id);
    for (const key of keys) {
      const left = this.#counts.get(key)! - 1;
      if (left === 0) this.#counts.delete(key);
      else this.#counts.set(key, left);
    }
  }

  /**
   * Takes in one slice of stored contents read after {@linkcode after}, in key order; `last`
   * says whether no memory follows them (the ties are then complete).
   */
  read(texts: readonly TiedText<Key>[], last: boolean): void {
    for (const { id, content } of texts) this.write(id, content);
    if (texts.length > 0) this.#after = texts[texts.length - 1]!.id;
    if (last) this.#complete = true;
  }

  /** Which of `keys` some memory ties; undefined while incomplete (any may be). */
  tied(keys: readonly string[]): ReadonlySet<string> | undefined {
    if (!this.#complete) return undefined;
    return new Set(keys.filter((key) => this.#counts.has(key)));
  }
}

/** The ties kept with each loaded BM25 index (they go with it). */
const BY_INDEX = new WeakMap<LexicalIndex<string | number>, KindTies<string | number>>();

/** The ties kept with `index`, if any. */
export function tiesOf<Key extends string | number>(
  index: LexicalIndex<Key> | undefined,
): KindTies<Key> | undefined {
  return index === undefined ? undefined : BY_INDEX.get(index) as KindTies<Key> | undefined;
}

/** Keeps `ties` with `index` (for as long as the index is kept); `ties`. */
export function keepTies<Key extends string | number>(
  index: LexicalIndex<Key>,
  ties: KindTies<Key>,
): KindTies<Key> {
  BY_INDEX.set(index, ties as KindTies<string | number>);
  return ties;
}
