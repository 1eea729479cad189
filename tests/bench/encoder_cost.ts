/**
 * What the opt-in sentence encoder (`MEMORY_ENCODER=use-lite`, `core/memory/embedder_encoder.ts`)
 * costs, in one process: the model's load, one query's encoding (p50, p90), a memory's encoding
 * in a batch, the RSS it adds; then `memory.search` at the service over `--size` memories
 * (default 10,000) with the local embedder and with the joined vectors (612 dimensions, the
 * encoder part stubbed so the memories need not be encoded one by one), in alternating rounds.
 * A search with the encoder costs about the joined vectors' search plus one query's encoding.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/encoder_cost.ts [--size 10000] [--rounds 3]
 */
import { percentile } from "./_load.ts";
import { input, memoryFixture } from "../../core/memory/testing/contract_fixture.ts";
import { SqliteBackend } from "../../core/memory/sqlite_backend.ts";
import type { SqliteDatabase } from "../../core/storage/mod.ts";
import { type Embedder, LocalEmbedder } from "../../core/memory/embedder.ts";
import { EncoderEmbedder } from "../../core/memory/embedder_encoder.ts";
import {
  SENTENCE_ENCODER_DIMENSIONS,
  SentenceEncoder,
} from "../../core/memory/meaning/sentence_encoder.ts";
import { fnv1a } from "../../core/numbers.ts";
import { loadRecallSet } from "./recall/_set.ts";

const flag = (name: string, fallback: string) => {
  const at = Deno.args.indexOf(`--${name}`);
  return Number(at >= 0 ? Deno.args[at + 1] : fallback);
};
const size = flag("size", "10000");
const rounds = flag("rounds", "3");
const set = loadRecallSet();
const memories = set.memories.map((memory) => memory.text);
const queries = set.queries.map((query) => query.text);

// The model: load, one query at a time, memories in a batch, RSS.
const rssBefore = Deno.memoryUsage().rss;
let start = performance.now();
const encoder = await SentenceEncoder.shared();
const loadMs = performance.now() - start;
await encoder.encode(["warm up"]);
const queryMs: number[] = [];
for (const query of queries.slice(0, 100)) {
  start = performance.now();
  await encoder.encode([query]);
  queryMs.push(performance.now() - start);
}
start = performance.now();
await encoder.encode(memories.slice(0, 128));
const memoryMs = (performance.now() - start) / 128;
const rssAdded = (Deno.memoryUsage().rss - rssBefore) / 1e6;

/** A stand-in encoder: a fixed pseudo-random unit vector per text, at no cost. */
const stub = {
  encode: (texts: readonly string[]) =>
    Promise.resolve(texts.map((text) => {
      const vector = new Float32Array(SENTENCE_ENCODER_DIMENSIONS);
      let seed = fnv1a(text, 0x811c9dc5);
      let sum = 0;
      for (let i = 0; i < vector.length; i++) {
        seed = (seed * 1664525 + 1013904223) >>> 0;
        vector[i] = seed / 2 ** 32 - 0.5;
        sum += vector[i]! ** 2;
      }
      return vector.map((value) => value / Math.sqrt(sum));
    })),
};

/** A fixture holding `size` memories (recall-set sentences, numbered) embedded by `embedder`. */
async function filled(embedder: Embedder) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder,
  });
  for (let from = 0; from < size; from += 1000) {
    const batch = Array.from(
      { length: Math.min(1000, size - from) },
      (_, i) => input({ content: `${memories[(from + i) % memories.length]} (${from + i})` }),
    );
    await fixture.memory.storeMany(fixture.aria, batch);
  }
  return fixture;
}

const local = await filled(new LocalEmbedder());
const joined = await filled(new EncoderEmbedder({ encoder: () => Promise.resolve(stub) }));
const times: Record<string, number[]> = { local: [], joined: [] };
for (let round = 0; round < rounds; round++) {
  for (const [name, fixture] of [["local", local], ["joined", joined]] as const) {
    for (const query of queries) {
      start = performance.now();
      await fixture.memory.search(fixture.aria, { query, n_results: 5, min_importance: 0 });
      times[name]!.push(performance.now() - start);
    }
  }
}
await local.close();
await joined.close();
for (const values of [queryMs, times.local!, times.joined!]) values.sort((a, b) => a - b);
const p = (values: number[], q: number) => percentile(values, q).toFixed(2);
console.log(`encoder: load ${loadMs.toFixed(0)} ms, RSS +${rssAdded.toFixed(0)} MB`);
console.log(`query encode p50 ${p(queryMs, 50)} ms, p90 ${p(queryMs, 90)} ms`);
console.log(`memory encode (batch of 128) ${memoryMs.toFixed(2)} ms each`);
console.log(
  `search at ${size}: local p50 ${p(times.local!, 50)} ms; joined vectors p50 ` +
    `${p(times.joined!, 50)} ms; + query encode ≈ ${
      (percentile(times.joined!, 50) + percentile(queryMs, 50)).toFixed(2)
    } ms (loadavg ${Deno.loadavg().map((v) => v.toFixed(2)).join(" ")})`,
);
