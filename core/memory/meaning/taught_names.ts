/**
 * Names the persona's own memories teach (session 35, recall56). A question asks by a class or
 * a place ("which family I have still in Poland", "what car we have") and a memory names a
 * member the shipped data does not know: "my mama is living alone in Rzeszow", "the Skoda went
 * to Florin's cousin". Neither GloVe nor WordNet holds "Rzeszow" or "Skoda"; the store itself
 * often says what they are, in a copular clause: "I am from Rzeszow, it is city in south east
 * of Poland", "my car is Skoda Octavia", "Skoda is Czech car". That is the simplest of Hearst's
 * patterns (1992, "X is a Y"), read from the texts a search already holds (its candidates), not
 * from a list of words.
 *
 * A clause "A is B" (also "are", "was", "were") teaches each name of one side the nouns and
 * names of the other side ("city", "Poland"; not "first"): a name is a capitalised word that
 * the word vectors do not know (a known name, "Toyota", "Krakow", is placed by its vectors
 * already). A side is the words from the copula to the nearest comma, clause mark or sentence
 * end; a left side that is only a pronoun ("it", "this", "that") stands for the words before
 * its comma ("Rzeszow, it is city ..."). Word alignment then matches the taught name with the
 * query word at {@linkcode TAUGHT_SIMILARITY}, below the word itself.
 *
 * @module
 */
import { makeRoom } from "../oldest_first.ts";
import { isContentWord, stem } from "../text.ts";
import type { WeightedWord } from "./alignment.ts";
import type { PreparedWord } from "./prepared_word.ts";
import { CLOSE_SIMILARITY } from "./word_relations.ts";

/** Words that join a copular clause's two sides. */
const COPULAS: ReadonlySet<string> = new Set(["is", "are", "was", "were"]);
/** A left side of only one of these stands for the words before its comma. */
const POINTERS: ReadonlySet<string> = new Set(["it", "this", "that"]);
/** Words after which a side ends as at a comma (a clause of its own follows). */
const SIDE_ENDS: ReadonlySet<string> = new Set([
  "and",
  "but",
  "so",
  "because",
  "while",
  "whereas",
  "when",
  "since",
  "although",
]);
/**
 * The most words a side keeps (nearest the copula first): a copular clause's subject or
 * complement is a short phrase, and a long run-on side would teach unrelated words.
 */
export const SIDE_WORDS = 8;
/**
 * What a taught name counts as in word alignment, a cosine: a synonym's (`CLOSE_SIMILARITY`,
 * 0.55), since the store says the name is the thing ("my car is Skoda Octavia"); below a shared
 * stem, so a memory that says the query's own word still ranks first. Measured: 0.45 (a kind's)
 * gained one query less (multi-set15 unlinked), 0.65 the same as 0.55.
 */
export const TAUGHT_SIMILARITY = CLOSE_SIMILARITY;
/** Texts whose copular pairs are remembered (a search's pool is a few hundred). */
export const MEMO_LIMIT = 4_096;

/** A name and the content stems a copular clause of a text puts on the other side of it. */
export interface TaughtPair {
  /** The name, folded (lower case): its stem is what a memory word is compared by. */
  name: string;
  /** Content stems of the other side. */
  stems: readonly string[];
}

/** What {@linkcode copularPairs} asks of the word data. */
export interface NameVocabulary {
  /** Whether the word vectors know a folded word. */
  has(word: string): boolean;
  /** Whether a folded word is used mostly as a noun (`noun_modifiers.ts`'s `isNounHead`). */
  isNoun(word: string): boolean;
  /** Whether a folded word names a place (`WordVectors.isNamedPlace`: "poland"). */
  isNamedPlace(word: string): boolean;
}

interface Token {
  word: string;
  /** Capitalised (at a sentence's start too: only a word the vectors do not know is a name). */
  named: boolean;
  /** A comma, a clause mark or a sentence end comes right after it. */
  ends: boolean;
  /** Written as a possessive ("Kasia's"): an owner, not the clause's subject. */
  owner: boolean;
}

/** The words of `text` in order, each with whether it reads as a name and ends a segment. */
function tokens(text: string): Token[] {
  const found: Token[] = [];
  const pattern = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’-]*|[.,;:!?()\n"]/g;
  for (const match of text.matchAll(pattern)) {
    const piece = match[0];
    if (piece.length === 1 && '.,;:!?()\n"'.includes(piece)) {
      const last = found[found.length - 1];
      if (last) last.ends = true;
      continue;
    }
    const folded = piece.toLowerCase();
    const word = folded.replace(/['’]s$/, "");
    const capital = piece[0] !== piece[0]!.toLowerCase();
    found.push({ word, named: capital, ends: false, owner: word !== folded });
  }
  return found;
}

/**
 * The side of a copula at `at`, going `step` (-1 left, +1 right) to its segment's end: none
 * when the copula is at the segment's edge ("Skoda is, ...", "..., is car" has no subject).
 */
function side(all: readonly Token[], at: number, step: -1 | 1): Token[] {
  const taken: Token[] = [];
  if (step > 0 && all[at]!.ends) return taken;
  for (let i = at + step; i >= 0 && i < all.length && taken.length < SIDE_WORDS; i += step) {
    const token = all[i]!;
    // Going left, a word that ends a segment is the previous segment's.
    if (step < 0 && token.ends) break;
    if (SIDE_ENDS.has(token.word) || COPULAS.has(token.word)) break;
    taken.push(token);
    if (step > 0 && token.ends) break;
  }
  return step < 0 ? taken.reverse() : taken;
}

/** The left side of a copula at `at`: a lone pointer ("it") stands for the segment before. */
function subject(all: readonly Token[], at: number): Token[] {
  const left = side(all, at, -1);
  if (left.length !== 1 || !POINTERS.has(left[0]!.word)) return left;
  // The pointer's segment is "it" alone: the word before it ends the segment it points to.
  const before = at - 2;
  if (before < 0 || !all[before]!.ends) return left;
  return [...side(all, before, -1), all[before]!].slice(-SIDE_WORDS);
}

/** Words that open a noun phrase before its head ("the", "my"): no name, no head. */
const DETERMINERS: ReadonlySet<string> = new Set(
  "a an the my our his her their your its this that these those".split(" "),
);

/**
 * Whether `token` reads as a name the vectors do not know: capitalised, letters, 3 or more, and
 * not an owner ("Kasia's sister is hairdresser" says nothing of what Kasia is).
 */
function unknownName(token: Token, vocabulary: NameVocabulary): boolean {
  return token.named && !token.owner && /^[a-z\u00e0-\u024f]{3,}$/.test(token.word) &&
    isContentWord(token.word) && !vocabulary.has(token.word);
}

/**
 * What a complement teaches of its subject's names: its head noun, the first noun of the
 * phrase that opens it (past determiners and modifiers, up to a function word: "city" of "city
 * in south east of Poland"; none of "in first league", nor of a progressive, "is living in"),
 * and the places it names ("Poland").
 */
function complementStems(side: readonly Token[], vocabulary: NameVocabulary): string[] {
  const found: string[] = [];
  // "is living", "is going": a verb's progressive, no noun phrase.
  let phrase = !side[0]?.word.endsWith("ing");
  for (const token of side) {
    if (DETERMINERS.has(token.word)) continue;
    if (!isContentWord(token.word)) {
      phrase = false;
      continue;
    }
    if (token.named && vocabulary.isNamedPlace(token.word)) found.push(stem(token.word));
    else if (phrase && vocabulary.has(token.word) && vocabulary.isNoun(token.word)) {
      found.push(stem(token.word));
      phrase = false;
    }
  }
  return found;
}

/** The names a complement opens with ("Skoda Octavia" of "Skoda Octavia from 2012"). */
function openingNames(side: readonly Token[], vocabulary: NameVocabulary): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < side.length && DETERMINERS.has(side[i]!.word)) i++;
  for (; i < side.length && unknownName(side[i]!, vocabulary); i++) names.push(side[i]!.word);
  return names;
}

/**
 * The names `text`'s copular clauses teach, each with the stems it is said to be: a name of
 * the subject gets its complement's head noun and known names ("Rzeszow, it is city in south
 * east of Poland": rzeszow, with `citi` and `poland`), and the names a complement opens with get
 * the subject's head noun ("my car is Skoda Octavia": skoda and octavia, each with `car`). A
 * name is one the vectors do not know (`vocabulary`).
 */
export function copularPairs(text: string, vocabulary: NameVocabulary): TaughtPair[] {
  const all = tokens(text);
  const pairs: TaughtPair[] = [];
  for (let i = 0; i < all.length; i++) {
    if (!COPULAS.has(all[i]!.word)) continue;
    const left = subject(all, i);
    const right = side(all, i, 1);
    const said = complementStems(right, vocabulary);
    for (const token of left) {
      if (!unknownName(token, vocabulary)) continue;
      const nameStem = stem(token.word);
      const stems = said.filter((s) => s !== nameStem);
      if (stems.length > 0) pairs.push({ name: token.word, stems });
    }
    const head = left[left.length - 1];
    if (
      head === undefined || head.named || !vocabulary.has(head.word) ||
      !vocabulary.isNoun(head.word) || !isContentWord(head.word)
    ) continue;
    for (const name of openingNames(right, vocabulary)) {
      pairs.push({ name, stems: [stem(head.word)] });
    }
  }
  return pairs;
}

/** Remembers each text's {@linkcode copularPairs} (a search reads the same candidates again). */
export class TaughtNames {
  readonly #vocabulary: NameVocabulary;
  readonly #memo = new Map<string, readonly TaughtPair[]>();

  /** Names the texts teach, by `vocabulary`'s unknown words. */
  constructor(vocabulary: NameVocabulary) {
    this.#vocabulary = vocabulary;
  }

  /** How many texts' pairs are remembered. */
  get remembered(): number {
    return this.#memo.size;
  }

  /** {@linkcode copularPairs} of `text`, remembered. */
  pairsOf(text: string): readonly TaughtPair[] {
    let pairs = this.#memo.get(text);
    if (pairs === undefined) {
      // Most texts hold no copula: no object for them beyond the shared empty list.
      pairs = /\b(?:is|are|was|were)\b/i.test(text) ? copularPairs(text, this.#vocabulary) : [];
      makeRoom(this.#memo, MEMO_LIMIT);
      this.#memo.set(text, pairs.length === 0 ? NONE : pairs);
    }
    return pairs;
  }

  /**
   * For each of `queryStems`, the stems of the names `texts` teach it (in the order first
   * taught); a query stem no text teaches a name is absent.
   */
  taught(queryStems: readonly string[], texts: Iterable<string>): Map<string, string[]> {
    const asked = new Set(queryStems);
    const found = new Map<string, string[]>();
    for (const text of texts) {
      for (const pair of this.pairsOf(text)) {
        const nameStem = stem(pair.name);
        if (asked.has(nameStem)) continue;
        for (const s of pair.stems) {
          if (!asked.has(s)) continue;
          const names = found.get(s) ?? [];
          if (!names.includes(nameStem)) names.push(nameStem);
          found.set(s, names);
        }
      }
    }
    return found;
  }
}

const NONE: readonly TaughtPair[] = [];

/** Each word vectors' {@linkcode TaughtNames}, made on first use. */
const shared = new WeakMap<object, TaughtNames>();

/**
 * Makes each of the query's `weighted` words that `texts` (a search's candidates) teach a name
 * ({@linkcode TaughtNames.taught}) match that name at {@linkcode TAUGHT_SIMILARITY} unless it
 * is related more; only a noun of the query (`isNoun`: "poland", "car"; not "get", "best"),
 * under a key of its own that names the names ("poland taught rzeszow": the best cosines
 * remembered per word are the word's own elsewhere). A word aligned as a class or a type
 * ("what car", "type car") is taught by its last word; a phrase of several words is not.
 */
export function withTaughtNames(
  weighted: WeightedWord[],
  texts: Iterable<string>,
  words: {
    vectors: Pick<NameVocabulary, "has" | "isNamedPlace"> & {
      prepare(word: string): PreparedWord;
    };
    isNoun: NameVocabulary["isNoun"];
  },
): void {
  const bases = weighted.map((item) => {
    const base = taughtBase(item.word);
    return base !== undefined && words.isNoun(base) ? base : undefined;
  });
  const asked = bases.filter((base) => base !== undefined).map((base) => stem(base));
  if (asked.length === 0) return;
  const { vectors, isNoun } = words;
  let names = shared.get(vectors);
  if (names === undefined) {
    names = new TaughtNames({
      has: (word) => vectors.has(word),
      isNoun,
      isNamedPlace: (word) => vectors.isNamedPlace(word),
    });
    shared.set(vectors, names);
  }
  const taught = names.taught(asked, texts);
  if (taught.size === 0) return;
  for (let i = 0; i < weighted.length; i++) {
    const base = bases[i];
    const found = base === undefined ? undefined : taught.get(stem(base));
    if (found === undefined) continue;
    const item = weighted[i]!;
    const prepared = item.prepared ?? vectors.prepare(base!);
    const related = new Map(prepared.related ?? []);
    for (const name of found) {
      if ((related.get(name) ?? 0) < TAUGHT_SIMILARITY) related.set(name, TAUGHT_SIMILARITY);
    }
    weighted[i] = {
      word: `${item.word} taught ${found.join(" ")}`,
      weight: item.weight,
      prepared: { ...prepared, related },
    };
  }
}

/** The word a weighted query word's key stands for: itself, or a class's or type's last word. */
function taughtBase(key: string): string | undefined {
  if (!key.includes(" ")) return key;
  if (!key.startsWith("what ") && !key.startsWith("type ")) return undefined;
  return key.slice(key.lastIndexOf(" ") + 1);
}
