/**
 * The sentence encoder reads a query's start only (`queryInput`, MAX_QUERY_CHARS): a junk query
 * thousands of characters long costs what a long sentence does (attack11 F6); stored texts and
 * short queries are encoded whole.
 */
import assert from "node:assert/strict";
import { EncoderEmbedder } from "./embedder_encoder.ts";
import {
  MAX_QUERY_CHARS,
  queryInput,
  SENTENCE_ENCODER_DIMENSIONS,
  SentenceEncoder,
} from "./meaning/sentence_encoder.ts";

/** An embedder whose stand-in model records every text it is given. */
function recording(cascade = false) {
  const inputs: string[] = [];
  const model = {
    embed: (texts: string[]) => {
      inputs.push(...texts);
      return Promise.resolve(texts.map(() => {
        const row = new Array(SENTENCE_ENCODER_DIMENSIONS).fill(0);
        row[0] = 1;
        return row;
      }));
    },
  };
  const encoder = new SentenceEncoder(model);
  return {
    inputs,
    embedder: new EncoderEmbedder({ encoder: () => Promise.resolve(encoder), cascade }),
  };
}

Deno.test("a long query's encoder input is bounded; a short query and stored texts are whole", async () => {
  const { inputs, embedder } = recording();
  const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
  const junk = "\u200b\u0001".repeat(1_000);
  for (const query of [words, junk, "😀".repeat(1_000)]) {
    await embedder.embedQuery(query);
    const given = inputs.at(-1)!;
    assert.ok(given.length <= MAX_QUERY_CHARS, `${given.length} characters encoded`);
    assert.ok(given.length >= MAX_QUERY_CHARS / 2, "most of the bound is used");
    assert.ok(query.startsWith(given), "the query's start");
    assert.ok(given.isWellFormed(), "not cut inside a surrogate pair");
  }
  assert.ok(!inputs[0]!.endsWith(" ") && words.split(" ").includes(inputs[0]!.split(" ").at(-1)!));
  await embedder.embedQuery("What do I do for a living?");
  assert.equal(inputs.at(-1), "What do I do for a living?");
  await embedder.embed([words]);
  assert.equal(inputs.at(-1), words, "a stored text is encoded whole");
});

Deno.test("with the cascade, the query the encoder is asked for is bounded too", async () => {
  const { inputs, embedder } = recording(true);
  const long = "harbour ".repeat(500);
  await embedder.cascade!.encodedQuery(long);
  assert.ok(inputs.at(-1)!.length <= MAX_QUERY_CHARS);
  assert.equal(queryInput("short"), "short");
  assert.equal(MAX_QUERY_CHARS, 512);
});
