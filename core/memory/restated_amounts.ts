/**
 * An amount restated with no word of change, as a texting user states one: the thing, a link and
 * the amount ("nugget is 5.2kg" after "nugget weighs 4.6kg vet says hes a chonk"; "cdj pot: £410"
 * after "saving for my own cdjs, got £230 in the pot so far"; "a standard tuning is $165 now"
 * after "I charge $140 for a standard tuning"; "overdraft down to £120" after "im £300 into my
 * overdraft"). The newer memory gives what the older one named a new value of a unit the older
 * one measured: a value now, as a change's "to" says (`reachesNewValue`, `unlinked_updates.ts`).
 * Read from grammar: the amount opens the predicate of its clause's subject, a phrase of one to
 * three words whose words are the older memory's own (or a capitalised name it says: "Lofoten
 * fund is at $5,100"), so another owner's ("leahs rent is £600") or another thing's amount is no
 * restatement.
 *
 * @module
 */
import { placedNumbersOf } from "./new_numbers.ts";
import { terms } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { TIME_WORDS } from "./time_words.ts";

/** Prepositions that open a time adverbial ("from December", "since June"): a closed class. */
const TIME_PREPOSITIONS: ReadonlySet<string> = new Set(
  ["from", "since", "in", "on", "after", "before", "until", "till", "by", "during"],
);

/** Whether `words` open with a preposition and a time word ("from December", "in June"). */
function opensWithTime(words: readonly string[]): boolean {
  if (words.length < 3 || !TIME_PREPOSITIONS.has(words[0]!.toLowerCase())) return false;
  const time = words[1]!.toLowerCase();
  return TIME_WORDS.has(time) || (time.endsWith("s") && TIME_WORDS.has(time.slice(0, -1)));
}

/**
 * A clause's subject (one to three words) and the link before an amount, to the amount: a colon,
 * "is"/"are"/"was"/"'s" with "now", "at", "still" or "currently" after it, or "now", "at", "down
 * to", "up to" alone ("overdraft down to £120").
 */
const STATED = new RegExp(
  "^\\s*((?:[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*\\s+){0,2}[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*)" +
    "(?:\\s*:|\\s+(?:is|are|was)(?:\\s+(?:now|at|still|currently))*|['’]s(?:\\s+(?:now|at))*" +
    "|\\s+(?:now|at|down\\s+to|up\\s+to))\\s+$",
  "iu",
);

/**
 * How many of a text's amounts with a unit are read (a real memory states one or two; a
 * planted one of thousands made every read of it quadratic and large: review46 R12).
 */
export const AMOUNTS_READ = 8;

/**
 * How many characters of a clause either side of its amount are read (whole words): a clause
 * with no end mark in 10k characters is read as the words near its amount (review46 R12).
 */
export const CLAUSE_CHARS = 200;

/** Where a clause ends (global: read with `matchAll`): a sentence's end mark, a semicolon, a comma, a dash or a new line. */
export const CLAUSE_END = /[.!?;,\n]|\s[-–—]\s/gu;

/** An amount a text states as its subject's value: the unit and value, the subject's words. */
export interface StatedAmount {
  unit: string;
  value: string;
  /** The subject's stemmed content words, in order (its head last). */
  subject: readonly string[];
  /** The subject's capitalised words, lower case (names: "Lofoten"). */
  names: readonly string[];
  /** The first of them as written when it opens a sentence (a name or any word: "Gym"). */
  initial?: string;
  /**
   * Whose the subject is: a possessive's owner, lower case ("Leah's rent": "leah"), `SELF` for
   * "my"/"our", none when it says no owner (the user's own, as a texting user writes).
   */
  owner?: string;
}

/** The owner of a subject the user's own ("my rent"). */
export const SELF = "";

/** Where a sentence starts: the text's start or an end mark's, spaces after. */
const SENTENCE_START = /(?:^|[.!?\n])\s*$/u;

/**
 * Whether `older` says `name` of `amount`'s subject as a name: one of its terms, and written
 * capitalised when the newer one's only capital is a sentence's first ("Gym at work is £10"
 * after "The gym is £30" names no gym: review46 R6; "Lofoten fund is at $5,100" after "put away
 * for Lofoten" does).
 */
function namedBy(
  amount: StatedAmount,
  name: string,
  older: { text: string; terms: ReadonlySet<string> },
): boolean {
  if (!older.terms.has(terms(name)[0] ?? "")) return false;
  return amount.initial === undefined || name !== amount.initial.toLowerCase() ||
    older.text.includes(amount.initial);
}

/** The possessive determiners of the second and third persons: the thing is another's. */
const OTHERS_POSSESSIVES: ReadonlySet<string> = new Set(["your", "his", "her", "their"]);

/** Pronouns whose "'s" is "is" or "has", no possessive ("it's", "that's", "he's"). */
const CONTRACTED: ReadonlySet<string> = new Set(
  "it that what there here he she who where this".split(" "),
);

/**
 * The owner a subject says ({@linkcode StatedAmount.owner}): a possessive noun before its head,
 * whatever opens it ("Leah's rent", "my daughter's rent": the daughter's, not the user's), else
 * its opening determiner.
 */
function ownerOf(words: readonly string[]): string | undefined {
  for (const word of words.slice(0, -1).reverse()) {
    const possessive = word.toLowerCase().match(/^(.+)['’]s$/u);
    if (possessive && !CONTRACTED.has(possessive[1]!)) return possessive[1];
  }
  const first = words[0]!.toLowerCase();
  if (first === "my" || first === "our") return SELF;
  // Another person's possessive determiner (a closed class): "her rent", "their mortgage".
  return OTHERS_POSSESSIVES.has(first) ? first : undefined;
}

/**
 * Whether `amount` is of another owner than what `older` states of the same head and unit
 * ("Leah's rent is £600" after "my rent is £750", and the other way round): a named owner must
 * be one the older text states the thing of; the user's own, no other's.
 */
function otherOwner(amount: StatedAmount, older: string): boolean {
  const head = amount.subject.at(-1);
  const owners = statedAmountsOfText(older).filter((stated) =>
    stated.unit === amount.unit && stated.subject.at(-1) === head
  ).map((stated) => stated.owner ?? SELF);
  const own = amount.owner ?? SELF;
  if (own !== SELF) return !owners.includes(own);
  return owners.length > 0 && !owners.includes(SELF);
}

/**
 * The amounts `text` states of a subject ({@linkcode STATED}), with a unit (no bare count),
 * among its first {@linkcode AMOUNTS_READ} amounts with a unit.
 */
export function statedAmounts(text: string): StatedAmount[] {
  const { normalised, numbers } = placedNumbersOf(text);
  return amountsStated(normalised, unitNumbers(numbers));
}

/** Those of `numbers` (placed in `normalised`) stated of a subject ({@linkcode STATED}). */
export function amountsStated(
  normalised: string,
  numbers: readonly { unit: string; value: string; index: number }[],
): StatedAmount[] {
  const stated: StatedAmount[] = [];
  for (const number of numbers) {
    const before = normalised.slice(Math.max(0, number.index - 60), number.index);
    let start = 0;
    for (const end of before.matchAll(CLAUSE_END)) start = end.index + end[0].length;
    // The window's start is no clause's start unless it is the text's.
    if (start === 0 && number.index > 60) continue;
    const found = before.slice(start).match(STATED);
    if (!found) continue;
    const written = found[1]!.split(/\s+/);
    // A time adverbial opening the clause is no part of its subject ("from December rent is
    // 1950"); a time word inside the subject is ("day rate", "night rate").
    const words = opensWithTime(written) ? written.slice(2) : written;
    const subject = terms(words.join(" "));
    if (subject.length === 0) continue;
    const opening = normalised.slice(0, number.index - before.length + start);
    const names = words.filter((word) => /^\p{Lu}/u.test(word))
      .map((word) => word.replace(/['’]s$/u, "").toLowerCase());
    // A capitalised word opening a sentence may be any word ("Gym at work is £10").
    const initial = words === written && SENTENCE_START.test(opening) &&
        /^\p{Lu}/u.test(words[0]!)
      ? words[0]!.replace(/['’]s$/u, "")
      : undefined;
    stated.push({
      unit: number.unit,
      value: number.value,
      subject,
      names,
      initial,
      owner: ownerOf(words),
    });
  }
  return stated;
}

/** {@linkcode statedAmounts} of a text, remembered. */
export const statedAmountsOfText: (text: string) => readonly StatedAmount[] = rememberedByText(
  statedAmounts,
);

/** A number of a text with the words of its clause and, when stated of a subject, its head. */
interface AmountClause {
  unit: string;
  value: string;
  /** The stemmed content words of the clause that holds it. */
  clause: ReadonlySet<string>;
  /** The head of the subject it is the value of ({@linkcode statedAmounts}), if any. */
  head?: string;
}

/** The first {@linkcode AMOUNTS_READ} of `numbers` with a unit. */
function unitNumbers<N extends { unit: string }>(numbers: readonly N[]): N[] {
  const read: N[] = [];
  for (const number of numbers) {
    if (number.unit === "") continue;
    read.push(number);
    if (read.length === AMOUNTS_READ) break;
  }
  return read;
}

/** The index of the last of the sorted `ends` at or before `index` (`ends[0]` is 0). */
function lastAtOrBefore(ends: readonly number[], index: number): number {
  let low = 0;
  let high = ends.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (ends[middle]! <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The part of `text` from `start` to `stop` within {@linkcode CLAUSE_CHARS} of `at`, whole
 * words (a word cut by the window is left out).
 */
function nearWords(text: string, span: { start: number; stop: number; at: number }): string {
  const from = Math.max(span.start, span.at - CLAUSE_CHARS);
  const to = Math.min(span.stop, span.at + CLAUSE_CHARS);
  let read = text.slice(from, to);
  if (from > span.start) read = read.replace(/^\S*/u, "");
  if (to < span.stop) read = read.replace(/\S*$/u, "");
  return read;
}

/**
 * Each of the first {@linkcode AMOUNTS_READ} numbers of `text` with a unit, with its clause's
 * words and its subject's head: the clause ends found in one pass, each number's clause by a
 * binary search of them, and the words of a clause read once however many amounts it holds.
 */
export function amountClauses(text: string): AmountClause[] {
  const { normalised, numbers } = placedNumbersOf(text);
  const ends = [0, ...[...normalised.matchAll(CLAUSE_END)].map((end) => end.index + end[0].length)];
  const stated = statedAmountsOfText(text);
  const clauses = new Map<string, ReadonlySet<string>>();
  return unitNumbers(numbers).map((number) => {
    const at = lastAtOrBefore(ends, number.index);
    const start = ends[at]!;
    const stop = ends[at + 1] ?? normalised.length;
    const read = nearWords(normalised, { start, stop, at: number.index });
    let clause = clauses.get(read);
    if (clause === undefined) clauses.set(read, clause = new Set(terms(read)));
    const head = stated.find((amount) =>
      amount.unit === number.unit && amount.value === number.value
    )?.subject.at(-1);
    return { unit: number.unit, value: number.value, clause, head };
  });
}

const amountClausesOfText: (text: string) => readonly AmountClause[] = rememberedByText(
  amountClauses,
);

/**
 * How `newer` restates an amount `older` gave: 0, not at all; 1, one of its
 * {@linkcode statedAmounts} has a unit `older` gives a number of (`older.numbers`, `numbersOf`)
 * with another value, and its subject is `older`'s (every word of it a word of `older`,
 * `older.terms`, or a capitalised name of it one `older` says); 2, besides, its subject's head is
 * a word of the clause that gives `older`'s number ("im £300 into my overdraft" → "overdraft
 * down to £120"), and `older` states that number of no other subject ("rent is £475 a month each
 * plus bills" → "bills are £70" is 1): the same thing, however little else the two share.
 */
export function restatesAmount(
  newer: string,
  older: {
    text: string;
    numbers: ReadonlyMap<string, ReadonlySet<string>>;
    terms: ReadonlySet<string>;
  },
): 0 | 1 | 2 {
  let found: 0 | 1 | 2 = 0;
  for (const amount of statedAmountsOfText(newer)) {
    const values = older.numbers.get(amount.unit);
    if (values === undefined || values.has(amount.value)) continue;
    if (
      !amount.subject.every((term) => older.terms.has(term)) &&
      !amount.names.some((name) => namedBy(amount, name, older))
    ) continue;
    if (otherOwner(amount, older.text)) continue;
    found = 1;
    const head = amount.subject.at(-1)!;
    const sameThing = amountClausesOfText(older.text).some((clause) =>
      clause.unit === amount.unit && clause.clause.has(head) &&
      (clause.head === undefined || clause.head === head)
    );
    if (sameThing) return 2;
  }
  return found;
}
