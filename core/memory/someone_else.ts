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
import { rememberedByText } from "./text_memo.ts";

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

/** How many texts' persons were read (for tests: once per text, not per pair). */
let personReads = 0;

/** How many texts' persons {@linkcode namesSomeoneElse} read so far (for tests). */
export function personReadCount(): number {
  return personReads;
}

/** The folded words of a text, remembered: asked per compared pair (attack33 A6). */
export const tokensOfText: (text: string) => ReadonlySet<string> = rememberedByText((text) =>
  new Set(text.toLowerCase().match(TOKEN) ?? [])
);

/**
 * The persons a text names, folded: its {@linkcode PEOPLE_WORDS} words, its names inside a
 * sentence and its capitalised possessors; remembered, read once per text, not per pair.
 */
export const personsOfText: (text: string) => readonly string[] = rememberedByText((text) => {
  personReads++;
  const persons = new Set<string>();
  for (const token of tokensOfText(text)) if (PEOPLE_WORDS.has(token)) persons.add(token);
  for (const [name, inside] of nameWords(text)) if (inside) persons.add(name);
  for (const match of text.matchAll(POSSESSOR)) persons.add(match[1]!.toLowerCase());
  return [...persons];
});

/**
 * Whether `newer` names a person (a {@linkcode PEOPLE_WORDS} word, a name inside a sentence or a
 * capitalised possessor) that `older` does not say.
 */
export function namesSomeoneElse(older: string, newer: string): boolean {
  const said = tokensOfText(older);
  return personsOfText(newer).some((person) => !said.has(person));
}
