/**
 * The word lists `gen_chat_speak.ts` (`deno task gen:chat`) builds `chat_speak.gen.json` from,
 * apart from its rules so the generator reads as its steps: the package's acronyms it leaves out,
 * the discourse markers, and the texting forms it adds. Analyser 4's dialect spellings are
 * `gen_chat_dialect_lists.ts`. Read only by the generator; the analyser reads the generated JSON.
 *
 * @module
 */

/** Acronyms of the package that are words, names or other things in a persona's memories. */
export const EXCLUDED = new Set([
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
export const FILLERS = new Set([
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
export const ADDED: Record<string, string> = {
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
