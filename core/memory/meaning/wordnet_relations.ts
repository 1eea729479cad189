/**
 * Every stem's WordNet relatives as found, before ranking and capping (`wordnet_relation_lines.ts`
 * does those), for the relations generator (`gen_word_relations.ts`): the forms of a word, its
 * close relatives, its broader or narrower kinds and the informative words of its definitions.
 *
 * @module
 */
import { porterStem } from "../porter.ts";
import { STOPWORDS } from "../text.ts";
import { hyponyms, type Synset, type WordNet } from "./wordnet_db.ts";
import type { Vocabulary } from "./wordnet_vocabulary.ts";

/** Hyponym levels followed from a sense. */
const HYPONYM_DEPTH = 2;
/** Definition words kept per word: of its most frequent sense of each part of speech. */
const GLOSS_WORDS = 6;
/**
 * Definition words kept of a lemma outside the vocabulary (`addUnknownLemmas`): its first ones
 * name what it is ("oversleep": "sleep longer than intended"); its hyponyms, rarer still, are
 * left out. Half the file growth of keeping six and two levels down, the same figures.
 */
const RARE_GLOSS_WORDS = 3;
/** Definition words among this many most frequent English words say little ("things"). */
const GLOSS_COMMON = 1_000;

/** One stem's relatives found, by strength (stems of the vocabulary). */
export interface Entry {
  close: Set<string>;
  kinds: Set<string>;
  /** The kinds reached as a broader kind (a hypernym: "dog" of "pooch"). */
  broader: Set<string>;
  /**
   * The kinds reached as a kind of this word (a hyponym: "guinea pig" of "rodent"); a kind
   * reached both ways (in two senses) is written as narrower (`wordnet_relation_lines.ts`).
   */
  narrower: Set<string>;
  defined: Set<string>;
  forms: Set<string>;
}

/** An empty {@linkcode Entry}. */
export function emptyEntry(): Entry {
  return {
    close: new Set(),
    kinds: new Set(),
    broader: new Set(),
    narrower: new Set(),
    defined: new Set(),
    forms: new Set(),
  };
}

/**
 * Each stem's relatives: first the forms (`basesOf`: each inflected form's bases), then what the
 * first senses of each vocabulary word relate it to.
 */
export function collectRelations(
  wordnet: WordNet,
  { basesOf, vocabulary, calendar = [] }: {
    basesOf: ReadonlyMap<string, ReadonlySet<string>>;
    vocabulary: Vocabulary;
    /** Pairs of words WordNet does not link, each a kind of the other: a season and a month (`wordnet_calendar.ts`). */
    calendar?: readonly (readonly [string, string])[];
  },
): Map<string, Entry> {
  const relations = new Map<string, Entry>();
  const entryOf = (wordStem: string): Entry => {
    let entry = relations.get(wordStem);
    if (!entry) {
      entry = emptyEntry();
      relations.set(wordStem, entry);
    }
    return entry;
  };
  const { senses } = wordnet;
  // Irregular forms and their bases relate both ways, as the same word unless the form is a
  // lemma of its own too.
  for (const [form, bases] of basesOf) {
    if (!vocabulary.wordSet.has(form)) continue;
    const formStem = porterStem(form);
    for (const baseStem of vocabulary.stemsOf([...bases])) {
      if (baseStem === formStem) continue;
      const ambiguous = senses.has(form);
      (ambiguous ? entryOf(formStem).close : entryOf(formStem).forms).add(baseStem);
      (ambiguous ? entryOf(baseStem).close : entryOf(baseStem).forms).add(formStem);
    }
  }
  for (const word of vocabulary.wordSet) {
    // An irregular form that is no lemma of its own has its bases' senses ("children": "child").
    const keys = senses.get(word) ??
      [...basesOf.get(word) ?? []].flatMap((base) => senses.get(base) ?? []);
    if (keys.length === 0) continue;
    const found = sensesRelatives(wordnet, { word, keys, vocabulary });
    const entry = entryOf(porterStem(word));
    for (const related of vocabulary.stemsOf(found.close)) entry.close.add(related);
    for (const related of vocabulary.stemsOf(found.broader)) entry.broader.add(related);
    for (const related of vocabulary.stemsOf(found.narrower)) entry.narrower.add(related);
    for (const related of [...entry.broader, ...entry.narrower]) entry.kinds.add(related);
    for (const related of found.defined) entry.defined.add(related);
  }
  for (const [whole, part] of calendar) {
    for (const wholeStem of vocabulary.stemsOf([whole])) {
      for (const partStem of vocabulary.stemsOf([part])) {
        if (wholeStem === partStem) continue;
        // The month is a kind of the season, the season the month's broader kind.
        entryOf(wholeStem).kinds.add(partStem);
        entryOf(wholeStem).narrower.add(partStem);
        entryOf(partStem).kinds.add(wholeStem);
        entryOf(partStem).broader.add(wholeStem);
      }
    }
  }
  addUnknownLemmas(wordnet, { relations, entryOf, vocabulary });
  return relations;
}

/**
 * A one-word lemma outside the vocabulary ("oversleep", "billfold") has no vector: without its
 * WordNet relatives it would match only itself. Its first senses' relatives, read as a
 * vocabulary word's (`sensesRelatives`), under its own stem; the lines seen from the other side
 * then relate its relatives to it too ("wallet": "billfold").
 */
function addUnknownLemmas(
  wordnet: WordNet,
  { relations, entryOf, vocabulary }: {
    relations: ReadonlyMap<string, Entry>;
    entryOf: (wordStem: string) => Entry;
    vocabulary: Vocabulary;
  },
): void {
  // A relative's irregular forms are that relative ("oversleep": "sleep", so "slept"); a
  // vocabulary word's vector reaches them, this word has none.
  const withForms = (stems: readonly string[]) =>
    stems.flatMap((related) => [related, ...relations.get(related)?.forms ?? []]);
  for (const [word, keys] of wordnet.senses) {
    if (!/^[a-z]+$/.test(word) || vocabulary.wordSet.has(word)) continue;
    const wordStem = porterStem(word);
    if (vocabulary.stemRank.has(wordStem) || !everyday(wordnet.synsets, word, keys)) continue;
    const found = sensesRelatives(wordnet, { word, keys, vocabulary, rare: true });
    const entry = entryOf(wordStem);
    for (const related of withForms(vocabulary.stemsOf(found.close))) entry.close.add(related);
    for (const related of withForms(vocabulary.stemsOf(found.broader))) {
      entry.broader.add(related);
    }
    for (const related of withForms(vocabulary.stemsOf(found.narrower))) {
      entry.narrower.add(related);
    }
    for (const related of [...entry.broader, ...entry.narrower]) entry.kinds.add(related);
    for (const related of withForms(found.defined)) entry.defined.add(related);
  }
}

/** Lexicographer files of taxonomy (`noun.animal`, `noun.plant`): genera and species by name. */
const TAXONOMY = new Set(["05", "20"]);

/**
 * Whether a lemma outside the vocabulary is worth its line: not a name (written capitalised in
 * every sense: places, brands, peoples) nor, by its first sense, a genus or species.
 */
function everyday(
  synsets: ReadonlyMap<string, Synset>,
  word: string,
  keys: readonly string[],
): boolean {
  const first = synsets.get(keys[0]!)!;
  if (TAXONOMY.has(first.lexFile)) return false;
  return keys.some((key) => {
    const synset = synsets.get(key)!;
    return !synset.capitalised[synset.words.indexOf(word)];
  });
}

/**
 * What the senses `keys` of `word` relate it to: close lemmas (synonyms, derived words, similar
 * adjectives, pertainyms) and kinds (`broader`: hypernyms, `narrower`: hyponyms) as words,
 * definitions' words as stems.
 */
function sensesRelatives(
  { synsets }: WordNet,
  { word, keys, vocabulary, rare = false }: {
    word: string;
    keys: readonly string[];
    vocabulary: Vocabulary;
    /** A lemma outside the vocabulary: {@linkcode RARE_GLOSS_WORDS}, no hyponyms. */
    rare?: boolean;
  },
): { close: string[]; broader: string[]; narrower: string[]; defined: string[] } {
  const close: string[] = [];
  const broader: string[] = [];
  const narrower: string[] = [];
  const defined: string[] = [];
  const firstOfPart = new Set<string>();
  for (const key of keys) {
    const part = key.slice(0, key.indexOf(":"));
    if (!firstOfPart.has(part)) {
      firstOfPart.add(part);
      defined.push(
        ...definitionStems(synsets.get(key)!.definition, vocabulary)
          .slice(0, rare ? RARE_GLOSS_WORDS : GLOSS_WORDS),
      );
    }
    const synset = synsets.get(key)!;
    close.push(...synset.words);
    const own = synset.words.indexOf(word) + 1;
    for (const pointer of synset.pointers) {
      const target = synsets.get(pointer.target)!;
      // A lexical pointer relates one lemma to one lemma: only this word's count.
      const targets = pointer.source === 0
        ? target.words
        : pointer.source === own
        ? [target.words[pointer.targetWord - 1]!]
        : [];
      // "\\" is a pertainym: the noun an adjective pertains to ("cardiac": "heart").
      if (pointer.symbol === "+" || pointer.symbol === "&" || pointer.symbol === "\\") {
        close.push(...targets);
      }
      if (pointer.symbol === "@" || pointer.symbol === "@i") {
        broader.push(...targets);
      }
    }
    const below: string[] = [];
    hyponyms(synsets, key, { depth: rare ? 0 : HYPONYM_DEPTH, into: below });
    for (const target of below) {
      narrower.push(...synsets.get(target)!.words);
    }
  }
  return { close, broader, narrower, defined };
}

/** The informative words of a definition, in order (see {@linkcode GLOSS_COMMON}). */
function definitionStems(definition: string, vocabulary: Vocabulary): string[] {
  const words = definition.toLowerCase().match(/[a-z]+/g) ?? [];
  const stems = vocabulary.stemsOf(words.filter((word) => !STOPWORDS.has(word)))
    .filter((wordStem) => vocabulary.stemRank.get(wordStem)! >= GLOSS_COMMON);
  return [...new Set(stems)].slice(0, GLOSS_WORDS);
}
