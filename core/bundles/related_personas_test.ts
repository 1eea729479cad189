/**
 * `RelatedPersonas` (`relationships.ts`): a note names the first five personas left out of
 * memories and counts the rest.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Bundle } from "./schema.ts";
import { NOTE_NAMES_MAX, RelatedPersonas } from "./relationships.ts";

Deno.test("related personas past five are counted, not named", () => {
  const personas = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }));
  const related = new RelatedPersonas({ personas } as unknown as Bundle, () => undefined);
  assert.deepEqual(related.map(personas.map((p) => p.id)), []);
  assert.equal(NOTE_NAMES_MAX, 5);
  assert.equal(
    related.note(),
    'Related personas "P0", "P1", "P2", "P3", "P4" and 2 more were left out of 1 memory: ' +
      "no personas of those names here",
  );
});
