/**
 * The readings `update_pairs.ts` makes of one pair of contenders (`update_contenders.ts`), each
 * made once and only when the pair gets that far: a contender's names and numbers, whether the
 * newer one ends or moves what the older one is about, acts on it, or tells a change of it.
 *
 * @module
 */
import type { NameWords } from "./shared_names.ts";
import type { NumbersByUnit } from "./new_numbers.ts";
import { changesFrom } from "./change_words.ts";
import { openingSubjectOfText } from "./fact_events.ts";
import { changesOfFact, endsFact } from "./ending_events.ts";
import { movedAway } from "./moved_home.ts";
import { ENDING_KIND, MOVE_KIND } from "./update_kinds.ts";
import { settlesChoice } from "./settled_choices.ts";
import { actsOn } from "./acting_updates.ts";
import { changeOnQuery, sameOwnerUntold } from "./update_evidence.ts";
import { sharesName } from "./shared_names.ts";
import {
  changeStemsOfText,
  namesOfText,
  numbersOfText,
  reachedNumbersOfText,
  termSetOfText,
} from "./update_facts.ts";
import { toldChangesOfText } from "./settled_states.ts";
import type { Contender, UpdateItem } from "./update_contenders.ts";

// Each contender's names, numbers and reached numbers are read once, and only when a pair gets
// that far (and remembered by text: `update_facts.ts`).
/** The names of a contender's text (`namesOfText`), read once. */
export function namesOf<T extends UpdateItem<T>>(contender: Contender<T>): NameWords {
  return contender.names ??= namesOfText(contender.item.record.content);
}
/** The numbers of a contender's text by unit (`numbersOfText`), read once. */
export function numbersIn<T extends UpdateItem<T>>(contender: Contender<T>): NumbersByUnit {
  return contender.numbers ??= numbersOfText(contender.item.record.content);
}
/** The numbers a contender's text says were reached (`reachedNumbersOfText`), read once. */
export function reachedIn<T extends UpdateItem<T>>(contender: Contender<T>): NumbersByUnit {
  return contender.reached ??= reachedNumbersOfText(contender.item.record.content);
}

/**
 * Whether `pair.newer` ends what `pair.older` is about (`ending_events.ts`), moves its subject
 * away (`moved_home.ts`) or settles the choice it left open (`settled_choices.ts`: an open choice
 * ends when it is made), the older one in a compared voice: `replacingMeaning`'s `ends`.
 */
export function endsOf<T extends UpdateItem<T>>(
  pair: { older: Contender<T>; newer: Contender<T>; olderVoiced: boolean },
): boolean {
  const { older, newer, olderVoiced } = pair;
  return olderVoiced &&
    (((newer.kinds & ENDING_KIND) !== 0 &&
      endsFact(older.item.record.content, newer.item.record.content)) ||
      ((newer.kinds & MOVE_KIND) !== 0 &&
        movedAway(older.item.record.content, newer.item.record.content)) ||
      settlesChoice({
        older: older.item.record.content,
        newer: newer.item.record.content,
        olderAt: older.item.record.created_at,
        newerAt: newer.item.record.created_at,
      }));
}

/** Whether a verb of change of `newer` acts on what `older` told of (`actsOn`). */
export function actsOnOlder<T extends UpdateItem<T>>(
  older: Contender<T>,
  newer: Contender<T>,
): boolean {
  const olderText = older.item.record.content;
  const newerText = newer.item.record.content;
  return actsOn(
    changeStemsOfText(newerText),
    termSetOfText(olderText),
    () => sharesName(namesOf(older), namesOf(newer)) || sameOwnerUntold(olderText, newerText),
    () => openingSubjectOfText(olderText),
  );
}

/**
 * Whether a change befalling what the query asks about is told (`changeOnQuery`), read once and
 * only when asked, and only when `told` (the newer one voiced and telling a change).
 */
export function askedOnce(
  told: boolean,
  texts: { olderText: string; newerText: string; queryTerms?: readonly string[] },
): () => boolean {
  let read: boolean | undefined;
  return () => read ??= told && changeOnQuery(texts.olderText, texts.newerText, texts.queryTerms);
}

/**
 * Whether a word of change of `newer` tells a change of what `older` told (`changesFrom`): not a
 * verdict on a pro-form ("it's fine now": `settled_states.ts`), nor a parting of several of whom
 * `older` names only one ("Mum and Dad divorced" of "Dad's spaniel ...": `changesOfFact`).
 */
export function tellsChangeOf(older: string, newer: string): boolean {
  return changesFrom(
    changesOfFact(toldChangesOfText(newer), { older, newer }),
    termSetOfText(older),
    changeStemsOfText(older),
  );
}
