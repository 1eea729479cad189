/**
 * Whether a memory tells of an event rather than a standing state, read from its grammar alone:
 * a verb in the past after its subject ("Felix relocated to Lisbon", "Hannah and I got married",
 * "My knee has healed", "a baby girl ... was born") or a date ("Since January ...", "last week",
 * "in March"). No list of verbs of change: a verb is in the past by its ending, or as one of
 * English's common irregular past forms (a closed class of the grammar). Ranking reads it for
 * two kinds of unlinked update (`unlinked_updates.ts`): a remark that opens with a name an older
 * standing fact names and tells an event of it ({@linkcode namedSubjectEvent}: "Grandpa Karl
 * died peacefully in his sleep" after "Grandpa Karl lives in a nursing home near the lake"), and
 * two remarks that open with a verb in the past, their subject left out as casual speech does
 * ({@linkcode opensWithVerb}: "got a part time job at the cinema", then "quit the cinema ...").
 * Any event after any standing fact about the same thing was measured and dropped (session 28:
 * "I tried a meat-free burger" is no update of "I am a vegetarian and never eat meat").
 *
 * @module
 */
import { terms, words } from "./text.ts";
import type { NameWords } from "./shared_names.ts";

/**
 * English's common irregular past forms (simple past or participle, whichever differs from the
 * base, and nine that are the base itself: bet, cost, hit, hurt, quit, set, shut, split, spread,
 * of {@linkcode BASE_EQUAL_PAST}): a closed class of the grammar, not a choice of verbs of change.
 */
export const IRREGULAR_PAST =
  "arose awoke was were bore born beat became began bent bet bit bled blew broke broken brought " +
  "built burnt bought caught chose chosen clung came cost crept dealt dug did done drew drawn " +
  "dreamt drank drunk drove driven ate eaten fell fallen fed felt fought found fled flew flown " +
  "forgot forgotten forgave froze frozen got gotten gave given went gone grew grown hung heard " +
  "hid hidden held hurt kept knelt knew known laid led leant learnt left lent lay lit lost made " +
  "meant met paid proved quit rode ridden rang rung rose risen ran said saw seen sought sold sent " +
  "set shook shaken shone shot shown shut sang sung sank sunk sat slept slid spoke spoken spent " +
  "spun split spread sprang stood stole stolen stuck stung struck swore swept swam swum swung " +
  "took taken taught tore torn told thought threw thrown understood woke woken wore worn won " +
  "wound wrote written hit";

/**
 * English's common verbs whose simple past is their base ("I hit", "Dad hit"): past only where
 * the present would have taken "-s", after "he", "she", "it" or a name (`told_tense.ts`).
 */
export const BASE_EQUAL_PAST = "bet cost cut hit hurt let put quit set shut split spread";

/**
 * A verb in the past right after its subject: a subject pronoun, a capitalised word (a name,
 * "Grandpa Karl"), an auxiliary of the perfect or of the passive ("has healed", "was born",
 * "I've been"), a word that joins two verbs of one subject ("... and graduated"), or an adverb
 * between subject and verb ("just turned", "finally hit"); then a word ending in "ed" (not
 * "-eed": "need", "feed") or an irregular past form.
 */
const PAST_VERB = new RegExp(
  "(?:(?<![\\p{L}\\p{N}'’])(?:i|we|he|she|they|it|who|and|has|have|had|was|were|just|finally|" +
    "recently|already|then)|['’](?:ve|d)|(?<![\\p{L}\\p{N}])\\p{Lu}\\p{L}*)\\s+" +
    `((?:\\p{Ll}{2,}(?<!e)ed)|(?:${IRREGULAR_PAST.split(" ").join("|")}))(?![\\p{L}\\p{N}])`,
  "gu",
);

const MONTHS = "january|february|march|april|may|june|july|august|september|october|" +
  "november|december";
const SEASONS = "spring|summer|autumn|fall|winter";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/**
 * A date of onset: a point in the past an event is dated to ("since January", "last month",
 * "in October", "in the spring", "this summer", "on Sunday", "two weeks ago") or an adverb of
 * the present that contrasts with before ("lately", "these days", "nowadays", "recently"). Not a
 * habit's time ("in the morning", "on Sundays", "every Saturday").
 */
const DATED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:since|last|in|this|in the|on|(?:this|last) past)\\s+` +
    `(?:${MONTHS}|${SEASONS})|(?:last|this|on)\\s+(?:${WEEKDAYS})|since\\s+\\p{L}+|` +
    `(?:last|this)\\s+(?:week|month|year|night|weekend)|ago|lately|recently|these\\s+days|` +
    `nowadays)(?![\\p{L}\\p{N}])`,
  "iu",
);

/** What {@linkcode toldEvent} reads of a text. */
export interface ToldEvent {
  /** The stems of its verbs in the past ("relocated" → `reloc`). */
  readonly verbs: readonly string[];
  /** Whether it dates an onset ({@linkcode DATED}). */
  readonly dated: boolean;
}

/** A verb in the past in a text: its stem and where the verb's word starts and ends. */
export interface PastVerb {
  readonly stem: string;
  readonly start: number;
  readonly end: number;
}

/** The verbs in the past `text` tells, each right after its subject ({@linkcode PAST_VERB}). */
export function pastVerbs(text: string): PastVerb[] {
  const found: PastVerb[] = [];
  for (const match of text.matchAll(PAST_VERB)) {
    const stem = terms(match[1]!)[0];
    if (stem === undefined) continue;
    const end = match.index + match[0].length;
    found.push({ stem, start: end - match[1]!.length, end });
  }
  return found;
}

/** The verbs in the past and the date of onset `text` tells ({@linkcode ToldEvent}). */
export function toldEvent(text: string): ToldEvent {
  return { verbs: pastVerbs(text).map((verb) => verb.stem), dated: DATED.test(text) };
}

/** Whether `event` tells an event at all: a verb in the past or a date of onset. */
export function tellsEvent(event: ToldEvent): boolean {
  return event.dated || event.verbs.length > 0;
}

const OPENING = /^[\s"“‘'(]*((?:\p{Lu}[\p{L}\p{N}'’-]*\s+)*\p{Lu}[\p{L}\p{N}'’-]*)/u;

/**
 * The folded words of the capitalised words a text opens with, its subject when a name ("Grandpa
 * Karl died ..." → `grandpa`, `karl`; "Felix relocated ..." → `felix`); none for "I".
 */
export function openingNames(text: string): string[] {
  const run = OPENING.exec(text)?.[1];
  if (run === undefined) return [];
  return run.split(/\s+/).filter((word) => word !== "I").map((word) => words(word)[0] ?? "")
    .filter((word) => word.length > 1);
}

/** Whether `text` opens with a capitalised word but "I" and tells an event ({@linkcode tellsEvent}). */
export function opensWithEvent(text: string, event: ToldEvent): boolean {
  return event.verbs.length > 0 && openingNames(text).length > 0;
}

/**
 * Whether a newer memory tells an event of a name an older one, stated as a standing fact,
 * names: it opens with the name, its subject ("Grandpa Karl died peacefully in his sleep" after
 * "Grandpa Karl lives in a nursing home near the lake"; "Felix relocated to Lisbon" after "My
 * brother Felix lives in Berlin"), and says a verb in the past the older one does not.
 */
export function namedSubjectEvent(
  older: { event: ToldEvent; terms: ReadonlySet<string>; names: NameWords },
  newer: { text: string; event: ToldEvent; names: NameWords },
): boolean {
  if (tellsEvent(older.event)) return false;
  if (!newer.event.verbs.some((verb) => !older.terms.has(verb))) return false;
  return openingNames(newer.text).some((word) =>
    older.names.has(word) && (older.names.get(word) || newer.names.get(word))
  );
}

/** Adverbs a remark told without its subject may open with ("finally hit diamond"). */
const OPENING_ADVERBS = new Set(["finally", "just", "already", "recently", "then", "also"]);

/**
 * Words after a capitalised opener that make it the subject, a name, not a verb told without
 * one: auxiliaries, copulas and modals ("Ahmed is my neighbour"); a verb in the past counts too
 * ("Fred got a new job", "United won the cup").
 */
const AFTER_SUBJECT = new Set([
  "is",
  "was",
  "has",
  "had",
  "will",
  "would",
  "can",
  "could",
  "does",
  "did",
  "s",
]);

/**
 * Whether `text` opens with a verb in the past, its subject left out as casual speech does
 * ("got a part time job at the cinema", "quit the cinema, working at the uni library now",
 * "FINALLY hit diamond"): a remark in the speaker's own voice without an "I". A word written
 * as a name, capitalised with lower case after, that a verb follows ("Fred got a new job",
 * "Ahmed is my neighbour"), or another such word ("Spirited Away"), is a subject or a title, not
 * a verb (review39 R7: "Fred", "Jared" and "Ahmed" end in "-ed").
 */
export function opensWithVerb(text: string): boolean {
  const found = text.match(/^[\s"“‘'(]*([\p{L}'’]+)(?:[\s'’]+([\p{L}'’]+))?/u);
  if (!found) return false;
  let word = found[1]!;
  let next = found[2];
  if (OPENING_ADVERBS.has(word.toLowerCase()) && next !== undefined) {
    word = next;
    next = text.slice(found[0].length).match(/^[\s'’]+([\p{L}'’]+)/u)?.[1];
  }
  if (!toldEvent(`I ${word.toLowerCase()}`).verbs.length) return false;
  return !(/^\p{Lu}\p{Ll}/u.test(word) && next !== undefined && namesSubject(next));
}

/** Whether `next`, the word after a capitalised opener, tells that the opener is a subject. */
function namesSubject(next: string): boolean {
  const folded = next.toLowerCase();
  // Any past form, a stop word's too ("won"), where `pastVerbs` keeps those with a term.
  return /^\p{Lu}/u.test(next) || AFTER_SUBJECT.has(folded) ||
    `I ${folded}`.match(PAST_VERB) !== null;
}
