/**
 * The relations file's places and persons (`word_relations.gen.json`'s `places`, `persons`),
 * for the relations generator (`gen_word_relations.ts`): a "where" question prefers memories that
 * name a place, a "who" question those that name a person.
 *
 * @module
 */
import { descendsFrom, type Synset, type WordNet } from "./wordnet_db.ts";

/** The first lemmas of the noun synsets whose kinds are places (see {@linkcode placesAndPersons}). */
const PLACE_ROOTS = [
  "location",
  "structure",
  "geographical_area",
  "body_of_water",
  "land",
  "building",
  "establishment",
  "geological_formation",
  "educational_institution",
];
/**
 * Roots of places among WordNet's artifacts only (`noun.artifact`, lexicographer file 6), whose
 * first lemma names other things elsewhere: a way ("road", "street", "motorway", "path": not the
 * way of doing something) and a facility ("station", "airport", "gym": not a knack).
 */
const ARTIFACT_PLACE_ROOTS = ["way", "facility"];
/** WordNet's lexicographer file of artifacts. */
const NOUN_ARTIFACT = "06";

/**
 * The places and persons among `words`, as words (stems mix "organ" with "organizer"): places
 * are the words whose first two noun senses are a location, a building or another structure, a
 * geographical area, a body of water, land or a landform, an establishment or a school, or
 * among artifacts a way or a facility (their hypernyms, followed up); persons those whose first
 * noun sense is a person; named places the places WordNet writes only capitalised (in those
 * senses): names of places, never also a common noun.
 */
export function placesAndPersons(
  { synsets, senses }: WordNet,
  words: Iterable<string>,
): { places: Set<string>; persons: Set<string>; namedPlaces: Set<string> } {
  const placeRoots = new Set(
    [...synsets].filter(([key, synset]) =>
      key.startsWith("noun:") && (PLACE_ROOTS.includes(synset.words[0]!) ||
        synset.lexFile === NOUN_ARTIFACT && ARTIFACT_PLACE_ROOTS.includes(synset.words[0]!))
    ).map(([key]) => key),
  );
  const places = new Set<string>();
  const persons = new Set<string>();
  const namedPlaces = new Set<string>();
  const personRoots = new Set(
    [...synsets].filter(([key, synset]) => key.startsWith("noun:") && synset.words[0] === "person")
      .map(([key]) => key),
  );
  for (const word of words) {
    const nouns = (senses.get(word) ?? []).filter((key) => key.startsWith("noun:")).slice(0, 2);
    if (nouns.some((key) => descendsFrom(synsets, key, { roots: placeRoots }))) {
      places.add(word);
      // A place WordNet writes capitalised in both senses is only a name ("Lisbon", "Japan"),
      // not also a common noun ("mesa", "bath").
      if (nouns.every((key) => writtenCapitalised(synsets.get(key), word))) namedPlaces.add(word);
    }
    // A person only by its first sense ("dog" and "cat" are people in rarer ones).
    if (nouns.length > 0 && descendsFrom(synsets, nouns[0]!, { roots: personRoots })) {
      persons.add(word);
    }
  }
  return { places, persons, namedPlaces };
}

/** Whether `synset` writes `word` with a capital (a name), or holds no such lemma. */
function writtenCapitalised(synset: Synset | undefined, word: string): boolean {
  if (synset === undefined) return true;
  const at = synset.words.indexOf(word);
  return at < 0 || synset.capitalised[at] === true;
}
