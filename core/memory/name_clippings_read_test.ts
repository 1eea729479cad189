// A test that kills mut58's surviving mutant of name_clippings.ts (core/memory/HISTORY.md,
// "Session 42 — mut58"): a word that opens as no name is passed over, not the end of the read.
import assert from "node:assert/strict";
import { holdsClippedNames } from "./name_clippings.ts";

Deno.test("holdsClippedNames: a capitalised word that opens as no name is passed over; later words are read", () => {
  // "Tom" opens as no name asked; "Pri" after it is a clipping of `priya`.
  assert.ok(holdsClippedNames("Tom and Pri rang", ["priya"]));
  // Read whole (not ASCII, and past the first letters' look) the same.
  assert.ok(holdsClippedNames("Tom and Pri rang from Zürich", ["priya"]));
});
