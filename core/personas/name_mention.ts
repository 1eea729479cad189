/**
 * Finding a persona's name in a text: whether a label is one name with a name
 * ({@linkcode isOneName}) and where a text first mentions a name as a whole word
 * ({@linkcode nameMentionedAt}), by the same rules as `name_key.ts` (same name or look-alike), but
 * keyed one character at a time so that a place in a key maps back to a place in the text.
 *
 * @module
 */
import { nameKeys, skeleton } from "./name_key.ts";

/** Most characters whose keys are memoised (as many as names in `name_key.ts`). */
const MEMO_MAX = 4096;

/** A key form of a name and of a text: see `NameKeys` in `name_key.ts`. */
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
