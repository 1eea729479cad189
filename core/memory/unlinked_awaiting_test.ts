/**
 * `findUnlinkedUpdates` (`unlinked_updates.ts`) and an older memory awaiting something: a newer
 * one that tells nothing an update is told by (`mayTellUpdate`, `newer_signs.ts`) is compared with
 * it only when it meets what it awaits (`meetsProspect`, `met_prospects.ts`), as "We finally had
 * the barbecue" does; any other reading of such a pair (a state ended: `endsThingOf`) replaces no
 * awaiting memory, as it replaces no other (issue 9, session 50).
 */
import assert from "node:assert/strict";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { mayTellUpdate } from "./newer_signs.ts";
import { meetsProspect } from "./met_prospects.ts";
import { endsThingOf } from "./ended_things.ts";
import { updateKindsOfText } from "./update_kinds.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { updateItem } from "./testing/update_items.ts";

const KINDS = await WordVectors.shared();

/**
 * Whether `newer`, in the persona's own voice a minute after `older`, replaces it, every pair
 * alike in words and meaning, for a question about now or not (`current`).
 */
function replaces(older: string, newer: string, current: boolean): boolean {
  const items = [
    updateItem("older", older, { relevance: 0.8, minute: 1 }),
    updateItem("newer", newer, { relevance: 0.8, minute: 2 }),
  ];
  findUnlinkedUpdates(items, {
    sameSubject: () => ({ words: 0.5, meaning: 0.5 }),
    compared: 30,
    queryTerms: [],
    linked: () => false,
    kinds: KINDS,
    current,
  });
  return items[0]!.replacedBy === items[1];
}

/** Whether `text` tells nothing an update is told by, whatever the question. */
function tellsNoUpdate(text: string): boolean {
  const contender = { kinds: updateKindsOfText(text), text };
  return !mayTellUpdate(contender, false) && !mayTellUpdate(contender, true);
}

/** Awaiting memories, and a newer line telling no update that the pair's reading ends a thing of. */
const NOT_MET: readonly { older: string; newer: string }[] = [
  {
    older: "We are saving up for a barbecue so we can eat meat outside",
    newer: "I have not eaten meat since I was nineteen.",
  },
  {
    older: "I'm waiting for the bank to approve our mortgage",
    newer: "I don't trust banks since the crisis",
  },
];

Deno.test("findUnlinkedUpdates: a line telling no update replaces an awaiting memory only by meeting its prospect", () => {
  for (const { older, newer } of NOT_MET) {
    // Not vacuous: the line is ruled out for any other older memory, meets nothing awaited, and
    // the pair's own reading takes it as a state of the older one's thing ended.
    assert.ok(tellsNoUpdate(newer), newer);
    assert.ok(!meetsProspect(older, newer), newer);
    assert.ok(endsThingOf(older, newer, KINDS), newer);
    for (const current of [false, true]) {
      assert.equal(replaces(older, newer, current), false, `${newer} (current: ${current})`);
    }
  }
  // A prospect met with no other sign of an update still replaces it.
  const met = "We finally had the barbecue last weekend";
  assert.ok(tellsNoUpdate(met));
  for (const current of [false, true]) {
    assert.equal(replaces(NOT_MET[0]!.older, met, current), true, `current: ${current}`);
  }
});
