/**
 * A question that is a noun phrase headed by a general noun and nothing else ("car stuff", "my
 * health stuff", "my job details", "money things", "Elmhurst info"). General nouns (Halliday &
 * Hasan, *Cohesion in English*, 1976, §6.4: "thing", "stuff", ...) name no class of their own:
 * as a phrase's head they stand for whatever there is of what modifies them, so the phrase asks
 * for its modifier as a topic, what "tell me about my car" asks in full. Speech and search boxes
 * drop the frame, as they do for a name asked alone (`bare_names.ts`), so such a question is
 * broad about its words (`broad_subject.ts`): the lines that share "car" are mostly chit-chat
 * ("the heater in my car smells"), and the answers are the lines that tell the most beyond it
 * (its make, its MOT, its insurer).
 *
 * Not read so: a general noun that heads no phrase ("stuff", "my stuff": nothing modifies it), a
 * clause (a question word, a finite auxiliary or a personal pronoun: "where is the car stuff",
 * "I sorted the car stuff"), a question mark, or a phrase of more than
 * {@linkcode GENERAL_TOPIC_WORDS} words. Nouns that are also something else are no general nouns
 * here: "business" (a firm), "matters" (a verb: "the three quarters matters"), "plans" (plans
 * are a class: "holiday plans" asks for plans).
 *
 * @module
 */
import type { BroadSubject } from "./broad_subject.ts";
import { spokenWords } from "./chat_speak.ts";
import { FINITE_AUXILIARIES, PERSONAL_PRONOUNS, QUESTION_WORDS } from "./function_words.ts";
import { termsOfWords, words } from "./text.ts";

/** English's general nouns that head a topic phrase in chat and search boxes: a closed class. */
export const GENERAL_NOUNS: ReadonlySet<string> = new Set([
  "stuff",
  "thing",
  "things",
  "detail",
  "details",
  "info",
  "information",
  "news",
]);

/**
 * The most words of a general-noun phrase ("my own health stuff"); a longer text is a sentence
 * or a description of one thing, not a topic.
 */
export const GENERAL_TOPIC_WORDS = 4;

/**
 * The topic `text` asks about broadly when it is a noun phrase headed by a general noun (see the
 * module's documentation), or undefined. Its terms are the phrase's content words, the general
 * noun among them: a line holding "stuff" tells nothing by it.
 */
export function generalNounSubject(text: string): BroadSubject | undefined {
  if (text.includes("?")) return undefined;
  const plain = spokenWords(words(text));
  if (plain.length === 0 || plain.length > GENERAL_TOPIC_WORDS) return undefined;
  if (!GENERAL_NOUNS.has(plain.at(-1)!)) return undefined;
  if (plain.some((word) => QUESTION_WORDS.has(word) || FINITE_AUXILIARIES.has(word))) {
    return undefined;
  }
  if (plain.some((word) => PERSONAL_PRONOUNS.has(word))) return undefined;
  const terms = [...new Set(termsOfWords(plain))];
  // The general noun alone ("my stuff") names no topic.
  const topic = termsOfWords(plain.slice(0, -1));
  return topic.length === 0 ? undefined : { text: plain.join(" "), terms };
}
