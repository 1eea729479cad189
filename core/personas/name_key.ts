/**
 * When two persona names are one name. Names are shown side by side (lists, rooms, prompts) and
 * looked up by people and agents, so two names are one when a reader could take one for the other:
 *
 * - the **same name**: equal once in Unicode NFKC (full-width "Ａｒｉａ" is "Aria"), lower-cased,
 *   default-ignorable characters (soft hyphen, variation selectors, joiners) dropped and runs of
 *   spaces made one;
 * - a **look-alike**: equal TR39 skeletons (Unicode's confusables: Cyrillic "а" and Greek "α" are
 *   Latin "a", "I" is "l", "rn" is "m") of that form as typed, lower-cased or upper-cased. Upper
 *   and lower case both count because a name is one name in any case: Cyrillic "Н" looks like
 *   "H" in capitals only, and "HELEN" is "helen".
 *
 * Letters that differ to the eye stay different names: accents ("José" is not "Jose") and other
 * scripts' own letters ("Мария" is not "Maria", "Кира" is not "Kira": и, я are not i, a).
 * The confusables come from `npm:unhomoglyph` (Unicode's confusables.txt, as data), packed in
 * `confusables.gen.json` (`confusables.ts`).
 *
 * @module
 */
import { CONFUSABLES } from "./confusables.ts";

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const SPACES = /\s+/gu;
/** A UUID's skeleton (lower case): hex digits, 0 read as "O" (or an "o") and 1 as "l". */
const UUID_SKELETON = new RegExp(
  `^\\{?${[8, 4, 4, 4, 12].map((n) => `[2-9a-fOol]{${n}}`).join("-?")}\\}?$`,
);

/** What names are compared by: see the module's documentation. */
export interface NameKeys {
  /** The same name: NFKC, lower case, no default-ignorables, single spaces. */
  readonly folded: string;
  /** Skeletons of that form lower-cased, upper-cased and as typed. */
  readonly lower: string;
  readonly upper: string;
  readonly typed: string;
}

/**
 * The TR39 skeleton of `text`: NFD, default-ignorable characters dropped, each character
 * replaced by its prototype in Unicode's confusables, NFD again. Not for reading, only comparing.
 */
export function skeleton(text: string): string {
  const ascii = asciiSkeleton(text);
  if (ascii !== undefined) return ascii;
  let mapped = "";
  for (const char of text.normalize("NFD").replace(IGNORABLE, "")) {
    mapped += CONFUSABLES.prototypeOf(char) ?? char;
  }
  return mapped.normalize("NFD");
}

/**
 * Each ASCII character's prototype where it is ASCII too (most are themselves), else undefined.
 * NFD leaves ASCII as it is and no ASCII character is default-ignorable, so the skeleton of an
 * ASCII text made of these is their prototypes joined: no normalization, no lookup by string.
 */
const ASCII_PROTOTYPES: ReadonlyArray<string | undefined> = Array.from(
  { length: 128 },
  (_, code) => {
    const char = String.fromCharCode(code);
    const prototype = CONFUSABLES.prototypeOf(char) ?? char;
    return [...prototype].every((char) => char.charCodeAt(0) < 128) ? prototype : undefined;
  },
);

/** The skeleton of `text` when it is ASCII with ASCII prototypes (nearly every name); else undefined. */
function asciiSkeleton(text: string): string | undefined {
  // Joined once at the end, not added a character at a time: a flat string, which the name
  // index's maps hash at once (a string built by `+=` is flattened first, at each map).
  let parts: string[] | undefined;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    const prototype = code < 128 ? ASCII_PROTOTYPES[code] : undefined;
    if (prototype === undefined) return undefined;
    if (parts === undefined && prototype !== text[at]) parts = [...text.slice(0, at)];
    parts?.push(prototype);
  }
  return parts === undefined ? text : parts.join("");
}

/**
 * A name's keys: `folded` at once, each skeleton when first read. A lookup that finds the same
 * name (nearly every one) never needs the skeletons of 10,000 stored names.
 */
class Keys implements NameKeys {
  readonly folded: string;
  readonly #form: string;
  #lower: string | undefined;
  #upper: string | undefined;
  #typed: string | undefined;

  constructor(form: string) {
    this.#form = form;
    this.folded = form.toLowerCase();
  }

  get lower(): string {
    return this.#lower ??= skeleton(this.folded);
  }

  get upper(): string {
    return this.#upper ??= skeleton(this.#form.toUpperCase());
  }

  get typed(): string {
    return this.#typed ??= skeleton(this.#form);
  }
}

/**
 * Marks the keys of a name whose form is empty: made only of default-ignorable characters (a
 * Hangul filler U+3164, a soft hyphen), which the name rules refuse now but older versions stored.
 * Such a name is keyed as itself after this mark, so it is one name with itself alone: an empty
 * key was every such name's, and a lookup of "\u00ad" found the persona named "\u3164" (attack25
 * F5). No other name keys to it: a name's form holds no control character (the rules refuse them).
 */
const BLANK_FORM = "\u0000";

/** The keys of `name`, whose form is empty: see {@linkcode BLANK_FORM}. */
function blankKeys(name: string): NameKeys {
  const key = BLANK_FORM + name;
  return { folded: key, lower: key, upper: key, typed: key };
}

/** Names seen lately and their keys: every lookup compares against every persona's name. */
const MEMO = new Map<string, NameKeys>();
const MEMO_MAX = 4096;

/**
 * Printable ASCII words with single spaces between (nearly every name): already its own form,
 * which NFKC, dropping default-ignorables and folding spaces leave as it is.
 */
const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** `name` in NFKC, without default-ignorable characters, with single spaces, trimmed. */
export function formOf(name: string): string {
  return name.normalize("NFKC").replace(IGNORABLE, "").replace(SPACES, " ").trim();
}

/** The keys `name` is compared by (memoised); never empty (see {@linkcode BLANK_FORM}). */
export function nameKeys(name: string): NameKeys {
  const known = MEMO.get(name);
  if (known) return known;
  const form = PLAIN.test(name) ? name : formOf(name);
  const keys = form === "" ? blankKeys(name) : new Keys(form);
  if (MEMO.size >= MEMO_MAX) MEMO.clear();
  MEMO.set(name, keys);
  return keys;
}

function matchOf(a: NameKeys, b: NameKeys): "same" | "alike" | "none" {
  if (a.folded === b.folded) return "same";
  return a.lower === b.lower || a.upper === b.upper || a.typed === b.typed ? "alike" : "none";
}

/**
 * The row of `rows` (oldest first) that `name` names: the one spelt exactly so, else the first
 * with the same name, else the first look-alike. Names stored before these rules may be one name
 * for several personas: the order makes the answer the same every time.
 */
export function namedRow<T extends { name: string }>(
  rows: Iterable<T>,
  name: string,
): T | undefined {
  const wanted = nameKeys(name);
  let same: T | undefined;
  let alike: T | undefined;
  for (const row of rows) {
    if (row.name === name) return row;
    if (same) continue;
    const match = matchOf(nameKeys(row.name), wanted);
    if (match === "same") same = row;
    else if (match === "alike") alike ??= row;
  }
  return same ?? alike;
}

/**
 * True when `name` reads as a UUID (a persona id's form), hyphens and braces optional, in any
 * case, full-width or with look-alike digits and letters.
 */
export function looksLikeUuid(name: string): boolean {
  return UUID_SKELETON.test(nameKeys(name).lower);
}
