/**
 * Prospects told as a state of the one who awaits (issue 9, sessions 49-50): "pregnant" and
 * "expecting" await a child, "expecting a parcel" a parcel, and "hoping to buy a house",
 * "planning to adopt a dog" the thing intended (the head of the noun phrase after the verb). A
 * newer memory meets them as it meets any frame of awaiting (`met_prospects.ts`): a past verb
 * whose object is the thing ("We bought a house in Leeds", "we got a dog called Rex"), a child
 * only with "had" ("Maja had the baby").
 *
 * A state awaits only while it holds: a clause that denies it awaits nothing ("I'm not pregnant",
 * "we're not planning to move": `denies`), nor one that tells it in the past ("I was pregnant with
 * my son in 2019", "we were hoping to buy a house"), unless a past verb before it reports it
 * (English moves a reported present into the past: "I found out I was pregnant").
 *
 * Bounds: the first {@linkcode STATES_READ} clauses telling a state are read.
 *
 * @module
 */
import { stem } from "./text.ts";
import { IRREGULAR_PAST } from "./told_events.ts";
import { CLAUSE_BREAK, denies } from "./scheduled_events.ts";
import { headAfter, NOUN_OPENERS, phraseWords, REGULAR_PAST } from "./noun_heads.ts";

/**
 * Being pregnant awaits a child, which English names as "pregnant" says nothing of: "Maja's
 * pregnant again!!", then "Maja had the baby", "had a girl", "had twins". The nouns a birth is
 * told with are a closed set.
 */
const PREGNANT = /(?<![\p{L}\p{N}])pregnant(?![\p{L}\p{N}])/iu;
export const BORN_HEADS: readonly string[] = ["baby", "boy", "girl", "son", "daughter", "twins"]
  .map(stem);

/** A child named as such ("expecting a child", "our first child"): awaited as a birth is. */
const CHILD = stem("child");

/** "expecting": what follows it is awaited; nothing ("we're expecting!") a child. */
const EXPECTING = /(?<![\p{L}\p{N}])expecting(?![\p{L}\p{N}])/giu;

/** Words after "expecting" that name no object: the child is meant ("expecting again"). */
const NO_OBJECT: ReadonlySet<string> = new Set(["again", "soon", "in", "this", "next"]);

/**
 * A verb of intending and "to" (or "on") and the verb intended: what follows that verb is the
 * thing ("hoping to buy a house", "planning on adopting a dog", "intend to get a new job").
 */
const INTENDING = new RegExp(
  "(?<![\\p{L}\\p{N}])(?:hop(?:e|es|ing)|plan(?:s|ning)?|intend(?:s|ing)?)\\s+(?:to|on)\\s+" +
    "\\p{L}+\\s+",
  "giu",
);

/** "to be" in the present and in the past, as it tells the state a clause is in. */
const PRESENT_BE: ReadonlySet<string> = new Set(["am", "m", "is", "s", "are", "re"]);
const PAST_BE: ReadonlySet<string> = new Set(["was", "were"]);

const IRREGULAR: ReadonlySet<string> = new Set(IRREGULAR_PAST.split(" "));

/** The words a state is told with: a clause with none ("the shop", "a plane") is not counted. */
const STATE_WORDS = new RegExp(
  "(?<![\\p{L}\\p{N}])(?:pregnant|expecting|hop(?:e|es|ing)|plan(?:s|ning)?|intend(?:s|ing)?)" +
    "(?![\\p{L}\\p{N}])",
  "iu",
);

/** The most clauses telling a state read of one text. */
export const STATES_READ = 8;

/**
 * Whether the words `before` a state's word tell it in the past: the nearest "to be" is "was",
 * "were" or "had been", and no past verb before it reports the clause ("I found out I was ...").
 */
function toldPast(before: readonly string[]): boolean {
  for (let at = before.length - 1; at >= 0; at--) {
    const word = before[at]!;
    if (PRESENT_BE.has(word) || (word === "been" && before[at - 1] !== "had")) return false;
    if (PAST_BE.has(word) || word === "been") {
      return !before.slice(0, word === "been" ? at - 1 : at).some((earlier) =>
        IRREGULAR.has(earlier) || REGULAR_PAST.test(earlier)
      );
    }
  }
  return false;
}

/** Whether the state whose word starts at `index` of `clause` holds now (not denied, not past). */
function holds(clause: string, index: number): boolean {
  return !denies(clause) && !toldPast(phraseWords(clause.slice(0, index)));
}

/** The heads a state of one clause awaits, added to `heads`. */
function addStateHeads(clause: string, heads: Set<string>): void {
  const pregnant = PREGNANT.exec(clause);
  if (pregnant !== null && holds(clause, pregnant.index)) {
    for (const head of BORN_HEADS) heads.add(head);
  }
  for (const match of clause.matchAll(EXPECTING)) {
    if (!holds(clause, match.index)) continue;
    const after = clause.slice(match.index + match[0].length);
    const head = headAfter(after);
    const next = phraseWords(after)[0];
    const child = head === CHILD || (head !== undefined && BORN_HEADS.includes(head));
    if (child || next === undefined || NO_OBJECT.has(next)) {
      for (const born of BORN_HEADS) heads.add(born);
    } else if (head !== undefined) heads.add(head);
  }
  for (const match of clause.matchAll(INTENDING)) {
    const after = clause.slice(match.index + match[0].length);
    // A thing intended is a noun phrase with its determiner or count ("buy a house"), not a
    // particle or an adverb of the verb ("move back to Morocco", "get married").
    const first = phraseWords(after)[0] ?? "";
    if (!NOUN_OPENERS.has(first) && !/^\d/.test(first)) continue;
    const head = headAfter(after);
    if (head !== undefined && holds(clause, match.index)) heads.add(head);
  }
}

/**
 * The stems of what the states of `text` await: a child when it says "pregnant" or "expecting"
 * (with no object, or a child's: {@linkcode BORN_HEADS}), the object of "expecting" otherwise,
 * and the thing intended after "hoping to", "planning to" or "intend to" and a verb (a noun
 * phrase with its determiner or count); in its first {@linkcode STATES_READ} clauses telling one,
 * each while it holds.
 */
export function stateHeads(text: string): string[] {
  const heads = new Set<string>();
  let read = 0;
  for (const clause of text.split(CLAUSE_BREAK)) {
    if (!STATE_WORDS.test(clause)) continue;
    if (++read > STATES_READ) break;
    addStateHeads(clause, heads);
  }
  return [...heads];
}

/** Whether `text` awaits a child ("pregnant", "expecting"): met only by "had" ("had a girl"). */
export function awaitsChild(text: string): boolean {
  return stateHeads(text).includes(BORN_HEADS[0]!);
}
