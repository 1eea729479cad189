/**
 * Cutting text to a length without breaking a character: what is kept ends on a grapheme
 * boundary (a user-perceived character), so neither half an emoji (a surrogate pair) nor a
 * flag's first letter, a skin tone's base or a family's first members are left behind.
 *
 * @module
 */

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * `text` cut to at most `max` UTF-16 units, ending on a grapheme boundary; when the first
 * grapheme alone is longer (a letter under hundreds of combining marks), on a code point
 * boundary instead, never inside a surrogate pair.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  // Segments are made as they are asked for: the walk stops at the first one past `max`.
  for (const { index, segment } of GRAPHEMES.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  if (end > 0 || max <= 0) return text.slice(0, end);
  return text.slice(0, /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max);
}

/** How much of a client's own input an error message quotes back. */
export const ECHO_MAX = 200;

/**
 * `text` as an error message quotes it back to the client that sent it: whole when short, else
 * its first {@linkcode ECHO_MAX} units and "…" (a 60 KB header need not come back at length).
 */
export function echoed(text: string): string {
  return text.length <= ECHO_MAX ? text : `${cutText(text, ECHO_MAX)}…`;
}
