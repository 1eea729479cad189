import assert from "node:assert/strict";
import { OTHER_SENSE_SIMILARITY, TYPE_SIMILARITY, typeSense } from "./answer_types.ts";

Deno.test("the documented values: a member counts 0.5, another sense's relative at most 0.4", () => {
  assert.equal(TYPE_SIMILARITY, 0.5);
  assert.equal(OTHER_SENSE_SIMILARITY, 0.4);
  const sense = typeSense(
    new Map([["favorit", 0.55], ["tortois", 0.45], ["petter", 0.6], ["pett", 0.59]]),
    new Set(["tortois"]),
    () => undefined,
  );
  assert.deepEqual([...sense.related], [
    ["favorit", 0.4],
    ["tortois", 0.45],
    ["petter", 0.6],
    ["pett", 0.4],
  ]);
});
