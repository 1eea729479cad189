/**
 * The words a single-valued slot is read with (`restated_slots.ts`, `reversed_slots.ts`): what
 * a slot is (its key and its value's stems), whose it is, which capitalised openings name no
 * one, where a value ends, which kin one may have several of, and a role's key, where the
 * gendered forms of a role are one role ("my best man", "my best person"; "chairman",
 * "chairwoman", "chairperson").
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { NOT_NAMES } from "./shared_names.ts";

/** A slot a memory opens by stating: whose, which, and the stems of its value's words. */
export interface StatedSlot {
  /** The owner and the frame: "self|drive", "self's mechan|be", "neema's class teacher|be". */
  readonly key: string;
  /** The content stems of the value, in order (its head last). */
  readonly value: readonly string[];
}

/**
 * Capitalised words that open a sentence but name no one: `shared_names.ts`'s days, months,
 * feasts and titles ("Saturday is my birthday"), the pronouns ("He's my boss"), the days named
 * only from where the speaker stands ("Today is my birthday", "Tomorrow's my last shift") and
 * the determiners that make a day so ("Next Tuesday's my birthday"): no value that holds from
 * one memory to the next. Folded.
 */
export const NO_NAME_OPENINGS: ReadonlySet<string> = new Set([
  ...NOT_NAMES,
  ...("he she they it you this that there here his her their its everyone everybody someone " +
    "somebody nobody anyone anybody today tonight tomorrow yesterday next last").split(" "),
]);

/** Words that end a slot's value: what follows tells more of it, not which it is. */
export const VALUE_END: ReadonlySet<string> = new Set(
  ("who which that where because since but and with for from as at in on near by to " +
    "who's whose when while so").split(" "),
);

/** Kin words of which one may have several: told without a name, which one is unknown. */
export const SEVERAL_KIN: ReadonlySet<string> = new Set(
  ("son sons daughter daughters brother brothers sister sisters child children kid kids cousin " +
    "cousins uncle uncles aunt aunts niece nieces nephew nephews grandson grandsons " +
    "granddaughter granddaughters grandchild grandchildren friend friends").split(" "),
);

/** The stems of a phrase's words, lower-cased. */
export const stems = (phrase: string): string[] => words(phrase).map(stem);

/** The content stems of a value, up to {@linkcode VALUE_END} (the first word kept whatever it is). */
export function valueStems(value: string): string[] {
  const found: string[] = [];
  for (const word of words(value)) {
    if (found.length > 0 && VALUE_END.has(word)) break;
    if (isContentWord(word)) found.push(stem(word));
  }
  return found;
}

/**
 * A role's head that names a person by sex, alone or closing a compound of at least
 * `GENDERED_STEM_LETTERS` = 4 letters before it ("man", "woman", "person", "chairman",
 * "spokeswoman", "foreperson"; not "German", "human", "shaman"). English makes a role's
 * gender-neutral form by putting "person" for "man" or "woman" ("best person", "chairperson"),
 * so the three forms name one role, which one person fills at a time.
 */
const GENDERED_HEAD = /^(?<before>(?:\p{Ll}{4,}?)?)(?:(?:wo)?m[ae]n|persons?|people)$/u;

/**
 * The key of a role phrase: the stems of its words, its last word's gendered forms read as one
 * ({@linkcode GENDERED_HEAD}: "best man" and "best person" are "best person").
 */
export function roleKey(role: string): string {
  const found = words(role);
  const head = found.length > 0 ? GENDERED_HEAD.exec(found.at(-1)!) : null;
  if (head) found[found.length - 1] = `${head.groups!.before}person`;
  return found.map(stem).join(" ");
}

/** The capitalised name that closes a role phrase ("brother Tom"), the person it names. */
const ROLE_NAME = /\s(\p{Lu}[\p{L}-]+)$/u;

/** The name a role phrase closes with ("brother Tom": "Tom"), if any. */
export function roleName(role: string): string | undefined {
  return ROLE_NAME.exec(role)?.[1];
}

/** Who a slot is told of, as a slot opening's groups read it. */
export interface SlotOwner {
  /** The speaker: "self" for "I", "we" for "we". */
  speaker?: "self" | "we";
  /** A role of the speaker's ("mum", "brother Tom"). */
  role?: string;
  /** Whether a role closing with a name is keyed by that name ({@linkcode roleName}). */
  roleByName: boolean;
  /** A name: the owner itself, or whose `named` role it is. */
  name?: string;
  /** A role of `name`'s ("Tom's wife": "wife"). */
  named?: string;
}

/**
 * The owner part of a slot's key ("self", "we", "tom", "self's mum", "tom's wife"), or undefined
 * when the opening names no one ({@linkcode NO_NAME_OPENINGS}) or its role may be one of several
 * kin told without a name ({@linkcode SEVERAL_KIN}: "my son", but "my brother Felix" is one).
 * A role that closes with a name is keyed by the name when `roleByName`, as a line naming that
 * person alone is ("my brother Tom works at Lidl", "Tom works at Lidl"): a name picks out one
 * person, the role only says how the speaker knows him.
 */
export function slotOwnerKey(owner: SlotOwner): string | undefined {
  const { speaker, role, name, named } = owner;
  if (name !== undefined && NO_NAME_OPENINGS.has(name.toLowerCase())) return undefined;
  if (
    role !== undefined && !/\p{Lu}/u.test(role) && words(role).some((word) => SEVERAL_KIN.has(word))
  ) return undefined;
  if (speaker !== undefined) return speaker;
  const ownerName = role !== undefined && owner.roleByName ? roleName(role) : undefined;
  if (ownerName !== undefined) return ownerName.toLowerCase();
  if (role !== undefined) return `self's ${roleKey(role)}`;
  if (named !== undefined) return `${name!.toLowerCase()}'s ${roleKey(named)}`;
  return name!.toLowerCase();
}
