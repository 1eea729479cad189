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
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { pastVerbs, tellsEvent } from "./told_events.ts";
import { eventOfText, termSetOfText } from "./update_facts.ts";
import { rememberedByText } from "./text_memo.ts";

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
}

/** A sentence's end: a subject opens the next. */
const SENTENCE_END = /[.!?;:\n]/;

/** Words of grammar a sentence's subject may hold: determiners, a pronoun's person. */
const SUBJECT_GRAMMAR: ReadonlySet<string> = new Set([
  "the",
  "a",
  "an",
  "my",
  "our",
  "your",
  "his",
  "her",
  "their",
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

/** The terms of `opening`'s words while they are all `allowed` grammar or content words. */
function openingTerms(opening: string, allowed: ReadonlySet<string>, whole: boolean): string[] {
  const found: string[] = [];
  for (const word of words(opening)) {
    if (isContentWord(word)) found.push(stem(word));
    else if (!allowed.has(word)) return whole ? [] : found;
  }
  return found;
}

/** The events `text` tells ({@linkcode ActingEvent}), one for each verb in the past. */
export function actingEvents(text: string): ActingEvent[] {
  return pastVerbs(text).map(({ stem: verb, start }) => {
    let from = start;
    while (from > 0 && !SENTENCE_END.test(text[from - 1]!)) from--;
    const opening = text.slice(from, start);
    const subject = openingTerms(opening, BEFORE_VERB, true);
    const heads = subject.length === 0 ? [] : opening.split(/,|\band\b/i)
      .map((part) => words(part).filter(isContentWord).map(stem).at(-1))
      .filter((head): head is string => head !== undefined);
    return { verb, subject, heads };
  });
}

/** {@linkcode actingEvents} of a text, remembered. */
export const actingEventsOfText: (text: string) => readonly ActingEvent[] = rememberedByText(
  actingEvents,
);

/** The terms of the words `text` opens with, up to its first word of grammar past a subject. */
export function openingSubject(text: string): string[] {
  return openingTerms(text.split(SENTENCE_END, 1)[0]!, SUBJECT_GRAMMAR, false);
}

/** {@linkcode openingSubject} of a text, remembered. */
export const openingSubjectOfText: (text: string) => readonly string[] = rememberedByText(
  openingSubject,
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
  return actingEventsOfText(newer).some(({ verb, subject, heads }) =>
    !fact.has(verb) &&
    (subject.some((term) => opening.includes(term)) || heads.some((head) => fact.has(head)))
  );
}
