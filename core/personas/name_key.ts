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
  const ascii = asciiSkeleton(text);
  if (ascii !== undefined) return ascii;
  let mapped = "";
  for (const char of text.normalize("NFD").replace(IGNORABLE, "")) {
    mapped += Object.hasOwn(PROTOTYPES, char) ? PROTOTYPES[char] : char;
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
    const prototype = Object.hasOwn(PROTOTYPES, char) ? PROTOTYPES[char]! : char;
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
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const WHITESPACE = /\s/u;
const LETTER = /\p{L}/u;

/** One character's key in each form (a text is keyed character by character). */
type CharKeys = Readonly<Record<KeyForm, string>>;
/** What a blank (space, tab, line break...) keys as: one space for a run of them. */
const BLANK: CharKeys = { lower: " ", upper: " ", typed: " " };
const CHAR_KEYS = new Map<string, CharKeys>();

function charKeys(char: string): CharKeys {
  let keys = CHAR_KEYS.get(char);
  if (keys === undefined) {
    const form = char.normalize("NFKC");
    keys = WHITESPACE.test(char) ? BLANK : {
      lower: skeleton(form.toLowerCase()),
      upper: skeleton(form.toUpperCase()),
      typed: skeleton(form),
    };
    if (CHAR_KEYS.size >= MEMO_MAX) CHAR_KEYS.clear();
    CHAR_KEYS.set(char, keys);
  }
  return keys;
}

/** The keys of the ASCII characters, by code: most of most texts. */
const ASCII_KEYS: readonly CharKeys[] = Array.from(
  { length: 128 },
  (_, code) => charKeys(String.fromCharCode(code)),
);
/** The ASCII characters that key as something else (a look-alike's prototype), and as what. */
const ASCII_MAPPED: ReadonlyArray<readonly [string, string]> = ASCII_KEYS.flatMap((keys, code) => {
  const char = String.fromCharCode(code);
  return keys !== BLANK && keys.typed !== char ? [[char, keys.typed] as const] : [];
});
const ASCII_ONLY = /^[^\u0080-\uffff]*$/;
const ASCII_BLANKS = /[\t-\r ]+/g;
const SIGMA = 0x3a3;
const FINAL_SIGMA = skeleton("\u03c2");

/** The keys of the ASCII text `text` in one form: each character's, blanks made one space. */
function asciiKey(text: string): string {
  let key = text;
  for (const [char, prototype] of ASCII_MAPPED) {
    if (key.includes(char)) key = key.replaceAll(char, prototype);
  }
  return key;
}

/**
 * `text` in each key form, as {@linkcode nameKeys} keys a name (NFKC, case, no
 * default-ignorables, one space for a run of blanks, skeleton) but one character at a time, so
 * that each place of a key comes from one place of `text` ({@linkcode sourceIndex}). A capital
 * sigma that ends a word lowers to "ς", as it does in a whole name. An ASCII text is keyed by
 * whole-string replaces, with the same result.
 */
function keyedText(text: string): Record<KeyForm, string> {
  if (ASCII_ONLY.test(text)) {
    const spaced = text.replace(ASCII_BLANKS, " ");
    return {
      lower: asciiKey(spaced.toLowerCase()),
      upper: asciiKey(spaced.toUpperCase()),
      typed: asciiKey(spaced),
    };
  }
  const keys = { lower: "", upper: "", typed: "" };
  walkKeys(text, (_at, lower, upper, typed) => {
    keys.lower += lower;
    keys.upper += upper;
    keys.typed += typed;
    return false;
  });
  return keys;
}

/**
 * Calls `visit` with each character's place in `text` and its keys, in order, as
 * {@linkcode keyedText} keys it (a run of blanks once, default-ignorables not at all), until
 * `visit` returns true.
 */
function walkKeys(
  text: string,
  visit: (at: number, lower: string, upper: string, typed: string) => boolean,
): void {
  let blank = false;
  for (let at = 0; at < text.length;) {
    const code = text.codePointAt(at)!;
    const size = code > 0xffff ? 2 : 1;
    const keys = code < 128 ? ASCII_KEYS[code]! : charKeys(text.slice(at, at + size));
    // A default-ignorable character keys as nothing: the name's key drops it too.
    if (keys.typed !== "" && !(keys === BLANK && blank)) {
      const lower = code === SIGMA && finalSigma(text, at) ? FINAL_SIGMA : keys.lower;
      if (visit(at, lower, keys.upper, keys.typed)) return;
      blank = keys === BLANK;
    }
    at += size;
  }
}

/**
 * The first place in `text` whose character makes up `index[form]` of its `form` key for some
 * form (a form at -1 is left out), or -1. One pass, stopped there.
 */
function sourceIndex(text: string, index: Readonly<Record<KeyForm, number>>): number {
  const { lower, upper, typed } = index;
  if (lower < 0 && upper < 0 && typed < 0) return -1;
  let lowerLength = 0;
  let upperLength = 0;
  let typedLength = 0;
  let source = -1;
  walkKeys(text, (at, lowerKey, upperKey, typedKey) => {
    lowerLength += lowerKey.length;
    upperLength += upperKey.length;
    typedLength += typedKey.length;
    if (
      (lower >= 0 && lowerLength > lower) || (upper >= 0 && upperLength > upper) ||
      (typed >= 0 && typedLength > typed)
    ) source = at;
    return source >= 0;
  });
  return source;
}

/** Whether the sigma at `at` ends a word (after a letter, before none), as lower-casing reads it. */
function finalSigma(text: string, at: number): boolean {
  const before = at > 1 && isLowSurrogate(text.charCodeAt(at - 1)) ? at - 2 : at - 1;
  return before >= 0 && LETTER.test(String.fromCodePoint(text.codePointAt(before)!)) &&
    !(at + 1 < text.length && LETTER.test(String.fromCodePoint(text.codePointAt(at + 1)!)));
}

/** A text's keys and the names found in it so far (where, or -1). */
interface KeyedText {
  readonly keys: Readonly<Record<KeyForm, string>>;
  readonly mentions: Map<string, number>;
}

/**
 * Texts keyed lately: a turn's text is searched for each participant's name, and again as the
 * next speaker is chosen. A few are enough, and a long message's keys (three copies of it) are
 * not kept past {@linkcode KEYED_CHARS} characters in all.
 */
const KEYED = new Map<string, KeyedText>();
const KEYED_MAX = 16;
const KEYED_CHARS = 1 << 20;
let keyedChars = 0;
/** Most names whose answer a text keeps (a room has at most 64 participants). */
const MENTIONS_KEPT = 64;

function keyedTextOf(text: string): KeyedText {
  let keyed = KEYED.get(text);
  if (keyed === undefined) {
    if (KEYED.size >= KEYED_MAX || keyedChars + text.length > KEYED_CHARS) {
      KEYED.clear();
      keyedChars = 0;
    }
    keyedChars += text.length;
    keyed = { keys: keyedText(text), mentions: new Map() };
    KEYED.set(text, keyed);
  }
  return keyed;
}

/**
 * Whether `text` (a label read from a text, such as "Mіla" in "Mіla: hello") is one name with
 * `name`, as {@linkcode namedRow} would find it: the same name or a look-alike. Unlike
 * `nameKeys`, keeps nothing of `text` (labels are many and seldom names).
 */
export function isOneName(text: string, name: string): boolean {
  if (text === name) return true;
  const wanted = nameKeys(name);
  const keys = keyedText(text);
  return keys.lower.trim() === wanted.lower || keys.upper.trim() === wanted.upper ||
    keys.typed.trim() === wanted.typed;
}

/**
 * Where `text` first mentions `name` as a whole word (its same name or a look-alike, as
 * {@linkcode namedRow} finds a persona by name: "Ｍｉｌａ" and "Mіla" mention Mila), as an
 * index into `text`, or -1. A name edge that is a letter or digit must not run on into another
 * ("Jose" is not in "José", "Al" is not in "Alan").
 */
export function nameMentionedAt(text: string, name: string): number {
  const keyed = keyedTextOf(text);
  let at = keyed.mentions.get(name);
  if (at === undefined) {
    const wanted = nameKeys(name);
    const index = {
      lower: wholeWordAt(keyed.keys.lower, wanted.lower),
      upper: wholeWordAt(keyed.keys.upper, wanted.upper),
      typed: wholeWordAt(keyed.keys.typed, wanted.typed),
    };
    at = wanted.folded === "" ? -1 : sourceIndex(text, index);
    if (keyed.mentions.size < MENTIONS_KEPT) keyed.mentions.set(name, at);
  }
  return at;
}

/** Where `word` first stands in `key` as a whole word, or -1. */
function wholeWordAt(key: string, word: string): number {
  if (word === "") return -1;
  const startsWord = isWordChar(word, 0, 1);
  const endsWord = isWordChar(word, word.length);
  for (let at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
    if (startsWord && isWordChar(key, at)) continue;
    if (endsWord && isWordChar(key, at + word.length, 1)) continue;
    return at;
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
