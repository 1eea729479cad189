import assert from "node:assert/strict";
import * as kinds from "./update_kinds.ts";

Deno.test("each update kind is a bit of its own", () => {
  assert.deepEqual(
    [
      kinds.CHANGE_KIND,
      kinds.REPLACEMENT_KIND,
      kinds.ENDING_KIND,
      kinds.MOVE_KIND,
      kinds.DEED_KIND,
      kinds.SLOT_KIND,
      kinds.OWN_CHANGE_KIND,
      kinds.NAMED_CHANGE_KIND,
    ],
    [1, 2, 4, 8, 16, 32, 64, 128],
  );
});

Deno.test("each kind is told by a text that tells it, not by one that does not", () => {
  const told: [number, string, string][] = [
    [kinds.CHANGE_KIND, "I switched to oat milk.", "I have a cat."],
    [kinds.REPLACEMENT_KIND, "I switched to oat milk.", "I started running too."],
    [kinds.ENDING_KIND, "Our cat Milo died last week.", "Our cat Milo sleeps all day."],
    [kinds.MOVE_KIND, "We moved to Leeds last month.", "We visited Leeds last month."],
    [kinds.DEED_KIND, "I cut my hair really short.", "I washed my hair."],
    [kinds.SLOT_KIND, "User drives a dark blue Mazda.", "I have a cat."],
    [kinds.OWN_CHANGE_KIND, "I gave up smoking.", "I switched to oat milk."],
    [kinds.NAMED_CHANGE_KIND, "I sold the Corolla and bought a Tesla.", "I gave up smoking."],
  ];
  for (const [kind, telling, other] of told) {
    assert.equal(kinds.updateKinds(telling) & kind, kind, telling);
    assert.equal(kinds.updateKinds(other) & kind, 0, other);
  }
});
