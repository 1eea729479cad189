/**
 * Test support: what `placedNumbersOf` (placed_numbers.ts) reads in a text, as [unit, value]
 * pairs in order, shared by the tests of the number readers.
 *
 * @module
 */
import { placedNumbersOf } from "../placed_numbers.ts";

/** `placedNumbersOf(text)` as [unit, value] pairs, in order. */
export function placedPairs(text: string): [string, string][] {
  return placedNumbersOf(text).numbers.map(({ unit, value }) => [unit, value]);
}
