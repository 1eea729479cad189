/**
 * A quantity restated with a new amount and no word of change or "to": the same kind of
 * quantity, a new value ("jayden's moving into a flat ..., £575 a month" after "Jayden pays £520
 * a month for a room"; "roof man came back, £2,900 if we pay cash" after "the guy quoted £3,400";
 * "1000mg once a day" after "metformin 500mg two times a day"). A quantity's kind is its unit (a
 * currency, a measure, the noun a count counts: `new_numbers.ts`) and what it is per, when it is
 * a rate ("a month", "per week", "/wk"), and whether it is an increment on another ("an extra
 * $90"): "£520 a month" and "£1,040" (a deposit, a total) are
 * different quantities, as are "5 km every morning" and "12 km" walked once. The kind says what
 * sort of thing was measured; whether it is the same thing is the pair's bound in words and
 * meaning (`aboutSameThing`, `update_pairs.ts`), as for any pair.
 *
 * Left out, as no amount: a bare number (no unit: a year, a count of nothing named), an ordinal
 * ("the 4th floor", "the 14th"), and a number whose unit names a point or span of the calendar
 * (a month, a weekday, "am"/"pm", a day or a year): dates and times are values
 * (`restated_values.ts`), read with their own gates. Minutes and hours stay: they measure a
 * duration (a race time, a shift).
 *
 * @module
 */
import { placedNumbersOf } from "./new_numbers.ts";
import { saysAddition } from "./additions.ts";
import { type AmountLabel, amountLabel, labelsDiffer, SUCCESSION } from "./amount_labels.ts";
import { isContentWord, stem, terms } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { TIME_WORDS } from "./time_words.ts";
import { PER } from "./value_words.ts";
import { PEOPLE_WORDS } from "./someone_else.ts";

/**
 * How many of a text's numbers are read (a real memory states a few; a planted one of thousands
 * would make every pair's read long).
 */
export const QUANTITIES_READ = 8;

/** How many characters after a number are read for its unit and its period. */
const PERIOD_CHARS = 40;

/** Units that name a point or span of the calendar or the clock (stemmed, and short forms). */
const CALENDAR_UNITS: ReadonlySet<string> = new Set([
  ...[...TIME_WORDS].filter((word) => word !== "minute" && word !== "hour").map(stem),
  ..."jan feb mar apr jun jul aug sep sept oct nov dec am pm".split(" "),
]);

/** Periods written short after a slash ("£95/wk", "£8/mo"), by their word's stem. */
const PERIOD_SHORT: ReadonlyMap<string, string> = new Map([
  ["wk", "week"],
  ["mo", "month"],
  ["mth", "month"],
  ["yr", "year"],
  ["hr", "hour"],
]);

/** A rate's period after a slash: "/wk", "/ month". */
const SLASH_PERIOD = /^[ \t]*\/[ \t]*(\p{L}+)/u;
/** The first words after a number, spaces between them only (no mark ends the phrase). */
const NEXT_WORDS = /^(?:[ \t]+\p{L}+){1,4}/u;

/**
 * Words that make an amount an increment on another ("an extra $90 on top of the tuning", "another
 * £50", "$20 more"): a quantity of its own kind, not the value of what it adds to.
 */
const INCREMENT_BEFORE = /(?:^|[^\p{L}])(?:extra|additional|further|another)[ \t]+$/iu;
const INCREMENT_AFTER = /^[ \t]+(?:more|extra|on[ \t]+top)(?![\p{L}])/iu;

/** A text's quantities by kind ("unit|period", `quantityKinds`): their values. */
export type QuantitiesByKind = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * What the number's `rest` says it is per: a period's stem, or "" for none. `unitWord`: whether
 * the unit is the word after the number ("3 pods a week"), not a currency or letters stuck to it
 * ("£520 a month", "500mg"): the word of each comes right after the unit, so after that word.
 */
function periodOf(rest: string, unitWord: boolean): string {
  const slashed = rest.match(SLASH_PERIOD);
  if (slashed) {
    const short = slashed[1]!.toLowerCase();
    return PERIOD_SHORT.get(short) ?? stem(short);
  }
  const next = rest.match(NEXT_WORDS)?.[0].trim().toLowerCase().split(/[ \t]+/u) ?? [];
  // A word of each right after the number or its unit's word, then the period ("every other week": "other" says which of them, not what).
  const at = unitWord ? 1 : 0;
  const each = PER.has(next[at] ?? "") ? at : -1;
  if (each < 0) return "";
  const period = next[each + 1] === "other" ? next[each + 2] : next[each + 1];
  return period === undefined ? "" : stem(period);
}

/** A quantity a text states: its kind, its value and the thing its sentence opens on, if named. */
interface QuantityRead {
  kind: string;
  value: string;
  /**
   * The content stem of the head an article opens the number's sentence with ("The market stall
   * sells 6 kinds": "market"; "The new rent is £600": "rent"); none when it opens otherwise.
   */
  subject: readonly string[];
  /** What the amount is of, by the words right before it (`amount_labels.ts`). */
  label: AmountLabel | undefined;
}

/** How far back from a number its sentence's opening is looked for. */
const SENTENCE_CHARS = 200;
/** A sentence's end before a number: an end mark or a new line. */
const SENTENCE_END = /[.!?\n]/gu;
/** An article or demonstrative opening a sentence, and the (up to two) words after it. */
const ARTICLE_OPENING =
  /^\s*(?:the|a|an|this|that)\s+(\p{L}[\p{L}'’-]*)(?:\s+(\p{L}[\p{L}'’-]*))?/iu;

/** The words of the noun phrase an article opens the sentence before `index` with. */
function sentenceSubject(normalised: string, index: number): readonly string[] {
  const from = Math.max(0, index - SENTENCE_CHARS);
  const before = normalised.slice(from, index);
  let start = -1;
  for (const end of before.matchAll(SENTENCE_END)) start = end.index;
  if (start < 0 && from > 0) return [];
  const opening = before.slice(start + 1).match(ARTICLE_OPENING);
  if (opening === null) return [];
  // The head is the word after the article, or after an adjective of succession ("the new rent"):
  // the word after another may as well be the verb ("The stall sells 6 kinds").
  const first = opening[1]!.toLowerCase();
  return terms(SUCCESSION.has(first) ? opening[2] ?? "" : first);
}

let reads = 0;

/** How many texts the quantities were read of so far (a test counts a search's reads). */
export function quantityReadCount(): number {
  return reads;
}

/**
 * The quantities `text` states in digits ({@linkcode quantityKinds}), each with its kind, value
 * and sentence's subject, among its first {@linkcode QUANTITIES_READ} numbers.
 */
function readQuantities(text: string): QuantityRead[] {
  reads++;
  const { normalised, numbers } = placedNumbersOf(text);
  const read: QuantityRead[] = [];
  for (const number of numbers.slice(0, QUANTITIES_READ)) {
    if (number.unit === "" || CALENDAR_UNITS.has(number.unit)) continue;
    if (number.ordinal) continue;
    const rest = normalised.slice(number.end, number.end + PERIOD_CHARS);
    const increment =
      INCREMENT_BEFORE.test(normalised.slice(Math.max(0, number.index - 12), number.index)) ||
      INCREMENT_AFTER.test(rest);
    read.push({
      kind: `${increment ? "+" : ""}${number.unit}|${periodOf(rest, number.unitWord)}`,
      value: number.value,
      subject: sentenceSubject(normalised, number.index),
      label: amountLabel(normalised, number.index),
    });
  }
  return read;
}

const quantitiesOfText: (text: string) => readonly QuantityRead[] = rememberedByText(
  readQuantities,
);

/**
 * The quantities `text` states in digits, by kind: the unit `numbersOf` reads and the period a
 * rate is per ("£520 a month" → "pound|month", "£130/wk" → "pound|week", "500mg" → "mg|"), among
 * its first {@linkcode QUANTITIES_READ} numbers. No bare number, ordinal or date (see the module).
 */
export function quantityKinds(text: string): QuantitiesByKind {
  const kinds = new Map<string, Set<string>>();
  for (const { kind, value } of quantitiesOfText(text)) {
    let values = kinds.get(kind);
    if (values === undefined) kinds.set(kind, values = new Set());
    values.add(value);
  }
  return kinds;
}

/** {@linkcode quantityKinds} of a text, remembered; asked of every contender of a pair. */
export const quantityKindsOfText: (text: string) => QuantitiesByKind = rememberedByText(
  quantityKinds,
  { everyCandidate: true },
);

/** A possessor in any case ("Sam's rent", "sarah's rent", "the dog's dose") or a contraction. */
const POSSESSOR = /(?<![\p{L}\p{N}])(\p{L}+)['’]s(?![\p{L}\p{N}])/gu;

/**
 * A capitalised word opening a clause, then a finite verb: "is", "was", "has", "had", or a
 * verb's third person or past ("Tom takes 1000mg", "Sarah paid £700"): the clause's subject.
 */
const CLAUSE_SUBJECT =
  /(?:^|[.!?;:\n,(—–-])\s*(\p{Lu}\p{Ll}+)\s+(?:is|was|has|had|\p{Ll}+s|\p{Ll}+ed)(?![\p{L}\p{N}])/gu;

/**
 * Whether a word before "'s" or opening a clause could own an amount: a content word
 * (`isContentWord` leaves out the pronouns and determiners whose "'s" is "is" or "has": "it's",
 * "that's", "what's", "there's", "he's") that is no word of time ("this month's rent") and not
 * "let" ("let's": "let us").
 */
function canOwn(word: string): boolean {
  return isContentWord(word) && !TIME_WORDS.has(word) && word !== "let";
}

/**
 * Whether `newer` says an owner `older` does not (folded): a word for a person (`PEOPLE_WORDS`:
 * "my sister pays £600 a month"), a possessor in any case ("Sam's rent", "sarah's rent is £700",
 * "dog's dose: 50mg"), or a capitalised subject of a finite verb ("Tom takes 1000mg"). A
 * capitalised word elsewhere is not read as one: a quantity's line names places as often as
 * persons ("jayden's moving into a flat in Headingley, £575 a month"), and the pair's bound in
 * words and meaning stands for the rest. A subject the older line does not say is another's, or
 * another thing's, amount either way: not a new value of the older one's (review46b H1).
 */
function otherOwner(older: string, newer: string): boolean {
  const said = new Set(older.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const owners = (newer.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => PEOPLE_WORDS.has(word));
  for (const pattern of [POSSESSOR, CLAUSE_SUBJECT]) {
    for (const match of newer.matchAll(pattern)) {
      const word = match[1]!.toLowerCase();
      if (canOwn(word)) owners.push(word);
    }
  }
  return owners.some((owner) => !said.has(owner));
}

/**
 * Whether `newer` gives a quantity of a kind `older` gives ({@linkcode quantityKinds}: the same
 * unit and the same period) a value `older` does not give it, names no owner `older` does not
 * (`otherOwner`: another's amount is no new value of the older one's), says no addition
 * (`saysAddition`), is of the thing the older amount is of by its label (`labelsDiffer`) and,
 * when an article opens the amount's sentence, names a thing `older` says.
 */
export function restatesQuantity(older: string, newer: string): boolean {
  const ofOlder = quantityKindsOfText(older);
  // A line that says it adds ("also", "as well", "a second") tells a quantity beside the older
  // one ("I also took a second job, 10 hours a week at a café"), which still holds.
  if (ofOlder.size === 0 || saysAddition(newer)) return false;
  let said: ReadonlySet<string> | undefined;
  for (const { kind, value, subject, label } of quantitiesOfText(newer)) {
    const told = ofOlder.get(kind);
    if (told === undefined || told.has(value)) continue;
    // Of another thing by its label ("home insurance £30" after "car insurance £45": H2).
    const olderOfKind = quantitiesOfText(older).filter((read) => read.kind === kind);
    if (olderOfKind.every((read) => labelsDiffer({ text: older, label: read.label }, label))) {
      continue;
    }
    // A sentence an article opens names its thing ("The market stall sells 6 kinds of bread"):
    // the amount is that thing's, the older one's only if the older one says it.
    if (subject.length > 0 && !subject.some((term) => (said ??= new Set(terms(older))).has(term))) {
      continue;
    }
    return !otherOwner(older, newer);
  }
  return false;
}
