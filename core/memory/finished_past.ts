/**
 * A past the text itself marks as over, for a question about now. A question in the present with
 * "is" ("where's the gig", "who is Priya's best mate", "how's Dad's knee") asks how things are now;
 * `told_tense.ts` leaves such questions alone because a past event may have set the value asked
 * ("Mila just turned five"). But English has a closed set of adverbials that put a past at a time
 * well before now, or say outright that it no longer holds: "used to", "N years ago", "last
 * year" (or a season), "in 2015", "when I was nine", "as a kid". A line told only in the past
 * (`toldOnlyInPast`: no verb in the present, no beginning, no update of any kind) that holds one
 * tells how things were then ("The Low Tides' first gig was at the Greystones three years ago",
 * "Priya's best friend used to be Ruby", "Dad's hip was done in 2015"), and loses
 * {@linkcode PAST_TOLD} for such a question, as a past line does for a habit asked.
 *
 * Only year-scale times count: "yesterday", "last week" or "last month" often report the value
 * that holds now ("BP at the GP yesterday was 132/84" answers "what's my blood pressure").
 *
 * A year is over only when it is before the year the line was told ("the wedding is booked for
 * June in 2027", told in 2026, is still ahead), and a line naming a year not yet over keeps its
 * datings whole; a contrast with now ("used to", "as a kid") counts alone. A question that asks
 * how the speaker knows someone ("who is Priya?", `relation_ties.ts`) asks no "now"
 * (`text_factors.ts`): a past tie is how they know them.
 *
 * @module
 */
import { broadSubject } from "./broad_subject.ts";
import {
  PAST_TOLD,
  tellsPastAnywhere,
  TENSE_WORDS,
  tenseOf,
  toldOnlyInPast,
} from "./told_tense.ts";
import { rememberedByText } from "./text_memo.ts";
import type { MemoryRecord } from "./schema.ts";

/** How many characters of a text are searched for a finished time: a long text costs no more. */
export const FINISHED_CHARS = 2_000;

/** The counts English puts before "years ago" ("three years ago", "a few years ago"). */
const COUNT =
  String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|` +
  String.raw`twenty|thirty|forty|fifty|few|a few|several|many|some|a couple of|couple of)`;

/**
 * The adverbials that say outright that a past no longer holds, contrasting then with now: "used
 * to"; "when I was ...", "when we were ..."; "as a kid", "as a child", "as a teenager". Each is
 * grammar (a closed class of time words), none a topic's word.
 */
const CONTRASTIVE = new RegExp(
  String.raw`\bused to\b|\bwhen (?:i|we|he|she|they) (?:was|were)\b|` +
    String.raw`\bas (?:a|an) (?:kid|child|boy|girl|teenager|teen|baby|student)\b`,
  "u",
);

/**
 * The adverbials that put a past well before now: "N years ago", "years ago", "decades ago";
 * "last year" or "last" and a season. They date an event; they count as over only in a line
 * that names no year still running or ahead ({@linkcode YEAR}).
 */
const DATING = new RegExp(
  String.raw`\b(?:${COUNT} )?(?:years|decades|year|decade) ago\b|` +
    String.raw`\blast (?:year|summer|winter|spring|autumn|fall)\b`,
  "u",
);

/** A year after "in" ("in 2015", "back in 1998"): over only when before the year the line was told. */
const YEAR = /\b(?:in|back in) ((?:19|20)\d\d)\b/gu;

/** What a text told only in the past marks: a contrast with now, a dating, the years it names. */
interface PastMarks {
  readonly contrastive: boolean;
  readonly dating: boolean;
  readonly years: readonly number[];
}

const UNMARKED: PastMarks = { contrastive: false, dating: false, years: [] };

/** The finished times `text` marks, when it is told only in the past; else none. */
const pastMarksOf = rememberedByText((text): PastMarks => {
  if (!toldOnlyInPast(text)) return UNMARKED;
  const folded = foldedStart(text);
  // The start is at most FINISHED_CHARS long, so the years read are bounded too.
  const years = [...folded.matchAll(YEAR)].map((match) => Number(match[1]));
  return { contrastive: CONTRASTIVE.test(folded), dating: DATING.test(folded), years };
});

/**
 * Whether a line with `marks`, told in the year `toldYear`, is told as over: a contrast with now
 * counts alone; a dating or a year counts when every year the line names is before the year it
 * was told ("the wedding is booked for June in 2027", told in 2026, is still ahead).
 */
function toldAsFinished(marks: PastMarks, toldYear: number): boolean {
  if (marks.contrastive) return true;
  if (!marks.dating && marks.years.length === 0) return false;
  return marks.years.every((year) => year < toldYear);
}

function foldedStart(text: string): string {
  return text.slice(0, FINISHED_CHARS).toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, " ");
}

const HAVE: ReadonlySet<string> = new Set(["have", "has"]);
/** The present of "do" that carries a lexical verb: a habit asked, `asksHabit`'s business. */
const DO_SUPPORT: ReadonlySet<string> = new Set(
  "do does don't doesn't dont doesnt".split(" "),
);
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
/**
 * The modifiers that name a past period of their noun ("my favourite childhood film", "my old
 * school", "her former boss"): a closed set of temporal adjectives, and a question with one asks
 * about then, whose answer is told as over.
 */
const PAST_PERIODS: ReadonlySet<string> = new Set(
  "childhood boyhood girlhood youth teenage former previous old earliest ex".split(" "),
);

/**
 * Whether `query` asks how something is now with a present "be" ("where's the gig", "how is
 * Dad's knee"): told in the present (`tenseOf`), with no "do" (a habit: `asksHabit`), no
 * "have" (a past getting answers "have I got a bike"), no past in any clause, no past period
 * named ("what's my favourite childhood film") and not broad (`broad_subject.ts`: "what do I
 * know about Kit" asks what happened too).
 */
export function asksNow(query: string): boolean {
  if (tenseOf(query, true) !== "present" || broadSubject(query) !== undefined) return false;
  const folded = (query.toLowerCase().replace(/’/g, "'").match(TOKEN) ?? []).slice(0, TENSE_WORDS);
  return !folded.some((word) => DO_SUPPORT.has(word) || HAVE.has(word) || PAST_PERIODS.has(word)) &&
    !tellsPastAnywhere(folded);
}

/**
 * The factor a memory gets for a question that asks about now ({@linkcode asksNow}): 1 −
 * {@linkcode PAST_TOLD} when its `content` is told only in the past at a time it marks as over
 * (a year counts only when before the year of its `created_at`); else 1.
 */
export function finishedPastFactor(
  now: boolean,
  memory: Pick<MemoryRecord, "content" | "created_at">,
): number {
  if (!now) return 1;
  const marks = pastMarksOf(memory.content);
  if (marks === UNMARKED) return 1;
  // An unreadable time (never stored so) counts every named year as over, as before the check.
  const toldYear = new Date(memory.created_at).getUTCFullYear();
  return toldAsFinished(marks, Number.isNaN(toldYear) ? Infinity : toldYear) ? 1 - PAST_TOLD : 1;
}
