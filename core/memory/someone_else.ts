/**
 * Whether a newer memory tells of someone the older one does not name: a relative or a companion
 * ("My wife's salary rose to 3,500 euros", "My sister increased her long run to 21 km") or a
 * name ("Sam's rent went up to 1,200 euros"). A new value such a memory reaches is that person's,
 * not a new value of what the older one measured (`unlinked_updates.ts`).
 *
 * @module
 */
import { KIN_WORDS } from "./query_kin.ts";
import { nameWords } from "./shared_names.ts";

/**
 * Words for a person beside the memory's owner, folded: kin (`KIN_WORDS`) and company. Not those
 * who act on the owner's behalf or on what it pays ("doctor", "landlord", "boss": "His doctor
 * raised the metformin to 850 mg").
 */
export const PEOPLE_WORDS: ReadonlySet<string> = new Set([
  ...KIN_WORDS,
  ..."friend friends neighbour neighbours neighbor neighbors colleague colleagues partner partners"
    .split(" "),
  ..."boyfriend girlfriend flatmate flatmates roommate roommates housemate housemates".split(" "),
]);

const TOKEN = /[\p{L}\p{N}]+/gu;
/** A capitalised word with a possessive "'s": a name even opening a sentence ("Sam's rent"). */
const POSSESSOR = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)['’]s(?![\p{L}\p{N}])/gu;

/**
 * Whether `newer` names a person (a {@linkcode PEOPLE_WORDS} word, a name inside a sentence or a
 * capitalised possessor) that `older` does not say.
 */
export function namesSomeoneElse(older: string, newer: string): boolean {
  const said = new Set(older.toLowerCase().match(TOKEN) ?? []);
  for (const token of newer.toLowerCase().match(TOKEN) ?? []) {
    if (PEOPLE_WORDS.has(token) && !said.has(token)) return true;
  }
  for (const [name, inside] of nameWords(newer)) {
    if (inside && !said.has(name)) return true;
  }
  for (const match of newer.matchAll(POSSESSOR)) {
    if (!said.has(match[1]!.toLowerCase())) return true;
  }
  return false;
}
