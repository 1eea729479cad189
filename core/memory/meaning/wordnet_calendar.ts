/**
 * A month and the season it lies in, which WordNet does not link, for the relations generator
 * (`wordnet_relations.ts`): "in July" answers "this summer", "every September" "in the fall".
 * WordNet knows both kinds of word (July is a Gregorian calendar month, summer a season) but
 * relates no month to a season, and the word vectors hold them apart ("summer"/"july" 0.34,
 * "fall"/"september" 0.39). Months and seasons are a closed class of English, so the pairs are
 * written here, by WordNet's synsets: every one-word lemma whose most frequent noun sense is
 * the month or the season takes the link ("jan" as "january", "sept" as "september",
 * "summertime" as "summer", "fall" as "autumn"; not "sun", a star first), both ways, as a kind:
 * the question names the whole, a memory a part of it, as with a hyponym.
 *
 * Seasons are the northern hemisphere's meteorological ones, whole months: spring March to May,
 * summer June to August, autumn September to November, winter December to February. WordNet
 * defines the seasons by the northern hemisphere ("summer: the warmest season of the year; in
 * the northern hemisphere it extends from the summer solstice to the autumnal equinox"), where
 * nearly nine in ten people live; a memory does not say where its user lives, so one rule
 * serves all (a user in Australia whose "summer" is January is not served). Meteorological
 * seasons, not the astronomical ones of those definitions, because a month names the whole
 * month: June is a summer month though its first three weeks are spring by the solstice.
 *
 * @module
 */
import type { WordNet } from "./wordnet_db.ts";

/** Each season's word (its synset: the word's first noun sense) and its months, northern. */
export const SEASON_MONTHS: Readonly<Record<string, readonly string[]>> = {
  spring: ["march", "april", "may"],
  summer: ["june", "july", "august"],
  autumn: ["september", "october", "november"],
  winter: ["december", "january", "february"],
};

/** The first noun sense of `word` (a WordNet key), if it has one. */
function firstNoun(wordnet: WordNet, word: string): string | undefined {
  return wordnet.senses.get(word)?.find((key) => key.startsWith("noun:"));
}

/**
 * The one-word lemmas of `word`'s first noun sense whose own first noun sense it is ("july":
 * "july"; "january": "january", "jan"; "sunday": "sunday", not "sun").
 */
function lemmasOf(wordnet: WordNet, word: string): string[] {
  const key = firstNoun(wordnet, word);
  const synset = key === undefined ? undefined : wordnet.synsets.get(key);
  if (synset === undefined) throw new Error(`WordNet has no noun "${word}"`);
  return synset.words.filter((lemma) => !lemma.includes("_") && firstNoun(wordnet, lemma) === key);
}

/**
 * Each season and month as a pair of words, the season first (`["summer", "july"]`), every
 * lemma of each that names it first (see the module's documentation).
 */
export function calendarPairs(wordnet: WordNet): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [season, months] of Object.entries(SEASON_MONTHS)) {
    const seasons = lemmasOf(wordnet, season);
    for (const month of months) {
      for (const a of seasons) for (const b of lemmasOf(wordnet, month)) pairs.push([a, b]);
    }
  }
  return pairs;
}
