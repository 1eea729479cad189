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
import { rememberedByText } from "./text_memo.ts";
import { tellsEvent } from "./told_events.ts";
import { changeStemsOfText, eventOfText, namesOfText } from "./update_facts.ts";

/**
 * The capitalised words (folded, `shared_names.ts`) of `text` that a word of change of its own
 * acts on (its object or that object's head): "Tomás sold the old Berlingo ..." → berlingo.
 */
export function namedChangeTargets(text: string): string[] {
  const names = namesOfText(text);
  if (names.size === 0) return [];
  const byStem = new Map<string, string>();
  for (const word of names.keys()) byStem.set(stem(word), word);
  const targets: string[] = [];
  for (const { stems, object, direct } of changeStemsOfText(text)) {
    if (stems.length === 0) continue;
    for (const acted of [direct, object]) {
      const name = acted === undefined ? undefined : byStem.get(acted);
      if (name !== undefined && !targets.includes(name)) targets.push(name);
    }
  }
  // A change "from" a name to another: what it leaves ("moved his broadband from Fibrelink to
  // Hyperoptic" → fibrelink).
  for (const match of text.matchAll(FROM_NAME)) {
    const name = byStem.get(stem(match[1]!.toLowerCase()));
    if (name !== undefined && !targets.includes(name)) targets.push(name);
  }
  return targets;
}

/**
 * A verb of moving or switching, then within its clause "from" a capitalised word and "to" after
 * it: the thing left for another.
 */
const FROM_NAME =
  /(?<![\p{L}\p{N}])(?:moved|switched|changed|swapped|transferred)(?![\p{L}\p{N}])[^,.;:!?]{0,40}?(?<![\p{L}\p{N}])from\s+(\p{Lu}[\p{L}\p{N}'’-]*)[^,.;:!?]{0,40}?(?<![\p{L}\p{N}])to(?![\p{L}\p{N}])/gu;

/** {@linkcode namedChangeTargets} of a text, remembered. */
const targetsOfText = rememberedByText(namedChangeTargets);

/** Whether `text` tells a change of a name it says ({@linkcode namedChangeTargets}). */
export function tellsNamedChange(text: string): boolean {
  return targetsOfText(text).length > 0;
}

/**
 * Whether a word of change of `newer` acts on (its object or that object's head) a name `newer`
 * and `older` both write with a capital (`shared_names.ts`), `older` telling no event.
 */
export function changesNamedThing(older: string, newer: string): boolean {
  const targets = targetsOfText(newer);
  if (targets.length === 0) return false;
  const olderNames = namesOfText(older);
  return targets.some((name) => olderNames.has(name)) && !tellsEvent(eventOfText(older));
}

/**
 * Whether `newer` tells someone's change of a thing `older` names ({@linkcode changesNamedThing})
 * and the two share a name besides the things changed (whose: "Marcus" in "Marcus moved his
 * broadband from Fibrelink to Hyperoptic" after "Marcus's internet provider is Fibrelink"; not
 * "Leah moved her broadband from Fibrelink ...": another one's).
 */
export function changesNamedThingOfOne(older: string, newer: string): boolean {
  if (!changesNamedThing(older, newer)) return false;
  const targets = targetsOfText(newer);
  const olderNames = namesOfText(older);
  return [...namesOfText(newer).keys()].some((name) =>
    olderNames.has(name) && !targets.includes(name)
  );
}
