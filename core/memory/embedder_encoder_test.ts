/**
 * The opt-in sentence encoder (`MEMORY_ENCODER=use-lite`): the model shipped in npm loads and
 * finds a paraphrase that shares no word with its query, its vectors are deterministic, the
 * joined vectors' cosine is the weighted mean of their parts', and `memory.reindex` re-embeds
 * the local embedder's memories with it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { reindexedWithEncoder } from "./testing/encoder_reindex.ts";
import { topContents } from "./testing/told_memories.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { dot, LocalEmbedder } from "./embedder.ts";
import { EncoderEmbedder, joined } from "./embedder_encoder.ts";
import { createEmbedder } from "./embedder_choice.ts";
import { SENTENCE_ENCODER_DIMENSIONS, SentenceEncoder } from "./meaning/sentence_encoder.ts";
import { ENCODER_SHARE, ENCODER_WEIGHTS, relevance } from "./ranking.ts";
import type { LlmClient } from "../llm/client.ts";
import { MemoryUnavailable } from "../errors.ts";

const MEMORIES = [
  "Spiders give me the creeps.",
  "My sister can't stand loud music.",
  "I earn my money treating patients at the children's hospital.",
  "My brother collects old stamps from Portugal.",
  "We painted the kitchen a pale green last spring.",
  "I cycle to work along the river every morning.",
  "I keep a small office plant on my desk at home.",
  "The cat sleeps on the windowsill all afternoon.",
  "I usually take the train to visit my grandmother on Sundays.",
];

/** The contents `query` finds first among {@linkcode MEMORIES}, stored with `embedder`. */
function firstHits(embedder: LocalEmbedder | EncoderEmbedder, query: string): Promise<string[]> {
  return topContents(MEMORIES, query, { embedder });
}

Deno.test("the sentence encoder finds a paraphrase that shares no word with the query, which the local embedder misses", async () => {
  // "frightens" and "creeps" meet in no word list, nor through a synonym's ("afraid" does, through
  // "fear": `meaning/second_hop.ts`): the local embedder ranks the sister's dislike first.
  const local = await firstHits(new LocalEmbedder(), "What frightens me?");
  assert.notEqual(local[0], "Spiders give me the creeps.");
  const encoded = await firstHits(new EncoderEmbedder(), "What frightens me?");
  assert.equal(encoded[0], "Spiders give me the creeps.");
});

Deno.test("the sentence encoder's vectors are deterministic and unit length, alone or in a batch", async () => {
  const encoder = await SentenceEncoder.shared();
  const text = "After the wedding we flew to Bali for two weeks.";
  const [once] = await encoder.fresh().encode([text]);
  const [again] = await encoder.fresh().encode([text]);
  // A fresh encoder (no remembered texts): the model's own batch answer.
  const batch = await encoder.fresh().encode(["Spiders give me the creeps.", text, ""]);
  assert.equal(once!.length, SENTENCE_ENCODER_DIMENSIONS);
  assert.deepEqual(again, once);
  assert.ok(Math.abs(dot(once!, once!) - 1) < 1e-5);
  for (let i = 0; i < once!.length; i++) assert.ok(Math.abs(batch[1]![i]! - once![i]!) < 1e-5);
  assert.ok(batch[2]!.every((value) => value === 0), "an empty text gets zeros");
  const embedder = new EncoderEmbedder();
  assert.deepEqual(await embedder.embed([text]), await embedder.embed([text]));
});

Deno.test("joined vectors: unit length, cosine the weighted mean of the parts' cosines", () => {
  const unit = (values: number[]) => {
    const norm = Math.hypot(...values);
    return Float32Array.from(values, (value) => value / norm);
  };
  const [a1, a2] = [unit([1, 2, 3]), unit([3, -1, 2])];
  const [b1, b2] = [unit([0.5, 1, 0, 2]), unit([1, 1, 1, -1])];
  const [j1, j2] = [joined(a1, b1), joined(a2, b2)];
  assert.equal(j1.length, 7);
  assert.ok(Math.abs(dot(j1, j1) - 1) < 1e-6);
  const expected = (1 - ENCODER_SHARE) * dot(a1, a2) + ENCODER_SHARE * dot(b1, b2);
  assert.ok(Math.abs(dot(j1, j2) - expected) < 1e-6);
  // An empty text's zero part leaves the other at unit length.
  const lone = joined(a1, new Float32Array(4));
  assert.ok(Math.abs(dot(lone, lone) - 1) < 1e-6);
});

Deno.test("the encoder's relevance weights give the vector part half of relevance", () => {
  const parts = { lexical: 0, similarity: 1, alignment: { score: 0 } };
  assert.equal(relevance({ ...parts, weights: ENCODER_WEIGHTS }), 0.5);
  assert.equal(relevance(parts), 0.25, "the local weights are unchanged");
  const sum = ENCODER_WEIGHTS.lexical + ENCODER_WEIGHTS.alignment + ENCODER_WEIGHTS.vector;
  assert.ok(Math.abs(sum - 1) < 1e-9);
});

Deno.test("MEMORY_ENCODER=use-lite picks the encoder beside the local embedder; EMBED_MODEL still wins", () => {
  const llm = { provider: "ollama" } as unknown as LlmClient;
  assert.equal(createEmbedder(llm, "").id, new LocalEmbedder().id);
  assert.equal(createEmbedder(llm, "", "none").id, new LocalEmbedder().id);
  const encoder = createEmbedder(llm, "", "use-lite");
  assert.ok(encoder instanceof EncoderEmbedder);
  assert.ok(encoder.id.startsWith(`${new LocalEmbedder().id}+use-lite`), encoder.id);
  assert.equal(createEmbedder(llm, "nomic-embed-text", "use-lite").id, "ollama:nomic-embed-text");
});

Deno.test("a sentence encoder that cannot load fails the store as memory unavailable, with a hint", async () => {
  const embedder = new EncoderEmbedder({
    encoder: () => Promise.reject(new ReferenceError("__dirname is not defined")),
  });
  const error = await embedder.embed(["Spiders give me the creeps."]).catch((error) => error);
  assert.ok(error instanceof MemoryUnavailable, String(error));
  assert.match(error.message, /sentence encoder.*__dirname/);
  assert.equal((error.data as { reason: string }).reason, "embedder_unavailable");
  await assert.rejects(embedder.embedQuery("What am I afraid of?"), MemoryUnavailable);
});

Deno.test("the warm-up loads the encoder's indexes at their own width: a search after it finds", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder: new EncoderEmbedder(),
  });
  try {
    for (const content of MEMORIES.slice(0, 4)) {
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    // As after a restart: a fresh backend over the same database, loaded by the warm-up, which
    // loads the model too.
    let loads = 0;
    const embedder = new EncoderEmbedder({
      encoder: () => (loads++, SentenceEncoder.shared()),
    });
    const memory = await fixture.reopen({ embedder });
    assert.deepEqual(await memory.warm(), [fixture.aria.id]);
    assert.equal(loads, 1, "the warm-up loaded the model");
    const hits = await memory.search(fixture.aria, {
      query: "What am I afraid of?",
      n_results: 2,
      min_importance: 0,
    });
    assert.equal(hits[0]?.content, "Spiders give me the creeps.");
  } finally {
    await fixture.close();
  }
});

Deno.test("memory.reindex re-embeds the local embedder's memories with the encoder", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of MEMORIES.slice(0, 3)) {
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    await reindexedWithEncoder(fixture);
  } finally {
    await fixture.close();
  }
});
