/**
 * Events scheduled ahead (issue 9, session 49): "Next Friday I have a job interview at a design
 * agency", "User has an interview with the roads authority on Friday", "I've got a dentist
 * appointment tomorrow". English schedules an event with "have" (or "have got") and its noun, in
 * a clause that points ahead in time: "tomorrow", "tonight", "next" and a word of time, or "this"
 * or "on" and a day of the week. Such an event is awaited as a prospect is (`met_prospects.ts`
 * reads the head of the noun phrase after "have"); once a newer memory tells it in the past it
 * took place ("The interview went well", "I had the interview") and the schedule is over.
 *
 * Bounds: the first {@linkcode SCHEDULES_READ} clauses pointing ahead are read, each from its
 * "have"; a clause that denies ("I don't have an interview tomorrow") schedules nothing.
 *
 * @module
 */
import { NEGATIONS } from "./negations.ts";
import { words } from "./text.ts";

/** The days of the week and the words of time "next" points ahead with ("next month"). */
const DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const NEXT_TIMES = `${DAYS}|week|weekend|month|year|term|spring|summer|autumn|winter|` +
  "january|february|march|april|may|june|july|august|september|october|november|december";

/** A time ahead: "tomorrow", "tonight", "next <time>", "this <day>", "on <day>" (one day). */
const AHEAD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:tomorrow|tonight|next\\s+(?:${NEXT_TIMES})|` +
    `(?:this|on)\\s+(?:coming\\s+)?(?:${DAYS}))(?![\\p{L}\\p{N}])`,
  "iu",
);

/** "have", "has", "have got", "'ve got", "'s got": the verb an event is scheduled with. */
const HAVE = /(?:(?<![\p{L}\p{N}])(?:have|has)(?:\s+got)?|['’](?:ve|s)\s+got)\s+/giu;

/** A clause's end: the time ahead and the event are told in one clause. */
const CLAUSE_END = /[.!?;:\n]/;

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
  for (const clause of text.split(CLAUSE_END)) {
    if (!AHEAD.test(clause)) continue;
    if (++read > SCHEDULES_READ) break;
    if (words(clause).some((word) => NEGATIONS.has(word))) continue;
    for (const match of clause.matchAll(HAVE)) {
      phrases.push(clause.slice(match.index + match[0].length));
    }
  }
  return phrases;
}
