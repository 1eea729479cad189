/**
 * An update told with no word of change (`unlinked_updates.ts`; session 29, recall22): a newer
 * memory that opens a sentence with what an older standing fact is about, as its subject, and
 * tells an event of it (a verb in the past, read from the grammar alone: `told_events.ts`).
 * "Hannah and I got married in June" after "My girlfriend Hannah and I have been together for six
 * years" (the fact's own subject); "My knee has healed completely" after "I have a torn ligament
 * in my right knee ..." (the head of the newer subject, a word of the fact). No verb is read for
 * its meaning: the event's place in the sentence and the fact's own words tell what it befalls,
 * and the fact being a standing state (no verb in the past, no date) tells that an event after it
 * may end it. Only the subject: an event's object the fact names was mostly chatter ("We grilled
 * chicken on the barbecue" after "We keep chickens in the back garden"; "We spent too much money
 * at the market" after "We are saving money for a holiday in Greece"), and so was a word of the
 * fact anywhere in the subject ("Our lawyer friend Daniel gave a funny speech" after "My wife
 * works as a lawyer ...").
 *
 * Only an event that befalls its subject (review39 R2): news of what the subject did to something
 * else ("My mom just visited us" after "My mom works as a nurse ...") tells nothing of the fact's
 * end, so an event whose verb takes an object is none ({@linkcode ActingEvent.object}).
 *
 * @module
 */
import { PERSONAL_POSSESSIVES } from "./function_words.ts";
import { isContentWord, stem, words } from "./text.ts";
import { pastVerbs, tellsEvent } from "./told_events.ts";
import { eventOfText, termSetOfText } from "./update_facts.ts";
import { rememberedByText } from "./text_memo.ts";
import { opensWithTime } from "./time_words.ts";

/** An event a text tells: its verb's stem and the terms of its subject, opening its sentence. */
export interface ActingEvent {
  readonly verb: string;
  /**
   * The terms of the words that open the verb's sentence up to the verb, when they are its
   * subject: nothing else in between but determiners, "and", "I" or "we", auxiliaries and
   * adverbs ("My knee has healed", "Hannah and I got married"); none when another word of
   * grammar comes first ("I sometimes visit the lake where Grandpa Karl taught me to fish": the
   * event is told inside a clause about something else).
   */
  readonly subject: readonly string[];
  /** The last term of each part of the subject ("Our third child, a baby girl named Ines"). */
  readonly heads: readonly string[];
  /**
   * Whether the verb acts on something else ({@linkcode actsOnObject}: "My mom just visited us",
   * "My brother just cooked an amazing dinner"), rather than telling what befell its subject
   * ("Grandpa Karl died peacefully", "My knee has healed completely", "Hannah and I got married").
   */
  readonly object: boolean;
}

/** A sentence's end: a subject opens the next. */
const SENTENCE_END = /[.!?;:\n]/;

/** Words of grammar a sentence's subject may hold: determiners, a pronoun's person. */
const SUBJECT_GRAMMAR: ReadonlySet<string> = new Set([
  "the",
  "a",
  "an",
  ...PERSONAL_POSSESSIVES,
  "its",
  "this",
  "that",
  "and",
  "i",
  "we",
]);
/** ... and between the subject and its verb: auxiliaries and short adverbs. */
const BEFORE_VERB: ReadonlySet<string> = new Set([
  ...SUBJECT_GRAMMAR,
  "has",
  "have",
  "had",
  "was",
  "were",
  "just",
  "then",
  "ve",
  "d",
]);

/**
 * Words that, right after a verb, open its object or what it reports: determiners and
 * possessives, object pronouns, a clause told ("complained that", "asked whether"), an aim
 * ("rang to moan"), an agent or a cause.
 */
const OBJECT_OPENERS: ReadonlySet<string> = new Set([
  ...SUBJECT_GRAMMAR,
  "these",
  "those",
  "some",
  "me",
  "us",
  "him",
  "them",
  "you",
  "it",
  "everyone",
  "everybody",
  "someone",
  "something",
  "whether",
  "if",
  "to",
  // What acted or was felt ("was tuned by a technician", "was impressed with my report"), and
  // an event told again, so no end of a state ("my laptop just crashed again").
  "by",
  "with",
  "again",
  // The verb was inside the subject ("the phone case I ordered is the wrong size").
  "is",
  "was",
  "are",
  "were",
]);
/**
 * Adverbs and particles that tell where the subject went, no object ("passed away", "moved
 * home", "moved out", "moved abroad"; review40 R2).
 */
const PARTICLES: ReadonlySet<string> = new Set(
  [
    "away",
    "home",
    "back",
    "abroad",
    "overseas",
    "out",
    "off",
    "apart",
    "together",
    "upstairs",
    "downstairs",
  ],
);
/** Verbs (stems) whose "out" is an outing, not an end ("Hanna and I went out for dinner"). */
const OUTINGS: ReadonlySet<string> = new Set(["went", "go", "head", "step", "ate", "eat"]);
/** Where an adverb or a participle ends: "peacefully", "married", "broken". */
const ADVERB_OR_PARTICIPLE = /(?:ly|ed|en)$/;
/** "to" and a name or a determiner: a place, not an aim ("rang to moan"). */
const TO_PLACE = /^\s*to\s+(?:\p{Lu}|(?:the|a|an|my|our|his|her|their)\s)/u;
/** How far after a verb its next word is looked for. */
const AFTER_VERB_CHARS = 40;

/**
 * Whether the verb ending at `end` acts on an object (review39 R2): its next word in the clause
 * opens one ({@linkcode OBJECT_OPENERS}), or is a content word that is no adverb or participle
 * ("baked cookies"). A preposition, an adverb or the clause's end tells what befell the subject
 * ("died in March", "has healed completely", "got married", "passed away"): an event that may end a standing
 * fact about it, where news of what it did ("just visited us", "just called to tell me") is not.
 */
function actsOnObject(text: string, verb: string, end: number): boolean {
  const after = text.slice(end, end + AFTER_VERB_CHARS);
  // A colon opens a list of what it acted on ("derby names I rejected: Sunny D, Solar Flare").
  if (after[0] === ":") return true;
  const clause = SENTENCE_END.test(after[0] ?? ".") ? [] : words(after.split(/[,.!?;:\n]/, 1)[0]!);
  const next = clause[0];
  // When it befell ("died yesterday", "has healed this month", "two weeks ago") is no object.
  if (next === undefined || opensWithTime(clause)) return false;
  // "to" and a place ("relocated to Lisbon", "to the coast") tells where the subject went.
  if (next === "to") return !TO_PLACE.test(after);
  // An outing, not an end ("Hanna and I went out for dinner"); "moved out" is one.
  if (next === "out") return OUTINGS.has(verb);
  if (PARTICLES.has(next)) return false;
  if (OBJECT_OPENERS.has(next) && next !== "and") return true;
  return isContentWord(next) && !ADVERB_OR_PARTICIPLE.test(next);
}

/** Words written in lower case that end like an adverb ("finally", "recently", "sadly"). */
const LOWER_ADVERB = /(?<![\p{L}\p{N}])\p{Ll}+ly(?![\p{L}\p{N}])/gu;

/**
 * The terms of `opening`'s words while they are all `allowed` grammar or content words. An adverb
 * after the subject's first word is none of it ("My old ThinkPad finally died", "the outback
 * finally died", "My grandpa recently passed away"): read as one, it became the subject's head,
 * and the fact's own word before it no longer did. Only a word in lower case, and never the
 * first ("Emily moved", "My family moved": a name or a noun).
 */
function openingTerms(opening: string, allowed: ReadonlySet<string>, whole: boolean): string[] {
  const found: string[] = [];
  const adverbs = new Set(opening.match(LOWER_ADVERB) ?? []);
  for (const word of words(opening)) {
    if (found.length > 0 && adverbs.has(word)) continue;
    if (isContentWord(word)) found.push(stem(word));
    else if (!allowed.has(word)) return whole ? [] : found;
  }
  return found;
}

/**
 * The longest opening, in characters, read as a subject: longer than any real one ("My
 * girlfriend Hannah and I", "Our third child, a baby girl named Ines"), and it bounds the work
 * per verb. A longer opening, as in a text with no sentence end, has no subject.
 */
export const SUBJECT_CHARS = 120;

/**
 * The events `text` tells ({@linkcode ActingEvent}), one for each verb in the past. The verbs come
 * in the text's order, so the sentence starts are walked forward once (review39 R1: walking back
 * from each verb, then reading all that opening, was quadratic in a text with no sentence end).
 */
export function actingEvents(text: string): ActingEvent[] {
  let walked = 0;
  let from = 0;
  return pastVerbs(text).map(({ stem: verb, start, end }) => {
    const object = actsOnObject(text, verb, end);
    for (; walked < start; walked++) if (SENTENCE_END.test(text[walked]!)) from = walked + 1;
    if (start - from > SUBJECT_CHARS) return { verb, subject: [], heads: [], object };
    const opening = text.slice(from, start);
    const subject = openingTerms(opening, BEFORE_VERB, true);
    const heads = subject.length === 0 ? [] : opening.split(/,|\band\b/i)
      .map((part) => openingTerms(part, BEFORE_VERB, false).at(-1))
      .filter((head): head is string => head !== undefined);
    return { verb, subject, heads, object };
  });
}

/** {@linkcode actingEvents} of a text, remembered. */
export const actingEventsOfText: (text: string) => readonly ActingEvent[] = rememberedByText(
  actingEvents,
  { everyCandidate: true },
);

/** The terms of the words `text` opens with, up to its first word of grammar past a subject. */
export function openingSubject(text: string): string[] {
  return openingTerms(text.split(SENTENCE_END, 1)[0]!, SUBJECT_GRAMMAR, false);
}

/** {@linkcode openingSubject} of a text, remembered; asked of every older contender of a pair. */
export const openingSubjectOfText: (text: string) => readonly string[] = rememberedByText(
  openingSubject,
  { everyCandidate: true },
);

/**
 * Whether `newer` tells an event of what `older`, a standing fact, is about: `older` tells no
 * event itself (`tellsEvent`), and `newer` opens a sentence with a subject that holds a word of
 * `older`'s opening subject ({@linkcode openingSubject}), then a verb in the past `older` does not
 * say ("Our cat Pepper is sixteen and almost completely deaf", then "Pepper died peacefully in her
 * sleep"; "My girlfriend Hannah and I have been together for six years", then "Hannah and I got
 * married in June").
 */
export function eventOnFact(older: string, newer: string): boolean {
  if (tellsEvent(eventOfText(older))) return false;
  const opening = openingSubjectOfText(older);
  const fact = termSetOfText(older);
  return actingEventsOfText(newer).some(({ verb, subject, heads, object }) =>
    !object && !fact.has(verb) &&
    (subject.some((term) => opening.includes(term)) || heads.some((head) => fact.has(head)))
  );
}
