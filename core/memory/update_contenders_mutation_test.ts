import assert from "node:assert/strict";
import { updateContenders } from "./update_contenders.ts";
import type { Voice } from "./query.ts";
import { type Item, updateItem } from "./testing/update_items.ts";

/** Candidates each passing one or more of the voice tests, a minute apart, oldest first. */
const TEXTS: [string, string, Voice][] = [
  ["goats", "I keep three goats in the meadow.", "self"],
  ["moved", "Mila moved to 12 Rue Haute last week.", "other"], // measuring, a named event
  ["bought", "Tom bought a red Volvo.", "other"], // a named event, acting
  ["sold", "Tom sold the red Volvo.", "other"], // a named event, acting
  ["size24", "Neema's class size is 24.", "other"], // measuring, a slot
  ["size28", "Neema's class size is 28 now.", "other"], // measuring, the same slot
  ["obi", "Neema's class teacher is Mr Obi.", "other"], // a slot
  ["ade", "Neema's class teacher is Ms Ade now.", "other"], // the same slot
  ["piano", "Mila's piano teacher is Ms Ade.", "other"], // a slot no other states, acting
  ["kitten", "Lena adopted a kitten.", "other"], // a named event only
  ["lund", "Jonas's dentist is Dr Lund.", "self"], // a slot in the persona's voice
  ["berg", "Jonas's dentist is Dr Berg now.", "other"], // the same slot, no one's alone
  ["kato", "Priya's swimming coach is Mr Kato.", "other"], // a slot no other states
  ["barn", "The old barn burned down.", "other"], // none of them
];

function contenderIds(current: boolean): string[] {
  const items: Item[] = TEXTS.map(([id, content, voice], minute) =>
    updateItem(id, content, { relevance: 0.5, minute, voice })
  );
  const { contenders } = updateContenders(items, { compared: 20, current, linked: () => false });
  return contenders.map((contender) => contender.item.record.id);
}

Deno.test("updateContenders: each candidate is compared once, whichever of the voice tests it passes", () => {
  for (const current of [false, true]) {
    const ids = contenderIds(current);
    assert.deepEqual(ids, [...new Set(ids)], `no candidate twice (current ${current})`);
  }
});

Deno.test("updateContenders: who is compared, by voice test, with and without a question about now", () => {
  // A slot two no one's memories state is compared (obi, ade), as is one no one's states with a
  // compared one (berg, beside lund); one only one states (kato) is not, nor a remark that
  // passes no test (barn); a named event alone (kitten) only for a question about now.
  const always = ["goats", "moved", "bought", "sold", "size24", "size28", "obi", "ade", "piano"];
  assert.deepEqual(contenderIds(false), [...always, "lund", "berg"]);
  assert.deepEqual(contenderIds(true), [...always, "kitten", "lund", "berg"]);
});

Deno.test("updateContenders: a lone no one's memory restating a compared one's slot is compared", () => {
  const lund = updateItem("lund", "Jonas's dentist is Dr Lund.", { relevance: 0.5, minute: 1 });
  const berg = updateItem("berg", "Jonas's dentist is Dr Berg now.", {
    relevance: 0.5,
    minute: 2,
    voice: "other",
  });
  const { contenders } = updateContenders([lund, berg], { compared: 20, linked: () => false });
  assert.deepEqual(contenders.map((contender) => contender.item.record.id), ["lund", "berg"]);
});
