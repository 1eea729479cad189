/**
 * The words of a "how" question that ask for a value rather than say what it is about, and the
 * span of time "how long" asks for.
 *
 * "How long was I a nurse for?" is answered by "Retired from nursing in 2016 after 38 years", not
 * by "My old nursing friends meet every couple of months" nor "I found a 1970s photo of the
 * nurses' home": the answer says a value, seldom the question's "long", "much" or "many", while
 * remarks that share those words literally ("a long day", "so much fun") answer nothing. So the
 * word right after "how" that only asks for a count or a span ({@linkcode isSlotWord}: "long",
 * "much", "many", English's closed class of quantifiers and "long" of time) weighs as a
 * question-frame word (`query_frames.ts`), and "how long" is its own answer type, a span
 * ({@linkcode namesSpan}: a count of a unit of time, or "since"; `query.ts`'s `answerType`,
 * × 0.9 for a memory that names none, as for the other types). The words of measure after "how"
 * ("old", "tall", "fast") stay content: answers repeat them ("ten years old", "six feet tall").
 * Nor are units of time after "what"/"which" ("which day") slot words: measured, they moved no
 * open question up and cost "What age is my girl?" a place (core/memory/HISTORY.md, Session 30,
 * recall29).
 *
 * @module
 */
import { NUMBER_WORDS } from "./quantity_words.ts";
import { words } from "./text.ts";
import { asciiWords } from "./query_words.ts";

/** Words after "how" that only ask for a value: a count ("many", "much") or a span ("long"). */
const HOW_SLOTS: ReadonlySet<string> = new Set(["long", "much", "many"]);

/**
 * Whether the folded word at `i` of `folded` names the slot its question asks to fill: "long",
 * "much" or "many" right after "how".
 */
export function isSlotWord(folded: readonly string[], i: number): boolean {
  return i > 0 && folded[i - 1] === "how" && HOW_SLOTS.has(folded[i]!);
}

/** Units of time a span is counted in ("38 years", "six weeks", "a couple of months"). */
const SPAN_UNITS: ReadonlySet<string> = new Set(
  ["second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade"],
);
/** Words between a count and its unit ("a couple of months", "two whole years"). */
const SPAN_FILLERS: ReadonlySet<string> = new Set(["of", "whole", "full", "more", "long"]);
/**
 * Words that count a span without a number ("for a year", "half an hour", "a few months",
 * "several weeks"): the commonest spans of chat (review42 R8).
 */
const VAGUE_COUNTS: ReadonlySet<string> = new Set(["a", "an", "few", "several", "many"]);
/**
 * Words before a count that make it a rate, not a span: "every couple of months", "twice a
 * week", "3 times a month", "an hour a day" (the second count follows a unit).
 */
const RATE_WORDS: ReadonlySet<string> = new Set(
  ["every", "each", "per", "once", "twice", "thrice", "times"],
);
/** Words before a bare plural unit that make it a span ("for years", "in months", "over decades"). */
const SPAN_PREPOSITIONS: ReadonlySet<string> = new Set(["for", "in", "over"]);
/** Forms of "be" after "how long" that may ask a length ("How long is the bridge?"). */
const BE_FORMS: ReadonlySet<string> = new Set(["is", "s", "was", "are", "were"]);
/** Subjects after "how long was" whose length is a span ("How long was I in Canada?"). */
const SPAN_SUBJECTS: ReadonlySet<string> = new Set(
  ["i", "we", "you", "he", "she", "they", "it", "there"],
);
/**
 * Words that make "how long is/was ..." a span: a verb of duration or its preposition ("How
 * long is the drive going to take?", "How long was the bridge closed for?").
 */
const DURATION_WORDS: ReadonlySet<string> = new Set(
  ["for", "been", "take", "takes", "took", "last", "lasts", "lasted", "until", "till", "since"],
);

/** `word` without a plural "s" ("days", "years"). */
function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
}

/** What a "how long" asks: a span, a moment ("how long ago") or a length ("how long is the bridge"). */
type HowLong = "span" | "moment" | "length";

/** What the "how long" ending at `i` of `folded` asks ({@linkcode HowLong}). */
function howLong(folded: readonly string[], i: number): HowLong {
  const next = folded[i + 1];
  if (next === "ago") return "moment";
  if (next === undefined || !BE_FORMS.has(next) || SPAN_SUBJECTS.has(folded[i + 2] ?? "")) {
    return "span";
  }
  return folded.slice(i + 2).some((word) => DURATION_WORDS.has(word)) ? "span" : "length";
}

/** The answers of each "how long" of `text` ({@linkcode HowLong}). */
function howLongs(text: string): HowLong[] {
  const folded = asciiWords(text) ?? words(text);
  const found: HowLong[] = [];
  for (let i = 1; i < folded.length; i++) {
    if (folded[i - 1] === "how" && folded[i] === "long") found.push(howLong(folded, i));
  }
  return found;
}

/**
 * Whether `text` asks how long: "how long" ("How long was I a nurse for?"), not "how long ago"
 * (a moment: `asksWhen`'s) nor "how long is <thing>" with no verb of duration (a length, "How
 * long is the bridge?"; review42 R1, R3).
 */
export function asksSpan(text: string): boolean {
  return howLongs(text).includes("span");
}

/**
 * Whether `text` asks a length and no span: "How long is the bridge we are building?" (answered
 * by "240 metres", not by a time: `answerType` types it no time either).
 */
export function asksLength(text: string): boolean {
  const found = howLongs(text);
  return found.includes("length") && !found.includes("span");
}

/** Subjects after which "since" gives a reason when a present tense follows ("since I'm busy"). */
const CLAUSE_SUBJECTS: ReadonlySet<string> = SPAN_SUBJECTS;
/** Present-tense words after "since <subject>" that give a reason ("since it's raining"). */
const PRESENT_FORMS: ReadonlySet<string> = new Set(
  ("am m is s are re have ve has do does don doesn can can't will ll need needs want wants " +
    "like likes know knows").split(" "),
);

/**
 * Whether the "since" at `i` of `folded` gives a reason, not a start: a subject and a present
 * tense ("since I'm busy") or "it"/"there" and a past "be" ("Since it was raining, we stayed in";
 * review42 R2). "since I was a kid", "since I graduated", "since 2016" are starts.
 */
function causalSince(folded: readonly string[], i: number): boolean {
  const subject = folded[i + 1] ?? "";
  const verb = folded[i + 2] ?? "";
  if (!CLAUSE_SUBJECTS.has(subject)) return false;
  if (PRESENT_FORMS.has(verb)) return true;
  return (subject === "it" || subject === "there") && (verb === "was" || verb === "were");
}

/** Whether the count at `i` of `folded` is a rate ("every couple of", "twice a", "an hour a day"). */
function countsRate(folded: readonly string[], i: number): boolean {
  const before = folded[i - 1] ?? "";
  if (RATE_WORDS.has(before) || folded[i - 2] === "every") return true;
  // "an hour a day": the second count, right after a unit, says how often.
  return (folded[i]! === "a" || folded[i]! === "an") && SPAN_UNITS.has(singular(before));
}

/**
 * Whether `text` says a span of time, the answer to "how long": a count and a unit of time
 * ("after 38 years", "for two weeks", "a couple of months", "for a year", "half an hour", "a few
 * months"), a bare plural unit after "for"/"in"/"over" ("for years"), or "since" of a start
 * ("since 2016", "since I was a kid"); not a rate ("every couple of months", "twice a week",
 * "3 days a week"), a moment ("two years ago") nor a reason ("since it was raining").
 */
export function namesSpan(text: string): boolean {
  const folded = words(text);
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i]!;
    if (word === "since") {
      if (!causalSince(folded, i)) return true;
      continue;
    }
    const unit = SPAN_UNITS.has(singular(word));
    if (unit && word.endsWith("s") && SPAN_PREPOSITIONS.has(folded[i - 1] ?? "")) return true;
    const vague = VAGUE_COUNTS.has(word);
    if (!vague && !/^\d+$/.test(word) && !NUMBER_WORDS.has(word)) continue;
    if (countsRate(folded, i)) continue;
    let at = i + 1;
    // "a long day" is a remark, not a span: after "a"/"an" only "whole"/"full" ("a whole year").
    const fillers = vague ? VAGUE_FILLERS : SPAN_FILLERS;
    while (at < folded.length && at <= i + 2 && fillers.has(folded[at]!)) at++;
    if (!SPAN_UNITS.has(singular(folded[at] ?? ""))) continue;
    const after = folded[at + 1] ?? "";
    // "3 days a week" is a rate, "two years ago" a moment.
    if (after === "ago") continue;
    if (
      (after === "a" || after === "an" || after === "per" || after === "each" ||
        after === "every") &&
      SPAN_UNITS.has(singular(folded[at + 2] ?? ""))
    ) continue;
    return true;
  }
  return false;
}
/** Words between a vague count and its unit ("a whole year", "a full month", "a few more weeks"). */
const VAGUE_FILLERS: ReadonlySet<string> = new Set(["whole", "full", "few", "more"]);
