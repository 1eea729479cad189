/**
 * A line about the person a question names that tells another of their things. "What does
 * Kenzie do for work?" asks one thing of Kenzie; "Kenzie's learning Swedish too" names her and
 * nothing else the question asks: its only match is the name, which every line about Kenzie
 * shares, so the name alone says nothing about which of her lines answers. The line that does
 * holds what is asked in one of three ways: the asked word itself ("Jonah's birthday is ..."),
 * a WordNet relative of it (the query's expansion: synonyms, derived words, kinds: "works" for
 * "job"), or an answer of the type the question asks for (`answerType`, `askedTypes`: a date
 * for "when", "paramedic" for a job). A line about the person with none of these is about
 * something else of theirs, and loses {@linkcode OTHER_THING}.
 *
 * The rule parts lines only in a pool where some line holds what is asked (or names an answer of
 * its type; `search_pool.ts`, the pool test of `bare_phrases.ts`): where none does, the answer is
 * told in other words ("Kenzie drives an ambulance" for "What does Kenzie do for work?",
 * review44c F4), every line about the person would lose the same share, and the answer would
 * only fall under lines that name nobody.
 *
 * The rule reads only questions about one thing: a broad subject ("tell me about Kenzie") or a
 * question of several parts asks for all of a person's lines. A name of a day, a month or a
 * feast ("What do I drink on Fridays?") names a time, not someone with things of their own.
 *
 * @module
 */
import { analysedTerms, stem } from "./text.ts";
import { poolHolds } from "./search_pool.ts";

/**
 * Share of the score a line that holds the query's name and nothing else it asks loses: half
 * of {@linkcode UNNAMED}'s 0.2 (a line about someone else), as the line is about the right
 * person, and more than `ANSWER_TYPE` (0.1), which every such line without an answer of the
 * type loses already.
 */
export const OTHER_THING = 0.1;

/** What {@linkcode otherThingFactor} needs of a question that asks one thing of someone. */
export interface AskedOfNamed {
  /** The query's names (terms) that name someone. */
  names: ReadonlySet<string>;
  /** The terms of what is asked of them: the query's other content terms and their relatives. */
  asked: ReadonlySet<string>;
}

/** Names of a day, a month, a season or a feast: capitalised, they name a time, not someone. */
const TIME_NAMES: ReadonlySet<string> = new Set(
  [
    ...["january", "february", "march", "april", "may", "june", "july", "august"],
    ...["september", "october", "november", "december", "monday", "tuesday", "wednesday"],
    ...["thursday", "friday", "saturday", "sunday", "christmas", "easter", "xmas"],
    ...["spring", "summer", "autumn", "fall", "winter", "weekend", "weekends"],
  ].map((word) => stem(word)),
);

/**
 * What joins the parts of a question that asks several things: a coordinating conjunction
 * ("Pri's job and her ex-partner", "food or drink"), a phrase that coordinates as one ("for work
 * as well as for fun", "her job along with her hobbies") or a list's punctuation ("Greta's NAS:
 * hardware, firmware"). Each part asks its own thing, so a line may answer one part with none of
 * the other parts' words.
 */
const PARTS =
  /[,:;&+]|(?<![\p{L}\p{N}])(?:and|or|plus|as\s+well\s+as|along\s+with)(?![\p{L}\p{N}])/iu;

/** The query as {@linkcode queryAskedOfNamed} reads it. */
export interface NamedQuery {
  /** The query's text. */
  text: string;
  /** The query's names (terms). */
  names: readonly string[];
  /** The query's analysed terms. */
  terms: readonly string[];
  /** The terms that only frame the question (`frameTerms`). */
  frames: ReadonlySet<string>;
  /** The BM25 query: terms and their relatives, each with the index of the term it stands for. */
  expanded: { readonly terms: readonly string[]; readonly sources: readonly number[] };
}

/** The search's lines {@linkcode queryAskedOfNamed} looks for what is asked in. */
export interface NamedPool {
  /** The contents of the search's current candidates (`currentContents`, `search_pool.ts`). */
  pool: Iterable<string>;
  /** Whether a line names an answer of the type asked (`answersOf`); undefined: none asked. */
  answers: ((content: string) => boolean) | undefined;
}

/**
 * What a question asks of the people it names, or undefined when it names nobody, asks nothing
 * else of them ("Kenzie?"), asks several things ({@linkcode PARTS}) or no line of `lines` holds
 * what is asked: its names that are no time, and the expanded terms of its other
 * content terms (a phrase's synonyms, source −1, among them).
 */
export function queryAskedOfNamed(
  query: NamedQuery,
  lines: NamedPool,
): AskedOfNamed | undefined {
  if (PARTS.test(query.text)) return undefined;
  const names = new Set(query.names.filter((name) => !TIME_NAMES.has(name)));
  if (names.size === 0) return undefined;
  const other = (term: string) => !names.has(term) && !query.frames.has(term);
  if (!query.terms.some((term) => other(term) && !TIME_NAMES.has(term))) return undefined;
  const asked = new Set<string>();
  query.expanded.terms.forEach((term, i) => {
    const source = query.expanded.sources[i]!;
    const of = source < 0 ? term : query.terms[source];
    if (of !== undefined && other(of) && !names.has(term)) asked.add(term);
  });
  const holdsAsked = (content: string) =>
    analysedTerms(content).some((term) => asked.has(term)) || lines.answers?.(content) === true;
  return poolHolds(lines.pool, holdsAsked) ? { names, asked } : undefined;
}

/**
 * 1 − {@linkcode OTHER_THING} for a line `content` that holds one of the `asked` names and none
 * of the terms asked of them, and names no answer of the type asked (`answers`, `answersOf`:
 * undefined when the question asks none); else 1.
 */
export function otherThingFactor(
  asked: AskedOfNamed | undefined,
  content: string,
  answers: ((content: string) => boolean) | undefined,
): number {
  if (asked === undefined) return 1;
  const held = analysedTerms(content);
  if (!held.some((term) => asked.names.has(term))) return 1;
  if (held.some((term) => asked.asked.has(term))) return 1;
  if (answers !== undefined && answers(content)) return 1;
  return 1 - OTHER_THING;
}
