import assert from "node:assert/strict";
import { FakeOllama } from "../../tests/fake_ollama.ts";
import { MemoryUnavailable } from "../errors.ts";
import { OllamaClient } from "../llm/client.ts";
import {
  createEmbedder,
  dot,
  type Embedder,
  hashedFeatures,
  LOCAL_PARTS,
  LocalEmbedder,
  OllamaEmbedder,
} from "./embedder.ts";
import { WORD_VECTOR_ID, WordVectors } from "./meaning/word_vectors.ts";

function norm(vector: Float32Array): number {
  return Math.sqrt(dot(vector, vector));
}

function ollama(host: string): OllamaClient {
  return new OllamaClient({
    host,
    timeoutMs: 5000,
    streamIdleMs: 5000,
    concurrency: 1,
    queueLimit: 8,
  });
}

Deno.test("the local embedder is deterministic, unit length and needs nothing", async () => {
  const embedder = new LocalEmbedder();
  const [a, b, empty] = await embedder.embed(["The harbor at dawn", "The harbor at dawn", ""]);
  assert.equal(embedder.id, `local-v2-hash256-${WORD_VECTOR_ID}`);
  assert.equal(a!.length, 256 + 100);
  assert.deepEqual(a, b);
  assert.ok(Math.abs(norm(a!) - 1) < 1e-6);
  assert.equal(norm(empty!), 0);
});

Deno.test("related texts are closer than unrelated ones (word forms, names, meaning)", async () => {
  const embedder = new LocalEmbedder();
  const [query, moving, weather, name, tea, physician, doctor, fruit] = await embedder.embed([
    "when we moved house",
    "We are moving to Lisbon next spring",
    "The weather is nice today",
    "Zephyrine",
    "I had tea with Zephyrine",
    "Which physician treats children?",
    "My sister is a paediatric doctor",
    "Bananas are cheap at the market",
  ]);
  assert.ok(dot(query!, moving!) > dot(query!, weather!) + 0.2);
  assert.ok(dot(name!, tea!) > 0.3);
  // No word in common: only the word vectors bring these two together.
  assert.ok(dot(physician!, doctor!) > dot(physician!, fruit!) + 0.2);
});

Deno.test("the parts are weighted as documented: hashed features and SIF meaning", async () => {
  const embedder = new LocalEmbedder();
  const text = "Kira gave me a silver flute";
  const [vector] = await embedder.embed([text]);
  const hashed = hashedFeatures(text, 256);
  const meaning = (await WordVectors.shared()).sentence(text);
  assert.ok(Math.abs(dot(vector!.subarray(0, 256), hashed) - Math.sqrt(LOCAL_PARTS.hashed)) < 1e-5);
  assert.ok(Math.abs(dot(vector!.subarray(256), meaning) - Math.sqrt(LOCAL_PARTS.meaning)) < 1e-5);
  assert.equal(LOCAL_PARTS.hashed + LOCAL_PARTS.meaning, 1);
});

Deno.test("EMBED_MODEL picks Ollama; empty picks the local embedder", () => {
  const client = ollama("http://127.0.0.1:9");
  assert.equal(createEmbedder(client, "").id, new LocalEmbedder().id);
  assert.equal(createEmbedder(client, "nomic-embed-text").id, "ollama:nomic-embed-text");
  const model: Embedder = new OllamaEmbedder(client, "nomic-embed-text");
  assert.equal(model.wordVectors, undefined, "a model's vectors replace the word vectors");
});

Deno.test("the Ollama embedder normalises /api/embed vectors; failures are memory errors", async () => {
  const fake = FakeOllama.start({ models: ["nomic-embed-text"], embedDimensions: 32 });
  try {
    const embedder = new OllamaEmbedder(ollama(fake.url), "nomic-embed-text");
    const vectors = await embedder.embed(["magic spells", "the harbor"]);
    assert.equal(vectors.length, 2);
    assert.equal(vectors[0].length, 32);
    assert.ok(Math.abs(norm(vectors[1]) - 1) < 1e-6);
    assert.deepEqual(fake.requests.at(-1)?.body, {
      model: "nomic-embed-text",
      input: ["magic spells", "the harbor"],
    });

    const missing = new OllamaEmbedder(ollama(fake.url), "not-pulled");
    await assert.rejects(missing.embed(["x"]), (error: MemoryUnavailable) => {
      assert.ok(error instanceof MemoryUnavailable);
      assert.equal((error.data as { reason: string }).reason, "embedder_unavailable");
      assert.match(error.message, /not-pulled/);
      return true;
    });
  } finally {
    await fake.stop();
  }
});

Deno.test("the hashed features' buckets and weights are pinned: stored vectors depend on them", () => {
  const vector = hashedFeatures("Zephyrine", 256);
  const buckets = [...vector.entries()]
    .filter(([, value]) => Math.abs(value) > 1e-6)
    .map(([index, value]) => index * Math.sign(value));
  assert.deepEqual(
    buckets,
    [26, -57, -70, 71, -80, 136, -140, -150, 165, 175, 184, -192, 224, -248],
  );
  // The whole word (two buckets at half weight) and one of its trigrams, to the last bit.
  assert.equal(vector[71], 0.6816971302032471);
  assert.equal(vector[165], 0.6816971302032471);
  assert.equal(vector[26], 0.07669093459844589);
});
