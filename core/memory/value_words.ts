/**
 * The closed classes the values of a text are read by (`stated_values.ts`): weekdays, months,
 * ordinals and counts in words, the periods of a rate, and spans of a calendar.
 *
 * @module
 */
/** The days of the week. */
export const WEEKDAYS = new Set(
  "monday tuesday wednesday thursday friday saturday sunday".split(" "),
);
/** The months. */
export const MONTHS = new Set(
  ("january february march april may june july august september october november december")
    .split(" "),
);
/** Ordinals in words, first to twentieth. */
export const ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth " +
  "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth " +
  "nineteenth twentieth").split(" ");
/** Each ordinal word's number. */
export const ORDINALS: ReadonlyMap<string, number> = new Map(
  ORDINAL_WORDS.map((w, i) => [w, i + 1]),
);
/** Counts in words, one to ten. */
export const COUNT_WORDS = "one two three four five six seven eight nine ten".split(" ");
/** Each count word's number, and "once", "twice", "thrice". */
export const COUNTS: ReadonlyMap<string, number> = new Map([
  ...COUNT_WORDS.map((w, i) => [w, i + 1] as const),
  ["once", 1],
  ["twice", 2],
  ["thrice", 3],
]);
/** The periods a rate is counted per ("twice a day"). */
export const PERIODS = new Set("day week month night year fortnight".split(" "));
/** The words a rate's period follows ("twice a day", "per week"). */
export const PER = new Set(["a", "an", "per", "every", "each"]);
/** Spans of a calendar that `TIME_WORDS` leaves out: no thing a value is of ("this term"). */
export const CALENDAR = new Set(["term", "terms", "semester", "semesters"]);
