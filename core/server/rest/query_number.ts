/**
 * Numbers in query strings: plain decimal notation only (`5`, `-2`, `0.75`). `Number()` also
 * reads `0x10`, `0b11`, `1e1`, `Infinity` and padded `" 5 "`, which no client means as a page
 * size; those are passed on as text, so the handler's validation names the field (400, -32602).
 *
 * @module
 */

const DECIMAL = /^-?\d{1,16}(\.\d{1,16})?$/;

/** `text` as a number when it is written in plain decimals; `text` itself otherwise. */
export function queryNumber(text: string): number | string {
  return DECIMAL.test(text) ? Number(text) : text;
}
