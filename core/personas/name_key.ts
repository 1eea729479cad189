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
 * The confusables come from `npm:unhomoglyph` (Unicode's confusables.txt, as data).
 *
 * @module
 */
import prototypes from "unhomoglyph/data.json" with { type: "json" };

const PROTOTYPES: Readonly<Record<string, string>> = prototypes;
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
  let mapped = "";
  for (const char of text.normalize("NFD").replace(IGNORABLE, "")) {
    mapped += Object.hasOwn(PROTOTYPES, char) ? PROTOTYPES[char] : char;
  }
  return mapped.normalize("NFD");
}

/** Names seen lately and their keys: every lookup compares against every persona's name. */
const MEMO = new Map<string, NameKeys>();
const MEMO_MAX = 4096;

/** The keys `name` is compared by (memoised). */
export function nameKeys(name: string): NameKeys {
  const known = MEMO.get(name);
  if (known) return known;
  const form = name.normalize("NFKC").replace(IGNORABLE, "").replace(SPACES, " ").trim();
  const folded = form.toLowerCase();
  const keys = {
    folded,
    lower: skeleton(folded),
    upper: skeleton(form.toUpperCase()),
    typed: skeleton(form),
  };
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

/** A key form of a name and of a text: see {@linkcode NameKeys}. */
type KeyForm = "lower" | "upper" | "typed";
const FORMS: readonly KeyForm[] = ["lower", "upper", "typed"];
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const WHITESPACE = /\s/u;
const LETTER = /\p{L}/u;

/** One character's key in each form (a text is keyed character by character). */
const CHAR_KEYS = new Map<string, Readonly<Record<KeyForm, string>>>();

function charKeys(char: string): Readonly<Record<KeyForm, string>> {
  let keys = CHAR_KEYS.get(char);
  if (keys === undefined) {
    const form = char.normalize("NFKC");
    keys = {
      lower: skeleton(form.toLowerCase()),
      upper: skeleton(form.toUpperCase()),
      typed: skeleton(form),
    };
    if (CHAR_KEYS.size >= MEMO_MAX) CHAR_KEYS.clear();
    CHAR_KEYS.set(char, keys);
  }
  return keys;
}

/** A text in one key form, and where in the text each of its code units came from. */
interface KeyedText {
  readonly key: string;
  readonly from: readonly number[];
}

/**
 * `text` in each key form, built as {@linkcode nameKeys} builds a name's (NFKC, case, no
 * default-ignorables, one space for a run of blanks, skeleton) but one character at a time, so
 * that each place of a key points back into `text`. A capital sigma that ends a word lowers to
 * "ς", as it does in a whole name.
 */
function keyedText(text: string): Record<KeyForm, KeyedText> {
  const keys: Record<KeyForm, string[]> = { lower: [], upper: [], typed: [] };
  const from: Record<KeyForm, number[]> = { lower: [], upper: [], typed: [] };
  const chars = [...text];
  let at = 0;
  let blank = false;
  for (let i = 0; i < chars.length; at += chars[i]!.length, i++) {
    const char = chars[i]!;
    if (WHITESPACE.test(char)) {
      if (!blank) {
        for (const form of FORMS) keys[form].push(" "), from[form].push(at);
      }
      blank = true;
      continue;
    }
    const charKey = charKeys(char);
    if (charKey.typed === "") continue; // default-ignorable: the name's key drops it too
    blank = false;
    for (const form of FORMS) {
      let piece = charKey[form];
      if (form === "lower" && char === "Σ" && finalSigma(chars, i)) piece = skeleton("ς");
      for (let unit = 0; unit < piece.length; unit++) from[form].push(at);
      keys[form].push(piece);
    }
  }
  const keyed = (form: KeyForm) => ({ key: keys[form].join(""), from: from[form] });
  return { lower: keyed("lower"), upper: keyed("upper"), typed: keyed("typed") };
}

/** Whether the sigma at `i` ends a word (after a letter, before none), as lower-casing reads it. */
function finalSigma(chars: readonly string[], i: number): boolean {
  return i > 0 && LETTER.test(chars[i - 1]!) &&
    !(i + 1 < chars.length && LETTER.test(chars[i + 1]!));
}

/** Texts keyed lately: a turn's text is searched for each participant's name in turn. */
const KEYED = new Map<string, Record<KeyForm, KeyedText>>();
const KEYED_MAX = 64;

function keyedTextOf(text: string): Record<KeyForm, KeyedText> {
  let keyed = KEYED.get(text);
  if (keyed === undefined) {
    if (KEYED.size >= KEYED_MAX) KEYED.clear();
    keyed = keyedText(text);
    KEYED.set(text, keyed);
  }
  return keyed;
}

/**
 * Where `text` first mentions `name` as a whole word (its same name or a look-alike, as
 * {@linkcode namedRow} finds a persona by name: "Ｍｉｌａ" and "Mіla" mention Mila), as an
 * index into `text`, or -1. A name edge that is a letter or digit must not run on into another
 * ("Jose" is not in "José", "Al" is not in "Alan").
 */
export function nameMentionedAt(text: string, name: string): number {
  const wanted = nameKeys(name);
  if (wanted.folded === "") return -1;
  const keyed = keyedTextOf(text);
  let first = -1;
  for (const form of FORMS) {
    const at = wholeWordAt(keyed[form], wanted[form]);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

function wholeWordAt({ key, from }: KeyedText, word: string): number {
  if (word === "") return -1;
  const startsWord = isWordChar(word, 0, 1);
  const endsWord = isWordChar(word, word.length);
  for (let at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
    if (startsWord && isWordChar(key, at)) continue;
    if (endsWord && isWordChar(key, at + word.length, 1)) continue;
    return from[at]!;
  }
  return -1;
}

/**
 * Whether the character of `text` before `index` (after it with `ahead`) is a word character
 * (a letter, digit, mark or "_"); false at either end of the text.
 */
function isWordChar(text: string, index: number, ahead = 0): boolean {
  const at = ahead ? index : index - (isLowSurrogate(text.charCodeAt(index - 1)) ? 2 : 1);
  if (at < 0 || at >= text.length) return false;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
