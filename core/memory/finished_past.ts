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

/** How many characters of a text are searched for a finished time: a long text costs no more. */
export const FINISHED_CHARS = 2_000;

/** The counts English puts before "years ago" ("three years ago", "a few years ago"). */
const COUNT =
  String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|` +
  String.raw`twenty|thirty|forty|fifty|few|a few|several|many|some|a couple of|couple of)`;

/**
 * The adverbials that mark a past as over: "used to"; "N years ago", "years ago", "decades ago";
 * "last year" or "last" and a season; "in 2015", "back in 1998"; "when I was ...", "when we were
 * ..."; "as a kid", "as a child", "as a teenager". Each is grammar (a closed class of time
 * words), none a topic's word.
 */
const FINISHED = new RegExp(
  String.raw`\bused to\b|\b(?:${COUNT} )?(?:years|decades|year|decade) ago\b|` +
    String.raw`\blast (?:year|summer|winter|spring|autumn|fall)\b|` +
    String.raw`\b(?:in|back in) (?:19|20)\d\d\b|` +
    String.raw`\bwhen (?:i|we|he|she|they) (?:was|were)\b|` +
    String.raw`\bas (?:a|an) (?:kid|child|boy|girl|teenager|teen|baby|student)\b`,
  "u",
);

/** Whether `text` is told only in the past at a time its own words mark as over. */
const toldAsFinished = rememberedByText(
  (text) => toldOnlyInPast(text) && FINISHED.test(foldedStart(text)),
);

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
 * Whether `query` asks how something is now with a present "be" ("where's the gig", "how is
 * Dad's knee"): told in the present (`tenseOf`), with no "do" (a habit: `asksHabit`), no
 * "have" (a past getting answers "have I got a bike"), no past in any clause and not broad
 * (`broad_subject.ts`: "what do I know about Kit" asks what happened too).
 */
export function asksNow(query: string): boolean {
  if (tenseOf(query, true) !== "present" || broadSubject(query) !== undefined) return false;
  const folded = (query.toLowerCase().replace(/’/g, "'").match(TOKEN) ?? []).slice(0, TENSE_WORDS);
  return !folded.some((word) => DO_SUPPORT.has(word) || HAVE.has(word)) &&
    !tellsPastAnywhere(folded);
}

/**
 * The factor a memory's `content` gets for a question that asks about now ({@linkcode asksNow}):
 * 1 − {@linkcode PAST_TOLD} when it is told only in the past at a time it marks as over; else 1.
 */
export function finishedPastFactor(now: boolean, content: string): number {
  return now && toldAsFinished(content) ? 1 - PAST_TOLD : 1;
}
