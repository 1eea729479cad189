/**
 * The sentence encoder as a cascade (`encoder_cascade.ts`): a query whose ranking without the
 * encoder is clear is answered by it, at the local embedder's relevance, and never encoded; a
 * weak one is encoded and ranked with the encoder.
 *
 * @module
 */
import assert from "node:assert/strict";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import type { SearchHit } from "./search_hits.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { type Embedder, LocalEmbedder } from "./embedder.ts";
import { EncoderEmbedder } from "./embedder_encoder.ts";
import { type FirstPassHit, weakEvidence } from "./encoder_cascade.ts";
import { SentenceEncoder } from "./meaning/sentence_encoder.ts";
import { createEmbedder } from "./embedder_choice.ts";
import { PgliteDatabase } from "../storage/testing/pglite.ts";
import { PgvectorStore } from "./pgvector_store.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import type { LlmClient } from "../llm/client.ts";

const MEMORIES = [
  "Spiders give me the creeps.",
  "My sister can't stand loud music.",
  "I keep a small office plant on my desk at home.",
  "The cat sleeps on the windowsill all afternoon.",
  "I usually take the train to visit my grandmother on Sundays.",
];

const hit = (content: string, score: number, lexical: number, filler?: true): FirstPassHit => ({
  record: { content },
  score,
  relevance: score,
  channels: { lexical },
  ...(filler ? { filler } : {}),
});

Deno.test("weak evidence: no match, a best match with little of the query's words, or a close other match", () => {
  assert.equal(weakEvidence([]), true, "nothing found");
  assert.equal(weakEvidence([hit("a", 0.2, 0, true)]), true, "fillers only");
  assert.equal(weakEvidence([hit("a", 0.6, 0.3)]), true, "found by meaning, not words");
  assert.equal(weakEvidence([hit("a", 0.8, 0.9), hit("b", 0.5, 0.4)]), false, "clear");
  assert.equal(weakEvidence([hit("a", 0.8, 0.9), hit("b", 0.75, 0.8)]), true, "ambiguous");
  assert.equal(
    weakEvidence([hit("a", 0.8, 0.9), hit("a", 0.8, 0.9), hit("b", 0.5, 0.4)]),
    false,
    "the same text stored twice is no ambiguity",
  );
  // A filler (made up to fill the page, no match) ranked first is passed over.
  assert.equal(
    weakEvidence([hit("f", 0.9, 0, true), hit("a", 0.8, 0.9), hit("b", 0.3, 0.4)]),
    false,
    "a filler first is no evidence either way",
  );
  // Exactly `close` times the best is close (the bound is inclusive).
  const thresholds = { lexical: 0.5, close: 0.5 };
  assert.equal(weakEvidence([hit("a", 1, 0.9), hit("b", 0.5, 0.4)], thresholds), true, "at");
  assert.equal(weakEvidence([hit("a", 1, 0.9), hit("b", 0.4375, 0.4)], thresholds), false);
});

/** A fixture holding {@linkcode MEMORIES} stored with `embedder`. */
async function stored(embedder: Embedder) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder,
  });
  for (const content of MEMORIES) await fixture.memory.store(fixture.aria, input({ content }));
  return fixture;
}

/** A query the memories answer clearly by their words. */
const CLEAR = {
  query: "Where does the cat sleep?",
  n_results: 3,
  min_importance: 0,
  explain: true,
};

/**
 * Asserts that a first-pass hit is the offline ranking's first: the same memory, the local
 * cosine, the relevance at the local weights.
 */
async function assertOffline(
  first: SearchHit,
  local: { memory: MemoryFixture["memory"]; aria: MemoryFixture["aria"] },
): Promise<void> {
  const [offline] = await local.memory.search(local.aria, CLEAR);
  assert.equal(first.content, offline!.content);
  const parts = [first.score_parts!, offline!.score_parts!];
  assert.ok(Math.abs(parts[0]!.relevance - parts[1]!.relevance) < 0.01, JSON.stringify(parts));
  assert.ok(Math.abs(parts[0]!.similarity - parts[1]!.similarity) < 0.02, JSON.stringify(parts));
}

Deno.test("the cascade answers a clear query without encoding it, as the local embedder ranks it, and encodes a weak one", async () => {
  let queries = 0;
  let counting = false;
  const cascade = new EncoderEmbedder({
    cascade: true,
    encoder: async () => {
      const encoder = await SentenceEncoder.shared();
      return {
        encode: (texts: readonly string[]) => {
          if (counting) queries++;
          return encoder.encode(texts);
        },
      };
    },
  });
  const fixture = await stored(cascade);
  const local = await stored(new LocalEmbedder());
  try {
    counting = true;
    const clear = await fixture.memory.search(fixture.aria, CLEAR);
    assert.equal(queries, 0, "a clear query is not encoded");
    assert.equal(clear[0]!.content, "The cat sleeps on the windowsill all afternoon.");
    await assertOffline(clear[0]!, local);

    // "afraid" and "creeps" share no word: weak evidence, the query is encoded.
    const weak = await fixture.memory.search(fixture.aria, {
      query: "What am I afraid of?",
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(queries, 1, "a weak query is encoded once");
    assert.equal(weak[0]!.content, "Spiders give me the creeps.");
  } finally {
    await fixture.close();
    await local.close();
  }
});

Deno.test("use-lite-cascade picks the encoder as a cascade, with the same memory vectors (same id) as use-lite", () => {
  const llm = { provider: "ollama" } as unknown as LlmClient;
  const cascade = createEmbedder(llm, "", "use-lite-cascade");
  const always = createEmbedder(llm, "", "use-lite");
  assert.ok(cascade instanceof EncoderEmbedder && cascade.cascade);
  assert.equal(always.cascade, undefined);
  assert.equal(cascade.id, always.id);
});

Deno.test("on pgvector (PGlite), whose cosine normalises the query, the first pass is the local ranking too", async () => {
  // Memories get a stand-in encoder part (the first pass reads only their local part); a query
  // would fail to encode.
  let storing = true;
  const stand = new Float32Array(512).fill(1 / Math.sqrt(512));
  const pg = await memoryFixture((db) => new PostgresMemoryBackend(db, new PgvectorStore(db)), {
    database: await PgliteDatabase.open(),
    pgvector: true,
    embedder: new EncoderEmbedder({
      cascade: true,
      encoder: () =>
        Promise.resolve({
          encode: (texts: readonly string[]) =>
            storing
              ? Promise.resolve(texts.map(() => stand.slice()))
              : Promise.reject(new Error("a clear query is not encoded")),
        }),
    }),
  });
  const local = await stored(new LocalEmbedder());
  try {
    for (const content of MEMORIES) await pg.memory.store(pg.aria, input({ content }));
    storing = false;
    await assertOffline((await pg.memory.search(pg.aria, CLEAR))[0]!, local);
  } finally {
    await pg.close();
    await local.close();
  }
});
