/**
 * Session 28's readings of a fact and its unlinked update (`unlinked_updates.ts`), each of the
 * texts' grammar and remembered by text (`update_facts.ts`):
 *
 * - a remark that opens with a name an older standing fact names, telling an event of it
 *   ({@linkcode namedEvent}: "Grandpa Karl died peacefully in his sleep" after "Grandpa Karl
 *   lives in a nursing home near the lake"), for a question about now;
 * - two remarks told without their subject, each opening with a verb in the past, the speaker's
 *   own in casual speech ({@linkcode sameOwnerUntold}: "got a part time job at the cinema", then
 *   "quit the cinema, working at the uni library help desk now instead");
 * - a change befalling a word the question asks about and the older memory says
 *   ({@linkcode changeOnQuery}: "I stopped going to the food bank" for "Do I volunteer at the food
 *   bank?").
 *
 * @module
 */
import { changeOnAsked } from "./change_clauses.ts";
import { namedSubjectEvent, opensWithEvent, opensWithVerb } from "./told_events.ts";
import {
  changeClausesOfText,
  changeStemsOfText,
  eventOfText,
  namesOfText,
  termSetOfText,
} from "./update_facts.ts";
import { namesSomeoneElse } from "./someone_else.ts";
import { tellsOfRelative } from "./query_kin.ts";
import { openingSubjectOfText } from "./fact_events.ts";

/** Whether `text` opens with a capitalised word and tells a verb in the past (`opensWithEvent`). */
export function opensWithNamedEvent(text: string): boolean {
  return opensWithEvent(text, eventOfText(text));
}

/** Whether `newer` opens with a name `older` names, and tells an event of it (`namedSubjectEvent`). */
export function namedEvent(older: string, newer: string): boolean {
  return namedSubjectEvent(
    { event: eventOfText(older), terms: termSetOfText(older), names: namesOfText(older) },
    { text: newer, event: eventOfText(newer), names: namesOfText(newer) },
  );
}

/** Whether both texts open with a verb in the past, their subject (the speaker) left out. */
export function sameOwnerUntold(older: string, newer: string): boolean {
  return opensWithVerb(older) && opensWithVerb(newer);
}

/** Whether `newer`'s change befalls a query term `older` says too (`changeOnAsked`). */
export function changeOnQuery(
  older: string,
  newer: string,
  queryTerms: readonly string[] | undefined,
): boolean {
  return queryTerms !== undefined &&
    changeOnAsked(changeClausesOfText(newer), termSetOfText(older), queryTerms);
}

/**
 * Whether `newer` tells of a relative (`tellsOfRelative`) whom `older`, a memory about the
 * persona itself, does not name (`namesSomeoneElse`): no update of it (session 26).
 */
export function ofRelativeOnly(older: string, newer: string): boolean {
  return tellsOfRelative(newer) && !tellsOfRelative(older) && namesSomeoneElse(older, newer);
}

/**
 * Whether a change of `newer` changes what `older` told of: a change word or phrase `older` does
 * not say whose object (the head right after it) or subject (the word right before it) `older`
 * says ("I left the robotics company" after "I work ... at a company that builds farming robots";
 * "Dario moved out" after "I share a flat with my cousin Dario").
 */
export function changesFact(older: string, newer: string): boolean {
  const terms = termSetOfText(older);
  return changeStemsOfText(newer).some(({ stems, direct, subject }) =>
    stems.length > 0 && !stems.every((term) => terms.has(term)) &&
    ((direct !== undefined && terms.has(direct)) || (subject !== undefined && terms.has(subject)))
  );
}

const PRONOUN_OPENING = /^[\s"“‘'(]*(?:i|we|you|he|she|they|it)(?![\p{L}\p{N}])/iu;

/**
 * Whether a change of `newer` acts on what `older` opens with as its subject: the change word's
 * direct object (the head right after it) is a term of `older`'s opening subject (`openingSubject`), a word
 * `newer`'s change does not itself say in `older` ("we moved mom to St Ann's in Hermantown" after
 * "mom (Ingrid) is in memory care at Lakeside Manor"; "switched therapists, I see Beth Kowalski"
 * after "my therapist is dr. yusuf"; "dropped my phone ... I'm on an iphone 15 now" after "my
 * phone is an ancient pixel 4a"). What the change leads to (a new place, person, model) aligns
 * with nothing of the old fact, so the two share little else; the fact's subject tells what the
 * change befalls.
 */
export function changesSubjectOf(older: string, newer: string): boolean {
  // After "I" or "we" the opening words are the verb and what it says, not a subject.
  if (PRONOUN_OPENING.test(older)) return false;
  const opening = openingSubjectOfText(older);
  if (opening.length === 0) return false;
  const terms = termSetOfText(older);
  return changeStemsOfText(newer).some(({ stems, direct }) =>
    stems.length > 0 && !stems.every((term) => terms.has(term)) &&
    direct !== undefined && opening.includes(direct)
  );
}
