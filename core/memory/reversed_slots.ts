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
 * project ships). It is read only when it tells a new filler: a bare "X is my neighbour" is
 * English's way to introduce one of several (neighbours, colleagues, pets, exes), not to reassign
 * a role, so the copula must say a change or a future ({@linkcode toldAsChange}: "will be",
 * "going to be", "still", "now", "officially"). A sentence that asks ("Dev's my best man?",
 * "Dev's my best man, right?"), hedges ("Maybe Dev's my best man": an opening adverb, "maybe",
 * "perhaps" or "-ly") or sets a condition ("... if Sam says no") tells nothing; nor does a role
 * that owns the thing named ("Sarah is my manager's wife": the slot is the wife's, not the
 * manager's).
 *
 * @module
 */
import { KIN_WORDS } from "./query_kin.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { isContentWord, words } from "./text.ts";
import {
  NO_NAME_OPENINGS,
  roleKey,
  SEVERAL_KIN,
  type StatedSlot,
  VALUE_END,
  valueStems,
} from "./slot_words.ts";

/**
 * Sentence adverbs of doubt and the conditional subordinators: a sentence that says one states
 * no slot ("Maybe Dev's my best man", "Dev's my best man if Sam says no"). A closed class, with
 * any opening word in "-ly" ("Honestly", "Apparently") read as an adverb too.
 */
export const HEDGES: ReadonlySet<string> = new Set(
  "maybe perhaps probably possibly presumably supposedly if unless might".split(" "),
);

/** The end of a sentence: its mark tells whether it asks. */
const SENTENCE_END = /[.!?\n]/u;

/** A possessive after the role ("my manager's wife"): the role owns what the name fills. */
const POSSESSIVE = /^['’]s?(?![\p{L}\p{N}])/u;

/** The most words a role after "my" is read to (its head the last content word among them). */
export const ROLE_WORDS = 3;

/** A name, a copula, a possessive of the speaker's and up to {@linkcode ROLE_WORDS} words of role. */
const REVERSED_OPENING = new RegExp(
  String.raw`^[\s"“‘'(]*(?<name>\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)` +
    String.raw`(?:['’]s|\s+is|(?<future>\s+will\s+be|['’]ll\s+be))` +
    String.raw`(?<going>\s+(?:going\s+to|gonna)\s+be)?(?<adverb>\s+(?:still|now|officially))?` +
    String.raw`\s+(?:[Mm]y|[Oo]ur|[Uu]ser['’]s|[Tt]he user['’]s)\s+` +
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
  if (!match?.groups || POSSESSIVE.test(match.groups.rest!)) return undefined;
  const { name, role, rest, mark } = match.groups;
  // The sentence runs to its own end mark: "Dev's my best man, right?" asks, though its first
  // clause ends in ",".
  const after = match.index + match[0].length;
  let end = after - mark!.length;
  if (mark !== "" && !SENTENCE_END.test(mark!)) {
    const found = text.slice(after).search(SENTENCE_END);
    end = found < 0 ? text.length : after + found;
  }
  if (text[end] === "?") return undefined;
  if (words(text.slice(0, end)).some((word) => HEDGES.has(word))) return undefined;
  if (!toldAsChange(match.groups, `${role} ${rest}`)) return undefined;
  const opening = name!.split(/\s/u)[0]!.toLowerCase();
  // "He's my boss", "That's my boss", "Who's my best man", "Honestly Dev is": no name; a name
  // of one word may end in "-ly" ("Emily", "Kelly").
  const adverbFirst = opening.endsWith("ly") && /\s/u.test(name!);
  if (NO_NAME_OPENINGS.has(opening) || !isContentWord(opening) || adverbFirst) {
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

/**
 * Whether the copula tells a new filler: a future ("will be", "'ll be", "going to be"), an
 * adverb of standing ("still", "now", "officially") before the possessive, or "now" after the
 * role, in its clause ("Kit is my boss now": `roleAndRest`).
 */
function toldAsChange(groups: Record<string, string | undefined>, roleAndRest: string): boolean {
  return groups.future !== undefined || groups.going !== undefined ||
    groups.adverb !== undefined || words(roleAndRest).includes("now");
}
