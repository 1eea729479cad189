/**
 * A single-valued slot told the other way round (`restated_slots.ts`): the value first, then the
 * role it fills. "Maja's going to be my best person" fills the slot "my best person is Maja"
 * fills; "Kit is my boss now", the slot of "my boss is Harriet Vance". English puts a copular
 * sentence's two noun phrases in either order; read both ways, a name that becomes "my <role>"
 * restates that role as "my <role> is <name>" does, and replaces the older value when the role is
 * one a person fills one at a time (the same rule as the other order: no kin, no friends).
 *
 * The frame is closed: a capitalised name (one or two words) at the text's opening, a copula ("is",
 * "'s", "will be", "'ll be", each optionally "going to be"/"gonna be", then "still", "now" or
 * "officially"), a possessive of the speaker's ("my", "our", "user's"), then a role of at most
 * `ROLE_WORDS` = 3 words whose last is used mostly as a noun (`isNounHead`, the word data the
 * project ships). A clause that ends with "?" asks ("Dev's my best man?") and tells nothing.
 *
 * @module
 */
import { KIN_WORDS } from "./query_kin.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { isContentWord, words } from "./text.ts";
import {
  NOT_NAMES,
  roleKey,
  SEVERAL_KIN,
  type StatedSlot,
  VALUE_END,
  valueStems,
} from "./slot_words.ts";

/**
 * Capitalised openings that name a day only from where the speaker stands ("Today is my
 * birthday", "Tomorrow's my last shift"): no value that holds from one memory to the next.
 */
const DEICTIC_DAYS: ReadonlySet<string> = new Set(["today", "tonight", "tomorrow", "yesterday"]);

/** The most words a role after "my" is read to (its head the last content word among them). */
export const ROLE_WORDS = 3;

/** A name, a copula, a possessive of the speaker's and up to {@linkcode ROLE_WORDS} words of role. */
const REVERSED_OPENING = new RegExp(
  String.raw`^[\s"“‘'(]*(?<name>\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)` +
    String.raw`(?:['’]s|\s+is|\s+will\s+be|['’]ll\s+be)(?:\s+(?:going\s+to|gonna)\s+be)?` +
    String
      .raw`(?:\s+(?:still|now|officially))?\s+(?:[Mm]y|[Oo]ur|[Uu]ser['’]s|[Tt]he user['’]s)\s+` +
    String.raw`(?<role>\p{Ll}[\p{Ll}-]*(?:[^\S\n]+\p{Ll}[\p{Ll}-]*){0,${ROLE_WORDS - 1}})` +
    String.raw`(?<rest>[^.,;:!?\n]*)(?<mark>[.,;:!?\n]|$)`,
  "u",
);

/**
 * The slot `text` opens by telling a name fills a role of the speaker's ("Dev's going to be my
 * best man, he cried": key `self's best person|be`, value `["dev"]`), if any.
 */
export function reversedSlot(text: string): StatedSlot | undefined {
  const match = REVERSED_OPENING.exec(text);
  if (!match?.groups || match.groups.mark === "?") return undefined;
  const { name, role } = match.groups;
  const opening = name!.split(/\s/u)[0]!.toLowerCase();
  // "He's my boss", "That's my boss", "Who's my best man": no name.
  if (NOT_NAMES.has(opening) || DEICTIC_DAYS.has(opening) || !isContentWord(opening)) {
    return undefined;
  }
  const roleWords: string[] = [];
  for (const word of words(role!)) {
    if (roleWords.length > 0 && (VALUE_END.has(word) || !isContentWord(word))) break;
    roleWords.push(word);
  }
  const head = roleWords.at(-1);
  if (head === undefined || !isNounHead(head)) return undefined;
  if (roleWords.some((word) => KIN_WORDS.has(word) || SEVERAL_KIN.has(word))) return undefined;
  const value = valueStems(name!);
  if (value.length === 0) return undefined;
  return { key: `self's ${roleKey(roleWords.join(" "))}|be`, value };
}
