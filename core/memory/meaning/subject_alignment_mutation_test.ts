import assert from "node:assert/strict";
import { WordVectors } from "./word_vectors.ts";
import { ALIGNED_WORDS, sameSubject } from "./subject_alignment.ts";

/** Distinct ordinary words, more than ALIGNED_WORDS of them. */
const WORDS = (
  "apple bridge candle desert engine forest garden harbor island jacket kettle ladder meadow " +
  "needle orchard pencil quarry river saddle tunnel valley wagon anchor basket cellar dragon " +
  "feather glacier hammer lantern marble nickel oyster parrot rabbit salmon tiger violin walnut " +
  "blanket castle dolphin eagle falcon guitar helmet igloo jungle lemon mirror napkin onion " +
  "pepper rocket spider tomato umbrella velvet window yogurt zebra bottle cabin donkey ferry " +
  "goose honey piano saucer turnip carrot pillow ribbon"
).split(" ");

Deno.test("sameSubject: two long texts the same in their first ALIGNED_WORDS words align in full", async () => {
  assert.equal(ALIGNED_WORDS, 64);
  assert.ok(WORDS.length > ALIGNED_WORDS + 4 && new Set(WORDS).size === WORDS.length);
  const vectors = await WordVectors.shared();
  const text = WORDS.join(" ");
  // The second text adds a word past the aligned ones: each one's aligned words are all found,
  // the first of them too, and its weight is the aligned words' alone.
  const overlap = sameSubject(text, `${text} walrus`, { vectors, weightOf: () => 1 });
  assert.equal(overlap.meaning, 1);
  assert.equal(overlap.words, WORDS.length / (WORDS.length + 1));
});

Deno.test("sameSubject: words weighing little in all still align; weighing nothing, nothing", async () => {
  const vectors = await WordVectors.shared();
  // Weights below 1 in all: the meaning is a share of them, not cut to 0.
  const light = sameSubject("I drink my coffee black", "Black coffee, I drink it", {
    vectors,
    weightOf: () => 0.1,
  });
  assert.ok(Math.abs(light.meaning - 1) < 1e-9, `${light.meaning}`);
  assert.ok(Math.abs(light.words - 1) < 1e-9, `${light.words}`);
  // A text whose words weigh nothing aligns with nothing (no 0 / 0).
  const nothing = sameSubject("I drink my coffee black", "I drink my coffee black at home", {
    vectors,
    weightOf: () => 0,
  });
  assert.deepEqual({ words: nothing.words, meaning: nothing.meaning }, { words: 0, meaning: 0 });
});

Deno.test("sameSubject: a short text inside a long one is the lower of the two directions", async () => {
  const vectors = await WordVectors.shared();
  const inside = sameSubject("coffee", "coffee glacier violin harbor", {
    vectors,
    weightOf: () => 1,
  });
  assert.equal(inside.words, 1 / 4);
  assert.ok(
    inside.meaning < 0.5,
    `${inside.meaning}: the long text's words, most not in the short one`,
  );
});
