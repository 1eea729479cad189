/**
 * What the opt-in sentence encoder (`MEMORY_ENCODER=use-lite`, `core/memory/embedder_encoder.ts`)
 * costs, in one process: the model's load, one query's encoding (p50, p90), a memory's encoding
 * in a batch, the RSS it adds; then `memory.search` at the service over `--size` memories
 * (default 10,000) with the local embedder and with the joined vectors (612 dimensions, the
 * encoder part stubbed so the memories need not be encoded one by one), in alternating rounds.
 * A search with the encoder costs about the joined vectors' search plus one query's encoding.
 * Each search that encodes its query (always with the encoder, or when the cascade's first pass
 * is weak: `cascade`, `core/memory/encoder_cascade.ts`) encodes it with the real model; the
 * memories' encoder parts are stubbed. `--synthetic` uses `bench:memory`'s kind of texts
 * (made-up words drawn by a Zipf law) instead of recall set 1's sentences.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/encoder_cost.ts [--size 10000] [--rounds 3] [--synthetic]
 */
import { percentile } from "./_load.ts";
import { input, memoryFixture } from "../../core/memory/testing/contract_fixture.ts";
import { SqliteBackend } from "../../core/memory/sqlite_backend.ts";
import type { SqliteDatabase } from "../../core/storage/mod.ts";
import { type Embedder, LocalEmbedder } from "../../core/memory/embedder.ts";
import { EncoderEmbedder } from "../../core/memory/embedder_encoder.ts";
import { weakEvidence } from "../../core/memory/encoder_cascade.ts";
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
let seed = 42;
/** A seeded generator in 0..1 (mulberry32, as `bench:memory`'s). */
function next(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const SYLLABLES = ["ka", "lo", "mi", "ren", "ta", "shi", "vor", "el", "an", "dur", "is", "qua"];
const vocabulary = Array.from({ length: 5000 }, () =>
  Array.from(
    { length: 2 + Math.floor(next() * 3) },
    () => SYLLABLES[Math.floor(next() * SYLLABLES.length)],
  ).join(""));
const zipf: number[] = [];
vocabulary.reduce((sum, _, rank) => (zipf[rank] = sum + 1 / (rank + 1)), 0);
const rounds = flag("rounds", "3");
const synthetic = Deno.args.includes("--synthetic");
const set = loadRecallSet();
const memories = synthetic
  ? Array.from({ length: 2000 }, () => sentence(6 + Math.floor(next() * 15)))
  : set.memories.map((memory) => memory.text);
const queries = synthetic
  ? Array.from({ length: 120 }, () => sentence(2 + Math.floor(next() * 3)))
  : set.queries.map((query) => query.text);

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

/**
 * A stand-in encoder for memories (a fixed pseudo-random unit vector per text, at no cost); a
 * query (one text alone) is encoded by the model.
 */
const stub = {
  encode: (texts: readonly string[]) =>
    texts.length === 1 ? encoder.encode(texts) : Promise.resolve(texts.map((text) => {
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
let encoded = 0;
const cascade = await filled(
  new EncoderEmbedder({
    encoder: () => Promise.resolve(stub),
    cascade: (first) => weakEvidence(first) && ++encoded > 0,
  }),
);
const times: Record<string, number[]> = { local: [], joined: [], cascade: [] };
for (let round = 0; round < rounds; round++) {
  const fixtures = [["local", local], ["joined", joined], ["cascade", cascade]] as const;
  for (const [at, [name, fixture]] of fixtures.entries()) {
    for (const text of queries) {
      // A text of its own each round and fixture (and not the one timed alone above): the
      // encoder remembers its latest texts.
      const query = text + " ".repeat(1 + round * fixtures.length + at);
      start = performance.now();
      await fixture.memory.search(fixture.aria, { query, n_results: 5, min_importance: 0 });
      times[name]!.push(performance.now() - start);
    }
  }
}
await local.close();
await joined.close();
await cascade.close();
for (const values of [queryMs, ...Object.values(times)]) values.sort((a, b) => a - b);
const p = (values: number[], q: number) => percentile(values, q).toFixed(2);
console.log(`encoder: load ${loadMs.toFixed(0)} ms, RSS +${rssAdded.toFixed(0)} MB`);
console.log(`query encode p50 ${p(queryMs, 50)} ms, p90 ${p(queryMs, 90)} ms`);
console.log(`memory encode (batch of 128) ${memoryMs.toFixed(2)} ms each`);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
console.log(
  `search at ${size} (${synthetic ? "synthetic" : "set 1"} texts), p50 / mean ms: local ` +
    `${p(times.local!, 50)} / ${mean(times.local!).toFixed(2)}; encoder always ` +
    `${p(times.joined!, 50)} / ${mean(times.joined!).toFixed(2)}; cascade ` +
    `${p(times.cascade!, 50)} / ${mean(times.cascade!).toFixed(2)} (encoder ran on ${
      (100 * encoded / (rounds * queries.length)).toFixed(0)
    } % of queries) (loadavg ${Deno.loadavg().map((v) => v.toFixed(2)).join(" ")})`,
);

/** `bench:memory`'s texts: made-up words from 12 syllables, drawn by a Zipf law (s = 1). */
function sentence(words: number): string {
  return Array.from({ length: words }, () => {
    const target = next() * zipf.at(-1)!;
    const rank = zipf.findIndex((sum) => sum >= target);
    return vocabulary[rank]!;
  }).join(" ");
}
