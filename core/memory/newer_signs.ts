/**
 * Whether a compared memory (`update_contenders.ts`) can be the newer one of any pair of the
 * pairing of facts and their unlinked updates (`update_pairs.ts`), read once per contender and
 * search before its pairs are read (perf77): a newer memory replaces an older one only when it
 * tells something of it, and each thing `replacingMeaning` can take as told needs a sign in the
 * newer text alone:
 *
 * - a change that is no addition, an ending, a move, the persona's deed on its own thing, a slot
 *   or a value stated (its update kinds, `update_kinds.ts`);
 * - a number, a number reached or an amount stated (a new number, a measure's new value, an
 *   amount restated: `new_numbers.ts`, `restated_amounts.ts`);
 * - an event befalling its subject (`eventOnFact` reads only the events acting on no object);
 * - a choice settled (`settlesChoice` reads only the names a word of settling names);
 * - for a question about now, a verb of an event told (`namedEvent`).
 *
 * A memory with none of them fails every pair where it is the newer one (`replacingMeaning`
 * returns at its "no change told" or "no way to be an update" test), whatever the older one, the
 * voices, the query and the overlap: those pairs are not read at all. Roughly two of every five
 * pairs a search compares are such (the open recall sets), each a dozen memo lookups. The one
 * exception is a prospect met ("We finally had the barbecue" after "saving up for a barbecue":
 * `met_prospects.ts`), a change told by no sign of the newer text alone: `findUnlinkedUpdates`
 * reads such a pair when the older memory awaits what the newer one meets, and no other pair of
 * an awaiting memory (session 50).
 *
 * @module
 */
import { actingEventsOfText } from "./fact_events.ts";
import { statedAmountsOfText } from "./restated_amounts.ts";
import { settledNames } from "./settled_choices.ts";
import { rememberedByText } from "./text_memo.ts";
import { eventOfText, numbersOfText, reachedNumbersOfText } from "./update_facts.ts";
import {
  DEED_KIND,
  ENDING_KIND,
  MOVE_KIND,
  REPLACEMENT_KIND,
  SLOT_KIND,
  VALUE_KIND,
} from "./update_kinds.ts";

/** The update kinds any of which a newer memory may be an update by (`update_kinds.ts`). */
export const TELLING_KINDS = REPLACEMENT_KIND | SLOT_KIND | VALUE_KIND | ENDING_KIND | MOVE_KIND |
  DEED_KIND;

/** A number, a number reached or an amount stated. */
export const NUMBER_SIGN = 1;
/** An event acting on no object (what `eventOnFact` reads). */
export const EVENT_SIGN = 2;
/** A name a word of settling names (what `settlesChoice` reads). */
export const SETTLING_SIGN = 4;
/** A verb of an event told (what `namedEvent` reads, for a question about now only). */
export const VERB_SIGN = 8;

/** The signs (`*_SIGN`) of an update `text` gives beyond its update kinds. */
export function newerSigns(text: string): number {
  let signs = 0;
  if (
    numbersOfText(text).size > 0 || reachedNumbersOfText(text).size > 0 ||
    statedAmountsOfText(text).length > 0
  ) signs |= NUMBER_SIGN;
  if (actingEventsOfText(text).some((event) => !event.object)) signs |= EVENT_SIGN;
  if (settledNames(text).length > 0) signs |= SETTLING_SIGN;
  if (eventOfText(text).verbs.length > 0) signs |= VERB_SIGN;
  return signs;
}

/**
 * {@linkcode newerSigns} of a text, remembered (one lookup per contender and search). Worked out
 * ahead when a memory is stored and in idle time (`everyCandidate`): read cold, its six readings
 * cost ~20 µs a text, which a search over memories it has not seen yet paid for each contender.
 */
export const newerSignsOfText: (text: string) => number = rememberedByText(newerSigns, {
  everyCandidate: true,
});

/**
 * Whether a memory whose text has update kinds `kinds` (`updateKindsOfText`) may be the newer
 * one of a pair: a kind in {@linkcode TELLING_KINDS} or a sign of {@linkcode newerSigns} (the
 * verb of an event only when the query asks how things are now, `current`). The signs are read
 * only when no kind decides.
 */
export function mayTellUpdate(
  contender: { kinds: number; text: string },
  current: boolean | undefined,
): boolean {
  if ((contender.kinds & TELLING_KINDS) !== 0) return true;
  const signs = newerSignsOfText(contender.text);
  return (signs & (NUMBER_SIGN | EVENT_SIGN | SETTLING_SIGN)) !== 0 ||
    (current === true && (signs & VERB_SIGN) !== 0);
}
