/**
 * A query's folded words, read once for the dozen questions its analysis asks of it (voice,
 * answer type, frame words, family words, ...).
 *
 * @module
 */
import { analysedWords, isAscii } from "./text.ts";

/**
 * The folded words of `text` when it is plain ASCII (shared with the latest callers,
 * `analysedWords`: frozen), else undefined. In ASCII text a pattern of whole words
 * (`(?<![\p{L}\p{N}])(?:a|b)(?![\p{L}\p{N}])`, any case) matches exactly when one of these
 * words is one of its own, and a whitespace-separated token's first word is one of them:
 * questions answered without a pass of Unicode patterns over the text.
 */
export function asciiWords(text: string): readonly string[] | undefined {
  return isAscii(text) ? analysedWords(text) : undefined;
}
