/**
 * The relations file's phrases (`word_relations.gen.json`'s `phrases`), for the relations
 * generator (`gen_word_relations.ts`): WordNet's multi-word lemmas of two to
 * {@linkcode PHRASE_WORDS} content words ("time of year", "tie the knot"), keyed by their terms
 * in order (stop words dropped, stemmed: "time year"), each with the one-word lemmas of its
 * senses ("season"; "marry", "wed"), or, for a compound noun that no one word names, those of
 * its broader kind when that kind is a kind of the compound's head ("family doctor": "GP").
 *
 * @module
 */
import { porterStem } from "../porter.ts";
import { STOPWORDS, terms } from "../text.ts";
import { descendsFrom, type WordNet } from "./wordnet_db.ts";
import type { Vocabulary } from "./wordnet_vocabulary.ts";

/** Most content words in a phrase (a longer multi-word lemma is a name, not a phrase). */
const PHRASE_WORDS = 3;

/**
 * The phrase lines in key order: `term term ...|word,...`, each multi-word lemma's terms with the
 * one-word lemmas of its (first) senses, most frequent first. `basesOf` (each inflected form's
 * bases) gives a phrasal verb's irregular forms.
 */
export function phraseLines(
  { senses, synsets }: WordNet,
  { basesOf, vocabulary }: {
    basesOf: ReadonlyMap<string, ReadonlySet<string>>;
    vocabulary: Vocabulary;
  },
): string[] {
  const phrases = new Map<string, Set<string>>();
  /** Irregular forms of each base ("take": "took", "taken"), for phrasal verbs' keys. */
  const formsOf = new Map<string, string[]>();
  for (const [form, bases] of basesOf) {
    for (const base of bases) formsOf.set(base, [...formsOf.get(base) ?? [], form]);
  }
  /** Whether WordNet writes `word` in lower case in one of its senses (not only a name). */
  const everyday = (word: string) =>
    (senses.get(word) ?? []).some((key) => {
      const { words, capitalised } = synsets.get(key)!;
      const at = words.indexOf(word);
      return at >= 0 && !capitalised[at];
    });
  for (const [lemma, keys] of senses) {
    if (!lemma.includes("_") || !/^[a-z_]+$/.test(lemma)) continue;
    const parts = lemma.split("_");
    let phraseKeys = [terms(parts.join(" "))];
    // A phrasal verb whose particle is a stop word ("take out", "give up", "look after"): its
    // verb's term (and its irregular forms' terms: "took out", "taken out") and the particle.
    if (parts.length === 2 && STOPWORDS.has(parts[1]!) && terms(parts[0]!).length === 1) {
      phraseKeys = [parts[0]!, ...formsOf.get(parts[0]!) ?? []].flatMap((verb) => {
        const [term] = terms(verb);
        return term === undefined ? [] : [[term, parts[1]!]];
      });
    } else if (phraseKeys[0]!.length < 2 || phraseKeys[0]!.length > PHRASE_WORDS) continue;
    for (const key of phraseKeys) {
      // Words, not stems: alignment compares the words' vectors, BM25 stems them.
      const usable = (word: string) =>
        /^[a-z]+$/.test(word) && vocabulary.wordSet.has(word) &&
        !key.includes(porterStem(word)) && !phraseKeys[0]!.includes(porterStem(word));
      let synonyms = keys.flatMap((k) => synsets.get(k)!.words).filter(usable);
      if (synonyms.length === 0) {
        // A compound no one word names ("family doctor") is named by its broader kind when that
        // kind is itself a kind of the compound's head ("general practitioner, GP" is a
        // doctor): the one word says what the compound says, the head's sense kept. Nouns only:
        // a verb's kinds are ways of doing it ("power walk": "stride"), no names of it.
        const head = parts.at(-1)!;
        const roots = new Set((senses.get(head) ?? []).filter((k) => k.startsWith("noun:")));
        synonyms = synsets.get(keys[0]!)!.pointers.filter((p) =>
          p.symbol === "@" && !roots.has(p.target) && descendsFrom(synsets, p.target, { roots })
        ).flatMap((p) => {
          // An abbreviation spelt as an everyday word ("ICE", an internal-combustion engine,
          // is "ice" to the analyser) would name the compound by that word.
          const { words, capitalised } = synsets.get(p.target)!;
          return words.filter((word, at) => !capitalised[at] || !everyday(word));
        }).filter(usable);
      }
      if (synonyms.length === 0) continue;
      const entry = phrases.get(key.join(" ")) ?? new Set();
      for (const other of synonyms) entry.add(other);
      phrases.set(key.join(" "), entry);
    }
  }
  const { wordRank } = vocabulary;
  return [...phrases].sort(([a], [b]) => a < b ? -1 : 1).map(([key, synonyms]) =>
    `${key}|${[...synonyms].sort((a, b) => wordRank.get(a)! - wordRank.get(b)!).join(",")}`
  );
}
