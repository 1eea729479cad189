/**
 * WordNet's database as the relations generator (`gen_word_relations.ts`) reads it from
 * {@linkcode WORDNET}: every synset with its lemmas, pointers and definition, each lemma's most
 * frequent senses, the licence, and the walks along the pointers the generator takes.
 *
 * @module
 */
import { packageFile, WORDNET } from "./npm_files.ts";

/** Senses of each part of speech used per word (the most frequent ones). */
export const SENSES = 3;
const PARTS = ["noun", "verb", "adj", "adv"] as const;
const POS_FILES: Record<string, string> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

/** One pointer of a synset (a relation to another synset, or between two of their lemmas). */
export interface Pointer {
  symbol: string;
  target: string;
  /** 0 for a relation of the whole synset; else the 1-based source and target lemma. */
  source: number;
  targetWord: number;
}
/** One synset: its lemmas, pointers, definition and lexicographer file. */
export interface Synset {
  words: string[];
  /** Which of {@linkcode words} WordNet writes capitalised (a name: "Whitby", "Pitocin"). */
  capitalised: boolean[];
  pointers: Pointer[];
  /** The definition (the gloss before its examples). */
  definition: string;
  /** Its lexicographer file ("06": `noun.artifact`). */
  lexFile: string;
}

/** WordNet as read: synsets by key (`part:offset`) and each lemma's first senses' keys. */
export interface WordNet {
  /** WordNet's licence, which must appear on every copy of the database and of its modifications. */
  licence: string;
  synsets: Map<string, Synset>;
  /** Each lemma's first {@linkcode SENSES} senses of each part of speech, most frequent first. */
  senses: Map<string, string[]>;
}

/** Reads WordNet's data and index files of every part of speech. */
export async function readWordNet(): Promise<WordNet> {
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
      const [key, synset] = synsetOf(line);
      synsets.set(`${part}:${key}`, synset);
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
  undotAbbreviations(synsets, senses);
  return { licence, synsets, senses };
}

/** A one-word lemma WordNet writes with a final dot ("Dr.", "Calif."). */
const DOTTED = /^[a-z]+\.$/;

/**
 * Reads each abbreviation WordNet writes with a final dot ("Dr.", "Calif.") as the word without
 * it ("dr"), in its synsets' lemmas and among the lemmas' senses: the analyser reads only the
 * letters of a word, so "Dr O'Sullivan" and "Dr. O'Sullivan" both say "dr", which WordNet never
 * lists, and "doctor" never reached it. When the bare word is a lemma of its own ("ill" and
 * "Ill.", "mass" and "Mass.") it keeps only its own senses: the abbreviation is the rarer reading,
 * and a bare "ill" read as Illinois would relate it to every state.
 */
export function undotAbbreviations(
  synsets: ReadonlyMap<string, Synset>,
  senses: Map<string, string[]>,
): void {
  const undotted = new Set<string>();
  for (const [lemma, keys] of [...senses]) {
    if (!DOTTED.test(lemma)) continue;
    const bare = lemma.slice(0, -1);
    if (senses.has(bare)) continue;
    senses.set(bare, keys);
    undotted.add(lemma);
  }
  for (const { words } of synsets.values()) {
    for (let i = 0; i < words.length; i++) {
      if (undotted.has(words[i]!)) words[i] = words[i]!.slice(0, -1);
    }
  }
}

/** One line of a `data.*` file: its offset and its synset. */
function synsetOf(line: string): [string, Synset] {
  const bar = line.indexOf(" | ");
  const fields = line.slice(0, bar >>> 0).split(" ");
  const definition = bar < 0 ? "" : line.slice(bar + 3).split(";")[0]!;
  const count = parseInt(fields[3]!, 16);
  const written = Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!);
  const words = written.map((word) => word.toLowerCase().replace(/\(.*\)$/, ""));
  const capitalised = written.map((word) => /^[A-Z]/.test(word));
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
  return [fields[0]!, { words, capitalised, pointers, definition, lexFile: fields[1]! }];
}

/** Appends to `into` the hyponyms of synset `key`, down to `depth` levels, depth first. */
export function hyponyms(
  synsets: ReadonlyMap<string, Synset>,
  key: string,
  options: { depth: number; into: string[] },
): void {
  const { depth, into } = options;
  if (depth === 0) return;
  for (const pointer of synsets.get(key)?.pointers ?? []) {
    if (pointer.symbol !== "~" && pointer.symbol !== "~i") continue;
    into.push(pointer.target);
    hyponyms(synsets, pointer.target, { depth: depth - 1, into });
  }
}

/** Whether synset `key` is one of `roots` or has one among its hypernyms, followed up. */
export function descendsFrom(
  synsets: ReadonlyMap<string, Synset>,
  key: string,
  { roots }: { roots: ReadonlySet<string> },
): boolean {
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
}
