/**
 * Answer types in word alignment: a question that asks for a job, a health matter, an animal, a
 * food or drink, a vehicle, a musical instrument, a sport or a language is answered by a memory
 * that names an instance of that type ("What do I do for a living?": "I work nights as a cardiac
 * nurse"; "What surgery did I have?": "They took my appendix out"), which shares no word with
 * the question and is often far from it in the word vectors ("job"/"nurse" 0.32) and in WordNet
 * ("job" has kinds of work, "programming", not of workers). This is the answer-type step of
 * open-domain question answering (Pasca & Harabagiu 2001): the question's asked-for type from its
 * cue words ({@linkcode askedTypes}: "job", "profession", "What does she do?", "for a living" read as "for a job" by
 * {@linkcode plainQuery}; "surgery", "illness";
 * "pets"; "eat"; "car"; "instrument"; "sport"; "language"), the type's members from WordNet
 * subtrees (`answer_types.gen.json`, `gen_answer_types.ts`: "nurse" < health professional <
 * professional; "appendix" < body part).
 *
 * A cue word of the query matches every member of its type as a kind
 * ({@linkcode TYPE_SIMILARITY}, a little over WordNet's hyponym cosine: about half a match, and
 * enough to keep a candidate without a lexical match), unless its vectors or relations say more. The cue words are
 * a closed list: the type is what the question asks for, not what its words mean, so a plural
 * class noun's own hyponyms (measured and dropped before, "Deep class members") are no part of it.
 *
 * @module
 */
import { withoutHesitations } from "../hesitations.ts";
import { stem } from "../text.ts";
import { classCentroid } from "./class_centroid.ts";
import { DEFINED_SIMILARITY, DERIVED_SIMILARITY } from "./word_relations.ts";

/**
 * The cosine a cue word of the query counts as with a member of its type: a little more than a
 * kind's (`KIND_SIMILARITY`, what WordNet's hyponyms count as), below a synonym's. The
 * question asks for the type's sense of the word, so a member is what it asks for, more than any
 * other word WordNet relates to it as a kind; its other senses' relatives count less still
 * ({@linkcode OTHER_SENSE_SIMILARITY}, `typeSense`).
 */
export const TYPE_SIMILARITY = 0.5;

/** The types, each with the folded cue words that ask for it (any form listed). */
const CUES: Readonly<Record<string, readonly string[]>> = {
  occupation: [
    "job",
    "jobs",
    "profession",
    "professions",
    "occupation",
    "occupations",
    "career",
    "careers",
    "vocation",
    "employment",
  ],
  health: [
    "surgery",
    "surgeries",
    "operation",
    "operations",
    "illness",
    "illnesses",
    "disease",
    "diseases",
    "ailment",
    "ailments",
    "condition",
    "conditions",
    "injury",
    "injuries",
    "health",
    "medical",
    "sickness",
    "disorder",
    "disorders",
  ],
  animal: ["pet", "pets", "animal", "animals", "creature", "creatures"],
  food: [
    "food",
    "foods",
    "meal",
    "meals",
    "dish",
    "dishes",
    "cuisine",
    "snack",
    "snacks",
    "eat",
    "eats",
    "eating",
    "ate",
    "eaten",
  ],
  vehicle: ["car", "cars", "vehicle", "vehicles"],
  instrument: ["instrument", "instruments"],
  sport: ["sport", "sports"],
  language: ["language", "languages"],
};

/**
 * The idiom that asks for a job with a word of another meaning: "for a living", "make a
 * living", "earn their living" (the "living" it captures: "live", as in "where I live", is what
 * its stem would find).
 */
const LIVING =
  /(?<![\p{L}\p{N}])((?:for|make|makes|making|made|earn|earns|earning|earned)\s+(?:a|my|our|his|her|their)\s+)living(?![\p{L}\p{N}])/giu;

/**
 * `text` with the idiom "for a living" said plainly, "for a job" (the same number of words), so
 * that every channel of a search (BM25, its WordNet relatives, the sentence vector, word
 * alignment and the answer type) reads the job it asks about rather than where or how someone
 * lives; and without its hesitation sounds ("um", "erm": `hesitations.ts`), which ask nothing.
 */
export function plainQuery(text: string): string {
  const plain = withoutHesitations(text);
  return /living/i.test(plain) ? plain.replace(LIVING, "$1job") : plain;
}

const cueTypes = new Map<string, string>();
for (const [type, words] of Object.entries(CUES)) {
  for (const word of words) cueTypes.set(word, type);
}

/** Whether `word` (folded) is a cue word of an answer type ("surgery", "job", "pets"). */
export function isTypeCue(word: string): boolean {
  return cueTypes.has(word);
}

/** One word of a query that asks for a type, with the type. */
export interface AskedType {
  /** The folded query word ("job", "living"). */
  word: string;
  type: string;
}

/** The words that may follow "What does she do" and leave it a question about her job. */
const NOW_AFTER: ReadonlySet<string> = new Set(["now", "nowadays", "today", "currently"]);

/**
 * Whether `folded` is "What do/does <someone> do?" ("What does my brother do?", "What do you do
 * now?"): English's question for a job with no word of work in it. Only in the present ("What
 * did you do?" asks what happened), only with the "do" last, and someone of one to three words
 * ("What do we do on Sundays?" asks for a pastime).
 */
export function asksWhatOneDoes(folded: readonly string[]): boolean {
  let end = folded.length;
  while (end > 0 && NOW_AFTER.has(folded[end - 1]!)) end--;
  if (end >= 2 && folded[end - 2] === "these" && folded[end - 1] === "days") end -= 2;
  const someone = end - 3;
  return folded[0] === "what" && (folded[1] === "do" || folded[1] === "does") &&
    folded[end - 1] === "do" && someone >= 1 && someone <= 3;
}

/**
 * The words of `folded` (a query's folded words) that ask for an answer type: its cue words, and
 * the last "do" of "What does my brother do?", which asks for a job.
 */
export function askedTypes(folded: readonly string[]): AskedType[] {
  const asked: AskedType[] = [];
  for (const word of new Set(folded)) {
    const type = cueTypes.get(word);
    if (type !== undefined) asked.push({ word, type });
  }
  if (asksWhatOneDoes(folded)) asked.push({ word: "do", type: "occupation" });
  return asked;
}

/** The generated data (`answer_types.gen.json`). */
interface AnswerTypeData {
  id: string;
  /** Per type, its member words past the most frequent ones, separated by spaces. */
  types: Record<string, string>;
  /** Per type, its members among the most frequent words ("car", "heart"). */
  common: Record<string, string>;
}

/** Each type's members, as stems (the analysed form memory words are compared by). */
export interface TypeMembers {
  /** The members word alignment matches a cue word with (not the most frequent words). */
  aligned: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every member: a memory that holds none names no answer of the type. */
  all: ReadonlyMap<string, ReadonlySet<string>>;
}

let membersOnce: Promise<TypeMembers> | undefined;

/**
 * Each type's members, loaded once on first use (a static JSON import, so `deno compile`
 * embeds it; 48 kB).
 */
export function typeMembers(): Promise<TypeMembers> {
  membersOnce ??= import("./answer_types.gen.json", { with: { type: "json" } }).then(
    (module) => membersOf(module.default as AnswerTypeData),
  );
  return membersOnce;
}

function membersOf(data: AnswerTypeData): TypeMembers {
  const stems = (words: string | undefined) =>
    (words ?? "").split(" ").filter(Boolean).map((word) => stem(word));
  const aligned = new Map<string, ReadonlySet<string>>();
  const all = new Map<string, ReadonlySet<string>>();
  for (const [type, words] of Object.entries(data.types)) {
    const rare = stems(words);
    aligned.set(type, new Set(rare));
    all.set(type, new Set([...rare, ...stems(data.common[type])]));
  }
  return { aligned, all };
}

/**
 * Whether a memory's `terms` (its analysed terms) name an answer of a type `asked` for: a
 * member of any of them (a question in several parts may ask for a job in one and a car in the
 * other; a memory answers one part). True when none is asked for.
 */
export function namesTypes(
  terms: readonly string[],
  asked: readonly AskedType[],
  members: TypeMembers,
): boolean {
  if (asked.length === 0) return true;
  for (const { type } of asked) {
    const typed = members.all.get(type);
    if (typed === undefined || terms.some((term) => typed.has(term))) return true;
  }
  return false;
}

/**
 * The most a WordNet relative of a cue word counts as when it is no member of the type the
 * question asks for (see {@linkcode typeSense}): below a member's {@linkcode TYPE_SIMILARITY}.
 */
export const OTHER_SENSE_SIMILARITY = DEFINED_SIMILARITY;

/** What {@linkcode typeSense} makes of a cue word: its relatives and its class, in the type's sense. */
export interface TypeSense {
  related: ReadonlyMap<string, number>;
  /** The unit mean of its relatives in the type (`class_centroid.ts`), if enough have vectors. */
  centroid: Float32Array | undefined;
}

const senses = new WeakMap<ReadonlyMap<string, number>, Map<ReadonlySet<string>, TypeSense>>();

/**
 * A cue word's WordNet relatives (`related`: stem → cosine) as the question asks for them: the
 * type's sense. A cue word is asked in one sense ("what pets" asks for animals), while its
 * relatives are those of all its senses, some closer than a member of the type ("pet" as a
 * favourite, or as a verb: "favorite", "love", "kiss" 0.55; "instrument" as a tool: "tool",
 * "implement"; "sport" as an adjective: "fair", "just"), so a memory about a favourite food
 * outranks the one about the hens. A relative that is no member of the type (`members`) and not
 * spelt as the word is ({@linkcode DERIVED_SIMILARITY}) counts at most
 * {@linkcode OTHER_SENSE_SIMILARITY}; the class the word names (its centroid) is the mean of
 * the relatives that are members ("animal", "creature", "fauna": "tortoise" 0.23 → 0.46 from
 * "pets", "favorite" 0.44 → 0.13), by `unitOfStem`. Remembered per relatives and type.
 */
export function typeSense(
  related: ReadonlyMap<string, number>,
  members: ReadonlySet<string>,
  unitOfStem: (stem: string) => Float32Array | undefined,
): TypeSense {
  let byType = senses.get(related);
  if (byType === undefined) senses.set(related, byType = new Map());
  const known = byType.get(members);
  if (known !== undefined) return known;
  const sense = new Map<string, number>();
  const inType: string[] = [];
  for (const [other, cosine] of related) {
    if (members.has(other)) inType.push(other);
    const own = members.has(other) || cosine >= DERIVED_SIMILARITY;
    sense.set(other, own ? cosine : Math.min(cosine, OTHER_SENSE_SIMILARITY));
  }
  const made = { related: sense, centroid: classCentroid(inType, unitOfStem) };
  byType.set(members, made);
  return made;
}
