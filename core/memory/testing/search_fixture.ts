/**
 * Test support for the search tests (`search*_test.ts`).
 *
 * @module
 */

/** Lines about nothing the tests ask, stored beside the ones they look for. */
export const DISTRACTORS = [
  "The ferry leaves at noon on Sundays.",
  "We talked about the price of train tickets.",
  "The user asked how to repot a cactus.",
  "It rained all weekend at the campsite.",
];
