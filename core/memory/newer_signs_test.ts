import assert from "node:assert/strict";
import {
  EVENT_SIGN,
  mayTellUpdate,
  newerSigns,
  newerSignsOfText,
  NUMBER_SIGN,
  SETTLING_SIGN,
  TELLING_KINDS,
  VERB_SIGN,
} from "./newer_signs.ts";
import { updateKindsOfText } from "./update_kinds.ts";
import { memoComputes, prepareText } from "./text_memo.ts";
import { contenderOf, pairsLoosely } from "./testing/newer_pairs.ts";

// Each of these newer memories has no update kind in `TELLING_KINDS` and one sign that counts
// for its question (a verb of an event only for one about now): the pair stands on it, so
// leaving the sign out of `mayTellUpdate` would skip a pair that replaces.
const SIGNED: { sign: number; current: boolean; older: string; newer: string }[] = [
  {
    sign: NUMBER_SIGN,
    current: false,
    older: "My commute to the office takes 52 minutes each way.",
    newer: "My commute to the office takes 47 minutes each way.",
  },
  {
    sign: EVENT_SIGN | VERB_SIGN,
    current: false,
    older: "My girlfriend Hannah and I have been together for six years.",
    newer: "Hannah and I got married in June at her parents' farm.",
  },
  {
    sign: SETTLING_SIGN | VERB_SIGN,
    current: false,
    older: "Priya wants to call the kitten Mochi. I said Tofu. Not sure yet",
    newer: "in the end we picked Mochi",
  },
  {
    sign: VERB_SIGN,
    current: true,
    older: "My cousin Joris lives on a houseboat in Utrecht.",
    newer: "Joris bought a flat in Rotterdam last spring.",
  },
];

Deno.test("newerSigns: each sign a newer memory may replace an older one by, read from its text", () => {
  for (const { sign, newer } of SIGNED) {
    assert.equal(updateKindsOfText(newer) & TELLING_KINDS, 0, newer);
    assert.equal(newerSigns(newer), sign, newer);
  }
  assert.equal(newerSigns("I love the smell of fresh bread."), 0);
  assert.equal(newerSigns(""), 0);
});

Deno.test("mayTellUpdate: a newer memory that pairs by one sign alone is read, one without any is not", () => {
  for (const { current, older, newer } of SIGNED) {
    const pair = {
      older: contenderOf(older, { minute: 1, voiced: true }),
      newer: contenderOf(newer, { minute: 2, voiced: true }),
    };
    assert.ok(pairsLoosely(pair.older, pair.newer, { current, olderVoiced: true }), newer);
    assert.ok(mayTellUpdate(pair.newer, current), newer);
  }
  // A verb of an event told counts only for a question about now: "bought a flat" acts on an
  // object, so it is no event befalling the cousin (`eventOnFact`) and tells no change.
  const { older, newer } = SIGNED[3]!;
  const joris = contenderOf(newer, { minute: 2, voiced: true });
  assert.ok(!mayTellUpdate(joris, false));
  assert.ok(
    !pairsLoosely(contenderOf(older, { minute: 1, voiced: true }), joris, {
      current: false,
      olderVoiced: true,
    }),
  );
  assert.ok(
    !mayTellUpdate(
      contenderOf("I love the smell of fresh bread.", {
        minute: 2,
        voiced: true,
      }),
      true,
    ),
  );
  // An update kind decides without the signs.
  assert.ok(mayTellUpdate({ kinds: TELLING_KINDS, text: "" }, false));
});

Deno.test("newerSignsOfText: worked out ahead when a memory is prepared, not at its first search", () => {
  const text = "Never read before: in the end we picked the blue kayak for 420 pounds.";
  prepareText(text);
  const computed = memoComputes();
  assert.equal(newerSignsOfText(text), newerSigns(text));
  assert.equal(memoComputes(), computed);
});
