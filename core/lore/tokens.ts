/**
 * Token counts without a tokenizer: this server talks to any model, so it estimates one token
 * per four characters (the usual rule of thumb for English text with BPE tokenizers), rounded
 * up. Only lorebook budgets use it.
 *
 * @module
 */

/** Characters counted as one token. */
export const CHARS_PER_TOKEN = 4;

/** Estimated tokens of `text`. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
