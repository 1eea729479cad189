/**
 * An event that ends what a standing fact is about (`unlinked_updates.ts`): a death, a parting,
 * a retirement, a healing, told of the fact's own subject with no word of change ("Pepper died
 * peacefully in her sleep" after "Our cat Pepper is sixteen and almost completely deaf"; "the
 * outback finally died on highway 61" after "I drive a rusty 2009 subaru outback"; "Biscuit
 * passed away in October" after "We have an old beagle named Biscuit"). Such a newer memory
 * shares little of its words or meaning with the fact (what follows the end, a burial, a new
 * car, aligns with nothing of it) and may match the question poorly ("Is Biscuit still alive?"),
 * yet it is the fact's update: the verb says the state is over, and its subject's head is a word
 * of the fact. News of another kind about the same name ("Claire took up pilates" after "My
 * daughter Claire lives in Leeds") adds to the fact and is none.
 *
 * @module
 */
import { actingEventsOfText } from "./fact_events.ts";
import type { ChangeWord } from "./change_words.ts";
import { tellsEvent } from "./told_events.ts";
import { eventOfText, termSetOfText } from "./update_facts.ts";

/**
 * The stems of verbs that, told of a subject with no object, end its state: death ("died",
 * "passed away"), parting ("split up", "broke up", "divorced"), the end of work ("retired") or
 * of an illness or injury ("healed", "recovered"). With an object they act on something else
 * ("passed the exam", "split the bill", "broke my wrist": `ActingEvent.object`).
 */
export const ENDING_VERBS: ReadonlySet<string> = new Set([
  "di",
  "pass",
  "split",
  "broke",
  "divorc",
  "retir",
  "heal",
  "recov",
]);

/**
 * The stems of {@linkcode ENDING_VERBS} that end a state two hold together, a parting ("split up",
 * "broke up", "divorced"). Told of several ("Mum and Dad split up"), it ends what they shared, a
 * fact naming each of them ("Mum and Dad run a B&B"), not one's own ("Dad's spaniel Moss is scared
 * of the hoover", "Mum worked at the Apoteket"): each part of the subject's head must be a word of
 * the fact.
 */
export const PARTING_VERBS: ReadonlySet<string> = new Set(["split", "broke", "divorc"]);

/** Whether `text` tells an ending event ({@linkcode ENDING_VERBS}, no object) of anything. */
export function tellsEnding(text: string): boolean {
  return actingEventsOfText(text).some(({ verb, object }) => !object && ENDING_VERBS.has(verb));
}

/**
 * Whether `newer` tells an ending event ({@linkcode ENDING_VERBS}, no object) whose subject's head
 * (the last word of a part of its subject) is a word of `older`, a standing fact (no event told
 * itself: `tellsEvent`).
 */
export function endsFact(older: string, newer: string): boolean {
  if (!tellsEnding(newer) || tellsEvent(eventOfText(older))) return false;
  const fact = termSetOfText(older);
  return actingEventsOfText(newer).some(({ verb, heads, object }) =>
    !object && ENDING_VERBS.has(verb) &&
    (PARTING_VERBS.has(verb) && heads.length > 1
      ? heads.every((head) => fact.has(head))
      : heads.some((head) => fact.has(head)))
  );
}

/**
 * The change words of `newer` that can tell a change of `older` (`update_pairs.ts`'s `told`): a
 * word of parting ("divorced", "broke up": {@linkcode PARTING_VERBS}) told of several ("Mum and
 * Dad divorced") tells the end of what they shared, so it changes only a fact naming each of them,
 * as {@linkcode endsFact} reads it, not one's own ("Dad's spaniel Moss is scared of the hoover").
 * `told` are `newer`'s change words (`toldChangesOfText`); returned as they are when no such
 * parting is told.
 */
export function changesOfFact(
  told: readonly ChangeWord[],
  texts: { older: string; newer: string },
): readonly ChangeWord[] {
  if (!told.some(({ stems }) => PARTING_VERBS.has(stems[0] ?? ""))) return told;
  const fact = termSetOfText(texts.older);
  const apart = actingEventsOfText(texts.newer).some(({ verb, heads, object }) =>
    !object && PARTING_VERBS.has(verb) && heads.length > 1 &&
    !heads.every((head) => fact.has(head))
  );
  return apart ? told.filter(({ stems }) => !PARTING_VERBS.has(stems[0] ?? "")) : told;
}
