/**
 * When questions and the memories that say when: the third answer type beside place and person
 * (`query.ts`'s `answerType`). English's words of time are a closed class (months, days of the
 * week, seasons, parts of the day, units of time, the words that anchor an event in time), so a
 * plain list does what WordNet's categories would.
 *
 * @module
 */
import { words } from "./text.ts";
import { asciiWords } from "./query_words.ts";

/**
 * Words that name a time or a span of time: months, days of the week, seasons, parts of the day,
 * units of time, days relative to today, yearly occasions (folded; a plural counts as its
 * singular: "Sundays", "evenings").
 */
export const TIME_WORDS: ReadonlySet<string> = new Set(
  ("january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday weekend weekday " +
    "spring summer autumn winter " +
    "morning afternoon evening night tonight noon midnight dawn dusk bedtime " +
    "minute hour day week fortnight month year decade century season childhood " +
    "today yesterday tomorrow " +
    "christmas easter birthday anniversary")
    .split(" "),
);

/** Words that place an event in time ("since I turned forty", "two winters ago", "when I was"). */
export const TIME_ANCHORS: ReadonlySet<string> = new Set(
  ["since", "ago", "until", "till", "during", "when"],
);

/**
 * Words that lead a time expression to its word of time: "this week", "last March", "every
 * Sunday", "two weeks ago", "a few days later", "12 years ago".
 */
const TIME_LEADS: ReadonlySet<string> = new Set(
  ("this last next that every a an few couple of several some many " +
    "one two three four five six seven eight nine ten eleven twelve")
    .split(" "),
);
/** Adverbs of time with no word of time in them ("died overnight", "has healed recently"). */
const TIME_ADVERBS: ReadonlySet<string> = new Set(
  ["overnight", "recently", "lately", "earlier", "later", "ago"],
);
/** Words of time that are also what a verb acts on ("celebrated Christmas", "forgot my birthday"). */
const OCCASIONS: ReadonlySet<string> = new Set(["christmas", "easter", "birthday", "anniversary"]);

/** A year ("in 2014", "since 1998"). */
const YEAR = /(?<!\d)(?:1[5-9]|20)\d\d(?!\d)/;
/** A time of the clock ("at 7:30", "6 am", "at 9pm"). */
const CLOCK = /(?<!\d)\d{1,2}(?::\d\d)?\s?(?:am|pm)(?![\p{L}])|(?<!\d)\d{1,2}:\d\d(?!\d)/iu;
/** Words of a question that ask for a span or a moment: "which year", "what time", "how long". */
const ASKED_UNITS: ReadonlySet<string> = new Set(
  ["time", "year", "month", "day", "date", "season", "age"],
);

/**
 * Whether `text` asks when: it opens with "when" ("When did Hanna and I marry?"), or asks "what"
 * or "which" of a unit of time ("What year did I ...", "Which day do I ..."), or "how long"
 * (a "when" inside a sentence is a clause of its own: "What do I do when it rains?").
 */
export function asksWhen(text: string): boolean {
  const folded = asciiWords(text) ?? words(text);
  if (folded[0] === "when") return true;
  for (let i = 0; i < folded.length - 1; i++) {
    const next = folded[i + 1]!;
    if ((folded[i] === "what" || folded[i] === "which") && ASKED_UNITS.has(singular(next))) {
      return true;
    }
    if (folded[i] === "how" && next === "long") return true;
  }
  return false;
}

/**
 * Whether `text` says when: a word of {@linkcode TIME_WORDS} ("on Sundays", "last March", "every
 * four months"), of {@linkcode TIME_ANCHORS} ("since I turned forty", "two winters ago"), a year
 * or a time of the clock.
 */
export function namesTime(text: string): boolean {
  if (YEAR.test(text) || CLOCK.test(text)) return true;
  for (const word of words(text)) {
    if (TIME_ANCHORS.has(word) || TIME_WORDS.has(word) || TIME_WORDS.has(singular(word))) {
      return true;
    }
  }
  return false;
}

/** `word` without a plural "s" ("sundays", "evenings", "months"). */
function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
}

/**
 * Whether folded `words` open with a time expression ("yesterday", "this month", "last week",
 * "two weeks ago", "overnight"): after a verb it tells when, and is no object the verb acts on
 * (`fact_events.ts`; review40 R2: "My knee has healed this month"). A yearly occasion is not one
 * ("celebrated Christmas").
 */
export function opensWithTime(words: readonly string[]): boolean {
  let at = 0;
  while (at < words.length && (TIME_LEADS.has(words[at]!) || /^\d+$/.test(words[at]!))) at++;
  const word = words[at];
  if (word === undefined) return false;
  if (at === 0 && TIME_ADVERBS.has(word)) return true;
  const one = singular(word);
  if (OCCASIONS.has(word) || OCCASIONS.has(one)) return false;
  return TIME_WORDS.has(word) || TIME_WORDS.has(one);
}
