/**
 * The relations file's lines (`word_relations.gen.json`'s `relations`), for the relations
 * generator (`gen_word_relations.ts`): each stem's relatives found (`wordnet_relations.ts`)
 * ranked and capped at {@linkcode KEEP} per list, closest in meaning first (by the shipped word
 * vectors), the same relations seen from the other side, and the order in which query expansion
 * merges the lists (`sense_order.ts`).
 *
 * @module
 */
import { EXPANSION_PER_TERM } from "../expansion_shares.ts";
import { BROADER } from "./relation_refs.ts";
import { senseOrder } from "./sense_order.ts";
import type { WordVectors } from "./word_vectors.ts";
import type { Entry } from "./wordnet_relations.ts";
import type { Vocabulary } from "./wordnet_vocabulary.ts";

/** Most stems kept per list and stem. */
const KEEP = 40;
/** Words whose definition uses a word, kept per word (closest in meaning first). */
const DEFINES = 40;

/** One stem's capped lists, each closest in meaning first. */
interface Lists {
  close: string[];
  kinds: string[];
  /** The kinds that are only broader (hypernyms), not kinds of the stem in any sense. */
  broader: ReadonlySet<string>;
  defined: string[];
  forms: string[];
}

/** Orders stems by frequency or by closeness in meaning to a stem, and caps the lists. */
class Ranker {
  readonly #vocabulary: Vocabulary;
  readonly #meanings: Pick<WordVectors, "similarity">;

  constructor(vocabulary: Vocabulary, meanings: Pick<WordVectors, "similarity">) {
    this.#vocabulary = vocabulary;
    this.#meanings = meanings;
  }

  /** Whether a stem is the vocabulary's (not a WordNet lemma outside it). */
  known(wordStem: string): boolean {
    return this.#vocabulary.stemRank.has(wordStem);
  }

  /** A stem's frequency rank; a WordNet lemma outside the vocabulary after every word in it. */
  #rank(wordStem: string): number {
    return this.#vocabulary.stemRank.get(wordStem) ?? this.#vocabulary.stemRank.size;
  }

  /** How close two stems are in meaning (their most frequent words' vectors). */
  similarity(a: string, b: string): number {
    const { wordOfStem } = this.#vocabulary;
    return this.#meanings.similarity(wordOfStem.get(a) ?? a, wordOfStem.get(b) ?? b);
  }

  /**
   * A list of kinds, closest in meaning to `self` first (the word vectors pick the senses in
   * use: "instrument" keeps "piano" before "bank"), at most {@linkcode KEEP}.
   */
  byMeaning(
    stems: Iterable<string>,
    except: ReadonlySet<string>,
    self: string,
    keep = KEEP,
  ): string[] {
    return [...stems].filter((s) => s !== self && !except.has(s))
      .map((other) => ({ other, cosine: this.similarity(self, other) }))
      .sort((a, b) =>
        b.cosine - a.cosine || this.#rank(a.other) - this.#rank(b.other) ||
        (a.other < b.other ? -1 : 1)
      )
      .slice(0, keep).map(({ other }) => other);
  }

  /** The most frequent stems of `stems` (but `self` and `except`), at most {@linkcode KEEP}. */
  byRank(stems: Iterable<string>, except: ReadonlySet<string>, self: string): string[] {
    return [...stems].filter((s) => s !== self && !except.has(s))
      .sort((a, b) => this.#rank(a) - this.#rank(b) || (a < b ? -1 : 1))
      .slice(0, KEEP);
  }
}

/**
 * The relations file's lines, one per stem in order: `stem close|kinds|defined|forms`, then the
 * lists seen from the other side and the sense order when there are any. A broader kind (a
 * hypernym) is written after {@linkcode BROADER} (`^dog` in "pooch"'s kinds), a narrower one
 * (a kind of the stem) bare; seen from the other side, the direction turns ("pooch" a narrower
 * kind in "dog"'s line).
 */
export function relationLines(
  relations: ReadonlyMap<string, Entry>,
  { vocabulary, meanings }: { vocabulary: Vocabulary; meanings: Pick<WordVectors, "similarity"> },
): string[] {
  const ranker = new Ranker(vocabulary, meanings);
  const lists = cappedLists(relations, ranker);
  // The same relations seen from the other side: every word whose lists hold this one but that
  // is not in its own (each list keeps only its closest 40), closest in meaning first, for word
  // alignment only (a memory word that WordNet relates to a query word answers it, whichever
  // word's list kept the pair); BM25's expansion keeps to the word's own lists.
  const reverse = new Map<
    string,
    { close: Set<string>; kinds: Set<string>; broader: Set<string>; defined: Set<string> }
  >();
  for (const [wordStem, list] of lists) {
    for (const part of ["close", "kinds", "defined"] as const) {
      for (const other of list[part]) {
        const entry = reverse.get(other) ?? {
          close: new Set<string>(),
          kinds: new Set<string>(),
          broader: new Set<string>(),
          defined: new Set<string>(),
        };
        entry[part].add(wordStem);
        // `other` a narrower kind of this stem: this stem is `other`'s broader kind.
        if (part === "kinds" && !list.broader.has(other)) entry.broader.add(wordStem);
        reverse.set(other, entry);
      }
    }
  }
  const lines: string[] = [];
  for (const wordStem of [...new Set([...lists.keys(), ...reverse.keys()])].sort()) {
    const list = lists.get(wordStem) ??
      { close: [], kinds: [], broader: new Set(), defined: [], forms: [] };
    const own = new Set([...list.close, ...list.kinds, ...list.defined, ...list.forms]);
    const back = reverse.get(wordStem);
    const backLists = (["close", "kinds", "defined"] as const).map((part) => {
      const stems = ranker.byMeaning(back?.[part] ?? [], own, wordStem, Infinity);
      return (part === "kinds" && back ? directed(stems, back.broader) : stems).join(",");
    });
    const order = senseOrder(
      [list.close, list.kinds, list.defined],
      (other) => ranker.similarity(wordStem, other),
      EXPANSION_PER_TERM,
    );
    const backText = backLists.some(Boolean) ? `|${backLists.join(";")}` : "";
    const orderText = order === "" ? "" : `${backText === "" ? "|" : ""}|${order}`;
    lines.push(
      `${wordStem} ${list.close.join(",")}|${directed(list.kinds, list.broader).join(",")}|${
        list.defined.join(",")
      }|${list.forms.join(",")}${backText}${orderText}`,
    );
  }
  return lines;
}

/** `kinds` with each of `broader` written after {@linkcode BROADER}. */
function directed(kinds: readonly string[], broader: ReadonlySet<string>): string[] {
  return kinds.map((kind) => broader.has(kind) ? `${BROADER}${kind}` : kind);
}

/** Each stem's lists, ranked and capped, in stem order; stems left with none are left out. */
function cappedLists(relations: ReadonlyMap<string, Entry>, ranker: Ranker): Map<string, Lists> {
  // Definitions read backwards: a word is related to the words whose definition uses it
  // ("Portugal": "Lisbon", "capital and largest city of Portugal"; "fish": "seafood"), as a
  // memory that names the thing answers a question that describes it.
  const definedBy = new Map<string, Set<string>>();
  for (const [wordStem, entry] of relations) {
    // A lemma outside the vocabulary defines nothing here: seen from the other side, its own
    // definition words lead back to it anyway (word alignment), and query expansion keeps to
    // words that have vectors.
    if (!ranker.known(wordStem)) continue;
    for (const word of entry.defined) {
      if (word === wordStem) continue;
      const list = definedBy.get(word) ?? new Set();
      list.add(wordStem);
      definedBy.set(word, list);
    }
  }
  const lists = new Map<string, Lists>();
  for (const [wordStem, entry] of [...relations].sort(([a], [b]) => a < b ? -1 : 1)) {
    const formList = ranker.byRank(entry.forms, new Set(), wordStem);
    // Each list in sense order (closest in meaning first), so that query expansion can take a
    // word's relatives of every strength closest first by merging its lists (`sense_order.ts`);
    // the close ones are still chosen by frequency.
    const closeList = ranker.byMeaning(
      ranker.byRank(entry.close, new Set(formList), wordStem),
      new Set(),
      wordStem,
    );
    const kindList = ranker.byMeaning(entry.kinds, new Set([...formList, ...closeList]), wordStem);
    const notYet = (other: string) =>
      other !== wordStem && !formList.includes(other) && !closeList.includes(other) &&
      !kindList.includes(other);
    const ownDefinition = [...entry.defined].filter(notYet);
    const definedList = ranker.byMeaning(
      [
        ...ownDefinition,
        ...ranker.byMeaning(definedBy.get(wordStem) ?? [], new Set(ownDefinition), wordStem)
          .filter(notYet).slice(0, DEFINES),
      ],
      new Set(),
      wordStem,
      Infinity,
    );
    if (formList.length + closeList.length + kindList.length + definedList.length === 0) continue;
    lists.set(wordStem, {
      close: closeList,
      kinds: kindList,
      broader: new Set(kindList.filter((kind) => !entry.narrower.has(kind))),
      defined: definedList,
      forms: formList,
    });
  }
  return lists;
}
