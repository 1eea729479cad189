/**
 * Events scheduled ahead (issue 9, session 49): "Next Friday I have a job interview at a design
 * agency", "User has an interview with the roads authority on Friday", "I've got a dentist
 * appointment tomorrow". English schedules an event with "have" (or "have got") and its noun, in
 * a clause that points ahead in time: "tomorrow", "tonight", "next" and a word of time, or "this"
 * or "on" and a day of the week. Such an event is awaited as a prospect is (`met_prospects.ts`
 * reads the head of the noun phrase after "have"); once a newer memory tells it in the past it
 * took place ("The interview went well", "I had the interview") and the schedule is over.
 *
 * The time ahead and the "have" must be told in one clause: a clause ends at a mark
 * (`restated_amounts.ts`'s `CLAUSE_END`: a comma, a dash, a sentence's end) or a coordinator that
 * joins another clause ("I have two kids and next year we move to Leeds", "I have three kids,
 * next year the oldest starts school" schedule nothing). A clause that is only the time ahead
 * ("Next Friday, I have a job interview") lends it to the clause after it. What is had with a
 * count ("I have two exams") is possessed, not scheduled; so are kin and pets
 * ({@linkcode KEPT_STEMS}, which `met_prospects.ts` reads of the head).
 *
 * Bounds: the first {@linkcode SCHEDULES_READ} clauses pointing ahead are read, each from its
 * "have"; a clause that denies ("I don't have an interview tomorrow", "I have nothing on
 * tomorrow": {@linkcode denies}) schedules nothing.
 *
 * @module
 */
import { NEGATIONS } from "./negations.ts";
import { stem, words } from "./text.ts";
import { CLAUSE_END } from "./restated_amounts.ts";
import { KIN_WORDS } from "./query_kin.ts";
import { COUNT_WORDS, MONTHS, WEEKDAYS } from "./value_words.ts";

/** The days of the week and the words of time "next" points ahead with ("next month"). */
const DAYS = [...WEEKDAYS].join("|");
const NEXT_TIMES = `${DAYS}|week|weekend|month|year|term|spring|summer|autumn|winter|` +
  [...MONTHS].join("|");

/** A time ahead: "tomorrow", "tonight", "next <time>", "this <day>", "on <day>" (one day). */
const AHEAD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:tomorrow|tonight|next\\s+(?:${NEXT_TIMES})|` +
    `(?:this|on)\\s+(?:coming\\s+)?(?:${DAYS}))(?![\\p{L}\\p{N}])`,
  "iu",
);

/** "have", "has", "have got", "'ve got", "'s got": the verb an event is scheduled with. */
const HAVE = /(?:(?<![\p{L}\p{N}])(?:have|has)(?:\s+got)?|['’](?:ve|s)\s+got)\s+/giu;

/**
 * Where a clause ends: a mark (`CLAUSE_END`) or a coordinator joining another clause. The time
 * ahead and the event are told in one clause.
 */
export const CLAUSE_BREAK = new RegExp(
  `${CLAUSE_END.source}|\\s(?:and|but|or|so|because|while|whereas)\\s`,
  "iu",
);

/** A clause that is nothing but a time ahead ("Next Friday,"): it points the next one ahead. */
const ONLY_AHEAD = new RegExp(`^\\s*(?:${AHEAD.source})\\s*$`, "iu");

/** A count opening what is had ("two kids", "3 dogs"): a possession, not an event. */
const COUNTED = new RegExp(
  `^\\s*(?:\\d|(?:${COUNT_WORDS.join("|")})(?![\\p{L}\\p{N}]))`,
  "iu",
);

/** Animals kept as pets: "I have a cat" tells a possession whatever time follows. */
const PETS = "cat kitten dog puppy rabbit hamster guinea pig parrot budgie horse pony tortoise";

/** The stems of kin and pets: a head had as a possession, never as an event scheduled. */
export const KEPT_STEMS: ReadonlySet<string> = new Set(
  [...KIN_WORDS, ...PETS.split(" ")].map(stem),
);

/** Whether a clause denies: a word of `NEGATIONS`, or "nothing" ("I have nothing on"). */
export function denies(clause: string): boolean {
  return words(clause).some((word) => NEGATIONS.has(word) || word === "nothing");
}

/** The most clauses pointing ahead read of one text ({@linkcode scheduledPhrases}). */
export const SCHEDULES_READ = 8;

/**
 * The text after each "have" of a clause of `text` that points ahead in time and denies nothing:
 * where the noun phrase of a scheduled event starts ("Next Friday I have a job interview at a
 * design agency" → "a job interview at a design agency"). The first {@linkcode SCHEDULES_READ}
 * such clauses.
 */
export function scheduledPhrases(text: string): string[] {
  const phrases: string[] = [];
  let read = 0;
  let lent = false;
  for (const clause of text.split(CLAUSE_BREAK)) {
    const ahead = lent || AHEAD.test(clause);
    lent = ONLY_AHEAD.test(clause);
    if (!ahead) continue;
    if (++read > SCHEDULES_READ) break;
    if (denies(clause)) continue;
    for (const match of clause.matchAll(HAVE)) {
      const phrase = clause.slice(match.index + match[0].length);
      if (!COUNTED.test(phrase)) phrases.push(phrase);
    }
  }
  return phrases;
}
