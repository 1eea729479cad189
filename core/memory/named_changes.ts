/**
 * A change of a thing a standing fact names (`unlinked_updates.ts`): the newer memory's word of
 * change acts on a name the older one says ("Tomás sold the old Berlingo and bought a white
 * electric Renault Kangoo" after "Tomás drives an old blue Citroën Berlingo van"; "I sold the
 * Corolla" after "I commute in a silver Toyota Corolla"). Such a memory tells what became of the
 * named thing and then of its successor, whose words the question does not say ("what van does
 * Tomás drive"), so it matches the question far less than the fact it ends; the name it acts on
 * ties it to that fact as surely as the question's words would. Only of a standing fact: an event
 * told ("A friend showed us photos of Iceland") ends no state.
 *
 * @module
 */
import { stem } from "./text.ts";
import { tellsEvent } from "./told_events.ts";
import { changeStemsOfText, eventOfText, namesOfText } from "./update_facts.ts";

/**
 * Whether a word of change of `newer` acts on (its object or that object's head) a name `newer`
 * and `older` both write with a capital (`shared_names.ts`), `older` telling no event.
 */
export function changesNamedThing(older: string, newer: string): boolean {
  const olderNames = namesOfText(older);
  const newerNames = namesOfText(newer);
  if (olderNames.size === 0 || newerNames.size === 0) return false;
  const shared = new Set<string>();
  for (const word of newerNames.keys()) if (olderNames.has(word)) shared.add(stem(word));
  if (shared.size === 0 || tellsEvent(eventOfText(older))) return false;
  return changeStemsOfText(newer).some(({ stems, object, direct }) =>
    stems.length > 0 &&
    ((direct !== undefined && shared.has(direct)) || (object !== undefined && shared.has(object)))
  );
}
