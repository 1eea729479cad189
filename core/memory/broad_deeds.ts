/**
 * Two more shapes of a broad question about one subject (`broad_subject.ts`), both asking for
 * whatever the subject does rather than for one named thing:
 *
 * - the pro-verb "do" as the question's only verb: "what does Hayden do", "what do I do with
 *   Moira", "what do I do at Tollcross", "what have I done about my knees". "Do" stands for any
 *   deed, so the question asks for every deed of its subject (his job, his school, his driving
 *   test), or of the speaker with or at it;
 * - the idiom "what's X up to" ("what is Rafi up to", "what have the kids been up to").
 *
 * "What does my brother do?" is none: English asks a job so (`asksWhatOneDoes`), one fact.
 *
 * Such a question holds no word of what it wants to hear, as "tell me about X" holds none, and
 * is answered in the same order. "What do I do for a living?" is not one ("for a living" asks a
 * job, read as "for a job" by `plainQuery`), nor "what do I do every morning" (its time is asked
 * about) nor "what do I do to keep fit" (a purpose).
 *
 * @module
 */
import type { BroadSubject } from "./broad_subject.ts";
import { spokenWords } from "./chat_speak.ts";
import { FINITE_AUXILIARIES } from "./function_words.ts";
import { isHesitation } from "./hesitations.ts";
import { asksWhatOneDoes } from "./meaning/answer_types.ts";
import { STOPWORDS, termsOfWords, words } from "./text.ts";

/** The auxiliaries between "what" and the pro-verb ("what does he do", "what have I done"). */
const AUXILIARIES: ReadonlySet<string> = new Set([
  ...FINITE_AUXILIARIES,
  "s",
  "been",
  "re",
  "ve",
  "ll",
  "d",
]);

/** The forms of the pro-verb "do" after an auxiliary. */
const DO_FORMS: ReadonlySet<string> = new Set(["do", "done", "doing"]);

/** The prepositions that name whom or where a deed is with ("with Moira", "at church"). */
const DEED_PLACES: ReadonlySet<string> = new Set(["with", "at", "about", "together"]);

/**
 * The subject of a question that asks for all a subject does ("what does Hayden do": Hayden;
 * "what do I do with Moira": Moira) or is up to ("what's Rafi up to": Rafi), or undefined. The
 * subject must hold a content word ("what do I do" asks nothing of anyone in particular).
 * Dialect and texting spellings of function words read as what they stand for ("dae", "wi").
 */
export function broadDeeds(text: string): BroadSubject | undefined {
  const plain = spokenWords(words(text));
  const what = plain.indexOf("what");
  const opening = plain.slice(0, what);
  if (what < 0 || !opening.every((one) => STOPWORDS.has(one) || isHesitation(one))) {
    return undefined;
  }
  // "What does my brother do?" is English's question for a job (`asksWhatOneDoes`): one fact.
  if (asksWhatOneDoes(plain.slice(what))) return undefined;
  const rest = plain.slice(what + 1);
  if (rest.length < 2 || !AUXILIARIES.has(rest[0]!)) return undefined;
  // "what's Rafi up to", "what have the kids been up to".
  if (rest.at(-2) === "up" && rest.at(-1) === "to") {
    return subjectOf(rest.slice(1, -2));
  }
  // The pro-verb: the first "do" after the auxiliary ("what do I do"), after the subject.
  const verb = rest.findIndex((one, at) => at > 0 && DO_FORMS.has(one));
  if (verb < 0) return undefined;
  const after = rest.slice(verb + 1);
  if (after.length === 0) return subjectOf(rest.slice(1, verb));
  let place = 0;
  while (place < after.length && DEED_PLACES.has(after[place]!)) place++;
  // The doer and whom or where: "what does Tom do at Fairfield" asks of Tom at Fairfield.
  return place === 0 ? undefined : subjectOf([...rest.slice(1, verb), ...after.slice(place)]);
}

/** `words` as a broad question's subject, when they hold a content word. */
function subjectOf(words: readonly string[]): BroadSubject | undefined {
  const terms = [...new Set(termsOfWords(words))];
  return terms.length === 0 ? undefined : { text: words.join(" "), terms };
}
