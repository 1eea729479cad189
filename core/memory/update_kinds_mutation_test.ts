import assert from "node:assert/strict";
import {
  CHANGE_KIND,
  DEED_KIND,
  ENDING_KIND,
  MOVE_KIND,
  NAMED_CHANGE_KIND,
  OWN_CHANGE_KIND,
  REPLACEMENT_KIND,
  SLOT_KIND,
  updateKinds,
} from "./update_kinds.ts";

Deno.test("each update kind is a bit of its own", () => {
  assert.deepEqual(
    [
      CHANGE_KIND,
      REPLACEMENT_KIND,
      ENDING_KIND,
      MOVE_KIND,
      DEED_KIND,
      SLOT_KIND,
      OWN_CHANGE_KIND,
      NAMED_CHANGE_KIND,
    ],
    [1, 2, 4, 8, 16, 32, 64, 128],
  );
});

Deno.test("each kind is told by a text that tells it, not by one that does not", () => {
  const told: [number, string, string][] = [
    [CHANGE_KIND, "I switched to oat milk.", "I have a cat."],
    [REPLACEMENT_KIND, "I switched to oat milk.", "I started running too."],
    [ENDING_KIND, "Our cat Milo died last week.", "Our cat Milo sleeps all day."],
    [MOVE_KIND, "We moved to Leeds last month.", "We visited Leeds last month."],
    [DEED_KIND, "I cut my hair really short.", "I washed my hair."],
    [SLOT_KIND, "User drives a dark blue Mazda.", "I have a cat."],
    [OWN_CHANGE_KIND, "I gave up smoking.", "I switched to oat milk."],
    [NAMED_CHANGE_KIND, "I sold the Corolla and bought a Tesla.", "I gave up smoking."],
  ];
  for (const [kind, telling, other] of told) {
    assert.equal(updateKinds(telling) & kind, kind, telling);
    assert.equal(updateKinds(other) & kind, 0, other);
  }
});
