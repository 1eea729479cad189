/**
 * The sentence encoder's own bookkeeping (`sentence_encoder.ts`): it remembers its latest texts'
 * vectors (a repeated query or a text stored for each listener is encoded once), and it keeps no
 * copy of the weight bytes TF.js loaded (about 28 MB of the RSS it adds).
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  ENCODED_TEXTS,
  MAX_QUERY_CHARS,
  queryInput,
  releaseLoadedBytes,
  SENTENCE_ENCODER_DIMENSIONS,
  SentenceEncoder,
} from "./sentence_encoder.ts";

/** A stand-in model: each text's vector from its length, and every text it was given. */
function countingModel() {
  const seen: string[] = [];
  return {
    seen,
    embed: (texts: string[]) => {
      seen.push(...texts);
      return Promise.resolve(texts.map((text) => {
        const row = new Array(SENTENCE_ENCODER_DIMENSIONS).fill(0);
        row[text.length % SENTENCE_ENCODER_DIMENSIONS] = 2;
        return row;
      }));
    },
  };
}

Deno.test("the encoder encodes a text seen lately only once, and a text repeated in one call once", async () => {
  const model = countingModel();
  const encoder = new SentenceEncoder(model);
  const [a, b, again] = await encoder.encode(["Where do I live?", "Spiders!", "Where do I live?"]);
  assert.deepEqual(model.seen, ["Where do I live?", "Spiders!"]);
  assert.deepEqual(again, a);
  assert.notEqual(again, a, "each caller gets its own copy");
  assert.equal(a![16], 1, "unit length");
  assert.equal(b![8], 1);
  const [later] = await encoder.encode(["Where do I live?"]);
  assert.deepEqual(later, a);
  assert.equal(model.seen.length, 2, "remembered across calls");
  later![16] = 0; // A caller's change does not reach what is remembered.
  assert.equal((await encoder.encode(["Where do I live?"]))[0]![16], 1);
  // The least recently used text is forgotten beyond the bound.
  await encoder.encode(Array.from({ length: ENCODED_TEXTS }, (_, i) => `text ${i}`));
  await encoder.encode(["Where do I live?"]);
  assert.equal(model.seen.filter((text) => text === "Where do I live?").length, 2);
  assert.equal(encoder.modelTexts, ENCODED_TEXTS + 3);
});

Deno.test("releaseLoadedBytes drops a loaded graph model's artifacts once", () => {
  const loaded = { model: { artifacts: { weightData: new ArrayBuffer(8) } as unknown } };
  assert.equal(releaseLoadedBytes(loaded), true);
  assert.equal(loaded.model.artifacts, undefined);
  assert.equal(releaseLoadedBytes(loaded), false);
  assert.equal(releaseLoadedBytes({}), false);
});

Deno.test("the shipped encoder keeps no copy of its weight bytes outside TF.js's tensors", async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  assert.ok(gc, "run with --v8-flags=--expose-gc");
  const encoder = await SentenceEncoder.shared();
  await encoder.encode(["The first encoding moves the weights into WebAssembly memory."]);
  // Array buffers' memory is freed by the collections after the one that finds them unused.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // The weights (28 MB) live in the WebAssembly heap; the loaded shards' bytes, kept by TF.js's
  // graph model as `artifacts`, would be 28 MB more outside the JS heap.
  const external = Deno.memoryUsage().external;
  assert.ok(external < 15e6, `${(external / 1e6).toFixed(1)} MB outside the JS heap`);
});

Deno.test("queryInput: cut at a space of the second half, never in a surrogate pair nor to a stub", () => {
  assert.equal(MAX_QUERY_CHARS, 512);
  // The bound falls inside an emoji (a high surrogate at 511): the pair is left out whole.
  const emoji = queryInput("a" + "\u{1F600}".repeat(600));
  assert.equal(emoji.length, 511);
  assert.equal(emoji, "a" + "\u{1F600}".repeat(255));
  // The only space is near the start: not cut there (a stub), but at the bound.
  assert.equal(queryInput("a " + "x".repeat(600)), "a " + "x".repeat(510));
  // A space in the second half: cut there, not inside the word.
  assert.equal(queryInput("x".repeat(400) + " " + "y".repeat(300)), "x".repeat(400));
  assert.equal(queryInput("short query"), "short query");
});
