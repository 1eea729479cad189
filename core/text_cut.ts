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
  // Between two ASCII characters there is always a grapheme boundary but inside CR LF (UAX #29:
  // every other rule that joins characters names a non-ASCII one): no segmenter needed (its
  // first use in a process costs 3-4 ms, each cut of 200 units about 0.2 ms).
  const before = text.charCodeAt(max - 1);
  const after = text.charCodeAt(max);
  if (max > 0 && before < 0x80 && after < 0x80 && !(before === 13 && after === 10)) {
    return text.slice(0, max);
  }
  let end = 0;
  // Segments are made as they are asked for: the walk stops at the first one past `max`.
  for (const { index, segment } of GRAPHEMES.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  if (end > 0 || max <= 0) return text.slice(0, end);
  return text.slice(0, /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max);
}

/**
 * `text` cut so that its UTF-8 takes at most `maxBytes` bytes (a WebSocket close reason: 123),
 * between characters as {@linkcode cutText} cuts.
 */
export function cutUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  // A UTF-16 unit takes at least one byte of UTF-8: first cut to `maxBytes` units, then one
  // unit less until it fits (at most about two thirds of them).
  let kept = cutText(text, maxBytes);
  while (kept.length > 0 && encoder.encode(kept).length > maxBytes) {
    kept = cutText(kept, kept.length - 1);
  }
  return kept;
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
