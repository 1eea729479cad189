/**
 * Numbers in query strings: decimal notation (`5`, `-2`, `0.75`), with an optional exponent as
 * clients print small and large numbers (`1e-7` from JavaScript's `String(1e-7)`, `1e-05` from
 * Python, `1e+21`). `Number()` also reads `0x10`, `0b11`, `Infinity` and padded `" 5 "`, which no
 * client means as a page size; those are passed on as text, as is an exponent that overflows to
 * Infinity, so the handler's validation names the field (400, -32602).
 *
 * @module
 */

const DECIMAL = /^-?\d{1,16}(\.\d{1,16})?([eE][+-]?\d{1,3})?$/;

/** `text` as a number when it is written in decimals (exponent allowed); `text` itself otherwise. */
export function queryNumber(text: string): number | string {
  if (!DECIMAL.test(text)) return text;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}
