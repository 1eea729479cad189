/**
 * Whom a change word befalls (`query_now.ts`, `ChangeWord.subject`): the word right
 * before it, past an auxiliary of the perfect, or past "and" and an auxiliary the first word of
 * its clause. Read for every change word of a text in one walk forward over it.
 *
 * @module
 */

/** One letter or digit (a code point: one or two UTF-16 code units). */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** A word: letters and digits, inner apostrophes and hyphens joining them ("Tomás", "o'clock"). */
export const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Whether the UTF-16 code unit `code` is white space: what `\s` matches. */
export function isSpace(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * The word right before `end` in `text`, with only white space between (at least one
 * character of it), or `""`: what `/([\p{L}\p{N}]+)\s+$/u` captures on the text before `end`,
 * read backwards. That regex, tried from each start, reads on to the end of each run of letters
 * and digits: on a long word followed by a comma it is quadratic.
 */
function wordBefore(text: string, end: number): string {
  let at = end;
  while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
  if (at === end) return "";
  const wordEnd = at;
  while (at > 0) {
    const low = text.charCodeAt(at - 1);
    const pair = at > 1 && low >= 0xdc00 && low <= 0xdfff &&
      text.charCodeAt(at - 2) >= 0xd800 && text.charCodeAt(at - 2) <= 0xdbff;
    const width = pair ? 2 : 1;
    if (!LETTER_OR_DIGIT.test(text.slice(at - width, at))) break;
    at -= width;
  }
  return text.slice(at, wordEnd);
}

/**
 * Auxiliaries of the perfect between a subject and its verb ("Tomás has dropped out", "Ana had
 * left"); not the passive's "was" ("The train to Brussels was cancelled": what it ended is the
 * train, not Brussels).
 */
const AUXILIARIES: ReadonlySet<string> = new Set(["has", "had", "have"]);

/** The end of a clause (`query_now.ts` `CLAUSE_END`), read one character at a time. */
const CLAUSE_END_CHARS = ".!?;:\n";

/**
 * The subjects of one text's change words, asked for in the order of the text. The clause's
 * start and first word are found walking forward once over the text: walking back to the
 * clause's start from each "and has <change word>" (review34 F12's fix) was still quadratic in a
 * text with no clause end ("and has moved " × 700 held a search 3.7 s: attack29 F1).
 */
export class ChangeSubjects {
  readonly #text: string;
  /** How far the walk has read. */
  #walked = 0;
  /** Where the clause at {@linkcode #walked} starts. */
  #clauseStart = 0;
  /** The first word of that clause and where it starts, once looked for. */
  #first: { word: string; at: number } | undefined;

  /** The subjects of `text`'s change words. */
  constructor(text: string) {
    this.#text = text;
  }

  /**
   * The word that tells whom a change word at `end` befalls: the word right before it, past an
   * auxiliary ("Tomás has dropped out" → "Tomás"); past "and" and an auxiliary, the first word
   * of the clause, the subject both verbs share ("Tomás pulled a hamstring and has dropped out").
   */
  before(end: number): string {
    const text = this.#text;
    const word = wordBefore(text, end);
    if (!AUXILIARIES.has(word.toLowerCase())) return word;
    let wordEnd = end;
    while (wordEnd > 0 && isSpace(text.charCodeAt(wordEnd - 1))) wordEnd--;
    const auxiliaryAt = wordEnd - word.length;
    const before = wordBefore(text, auxiliaryAt);
    if (before.toLowerCase() !== "and") return before;
    return this.#firstWord(auxiliaryAt);
  }

  /** The first word of the clause around `at`, if it starts before `at`; else `""`. */
  #firstWord(at: number): string {
    const text = this.#text;
    if (at < this.#walked) {
      // Asked out of the text's order (change words come in order, so never): walk again.
      this.#walked = this.#clauseStart = 0;
      this.#first = undefined;
    }
    for (; this.#walked < at; this.#walked++) {
      if (!CLAUSE_END_CHARS.includes(text[this.#walked]!)) continue;
      this.#clauseStart = this.#walked + 1;
      this.#first = undefined;
    }
    if (this.#first === undefined) {
      WORD.lastIndex = this.#clauseStart;
      const found = WORD.exec(text);
      this.#first = found === null
        ? { word: "", at: text.length }
        : { word: found[0], at: found.index };
    }
    // A word starting before `at` ends before it: white space comes right before `at`.
    return this.#first.at < at ? this.#first.word : "";
  }
}
