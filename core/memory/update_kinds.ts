/**
 * What kinds of update a memory's text may tell, read once per text into one small number of bit
 * flags (remembered by text: `text_memo.ts`): a word of change ({@linkcode CHANGE_KIND}), a change
 * that is no addition ({@linkcode REPLACEMENT_KIND}), an ending ({@linkcode ENDING_KIND}), a move
 * ({@linkcode MOVE_KIND}), the persona altering a thing of its own ({@linkcode DEED_KIND}), a
 * restated slot ({@linkcode SLOT_KIND}), the persona's own change ({@linkcode OWN_CHANGE_KIND}) and
 * a change of a name ({@linkcode NAMED_CHANGE_KIND}). Search asks these of every candidate and every pair's
 * contender, search after search; one lookup per text in place of one per test (each a lookup of
 * its own memo, and for an ending a walk of the text's events) pays for the tests added to it
 * (session 31: the altered-thing test cost 1.5-3 % of a recall read by a memo of its own).
 *
 * @module
 */
import { tellsReplacement } from "./additions.ts";
import { tellsOwnDeed } from "./altered_things.ts";
import { tellsEnding } from "./ending_events.ts";
import { tellsMove } from "./moved_home.ts";
import { tellsOwnChange } from "./own_changes.ts";
import { tellsNamedChange } from "./named_changes.ts";
import { tellsChange } from "./query_now.ts";
import { statesSlot } from "./stated_slot.ts";
import { statesValue } from "./stated_values.ts";
import { rememberedByText } from "./text_memo.ts";

/** A word or phrase of change (`tellsChange`). */
export const CHANGE_KIND = 1;
/** A change that is no addition (`tellsReplacement`). */
export const REPLACEMENT_KIND = 2;
/** An event that ends its subject's state (`tellsEnding`, `ending_events.ts`). */
export const ENDING_KIND = 4;
/** A move of its subject to a place (`tellsMove`, `moved_home.ts`). */
export const MOVE_KIND = 8;
/** The persona altering or undoing a deed on a thing of its own (`tellsOwnDeed`). */
export const DEED_KIND = 16;
/** A single-valued slot stated (`statesSlot`, `restated_slots.ts`). */
export const SLOT_KIND = 32;
/** A change the persona tells of its own (`tellsOwnChange`, `own_changes.ts`). */
export const OWN_CHANGE_KIND = 64;
/** A change acting on a name the text says (`tellsNamedChange`, `named_changes.ts`). */
export const NAMED_CHANGE_KIND = 128;
/** A value of a thing stated: a date, a day of the week, an ordinal, a rate (`stated_values.ts`). */
export const VALUE_KIND = 256;

/** The update kinds `text` may tell, as bit flags (the `*_KIND` constants). */
export function updateKinds(text: string): number {
  let kinds = 0;
  if (tellsChange(text)) {
    kinds |= CHANGE_KIND;
    if (tellsReplacement(text)) kinds |= REPLACEMENT_KIND;
    if (tellsOwnChange(text)) kinds |= OWN_CHANGE_KIND;
    if (tellsNamedChange(text)) kinds |= NAMED_CHANGE_KIND;
  }
  if (tellsEnding(text)) kinds |= ENDING_KIND;
  if (tellsMove(text)) kinds |= MOVE_KIND;
  if (tellsOwnDeed(text)) kinds |= DEED_KIND;
  if (statesSlot(text)) kinds |= SLOT_KIND;
  if (statesValue(text)) kinds |= VALUE_KIND;
  return kinds;
}

/** {@linkcode updateKinds} of a text, remembered (one lookup for every test of a candidate). */
export const updateKindsOfText: (text: string) => number = rememberedByText(updateKinds, {
  everyCandidate: true,
});
