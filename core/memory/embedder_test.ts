import assert from "node:assert/strict";
import { FakeOllama } from "../../tests/fake_ollama.ts";
import { FakeOpenAi } from "../../tests/fake_openai.ts";
import { OPENAI } from "../../tests/_providers.ts";
import { Busy, MemoryUnavailable } from "../errors.ts";
import { OllamaBackend } from "../llm/ollama.ts";
import { LlmService } from "../llm/service.ts";
import { createEmbedder } from "./embedder_choice.ts";
import { dot, type Embedder, hashedFeatures, LocalEmbedder, ModelEmbedder } from "./embedder.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { WORD_VECTOR_ID } from "./meaning/vector_tables.ts";
import { QUERY_FRAME_MEANING_WEIGHT } from "./ranking.ts";

function norm(vector: Float32Array): number {
  return Math.sqrt(dot(vector, vector));
}

function ollama(host: string): LlmService {
  return new LlmService({
    defaultProvider: "ollama",
    backends: { ollama: new OllamaBackend(host) },
    settings: { timeoutMs: 5000, streamIdleMs: 5000, concurrency: 1, queueLimit: 8 },
  });
}

Deno.test("the local embedder is deterministic, unit length and needs nothing", async () => {
  const embedder = new LocalEmbedder();
  const [a, b, empty] = await embedder.embed(["The harbor at dawn", "The harbor at dawn", ""]);
  assert.equal(embedder.id, `local-v2-${WORD_VECTOR_ID}`);
  assert.equal(a!.length, 100);
  assert.deepEqual(a, b);
  assert.ok(Math.abs(norm(a!) - 1) < 1e-6);
  assert.equal(norm(empty!), 0);
});

Deno.test("texts repeated in one batch get equal vectors of their own, as alone", async () => {
  // A dialogue turn's listeners store the same text: computed once, copied for each.
  const embedder = new LocalEmbedder();
  const heard = "Mira said (about baking): the oven broke again";
  const vectors = await embedder.embed([
    heard,
    "I said to Tomas: the oven broke again",
    heard,
    heard,
  ]);
  const [alone] = await embedder.embed([heard]);
  for (const i of [0, 2, 3]) assert.deepEqual(vectors[i], alone);
  assert.notDeepEqual(vectors[1], alone);
  vectors[0]!.fill(0);
  assert.deepEqual(vectors[2], alone, "no two memories share one array");
  assert.notEqual(vectors[2], vectors[3]);
});

Deno.test("related texts are closer than unrelated ones, with no word in common", async () => {
  const embedder = new LocalEmbedder();
  const [physician, doctor, fruit, moved, moving, weather] = await embedder.embed([
    "Which physician treats children?",
    "My sister is a paediatric doctor",
    "Bananas are cheap at the market",
    "when we moved house",
    "We are moving to Lisbon next spring",
    "The weather is nice today",
  ]);
  assert.ok(dot(physician!, doctor!) > dot(physician!, fruit!) + 0.2);
  assert.ok(dot(moved!, moving!) > dot(moved!, weather!) + 0.2);
});

Deno.test("a text without a known word gets its hashed word features instead", async () => {
  const embedder = new LocalEmbedder();
  const [name, again, doctor] = await embedder.embed(["Zephyrine", "zephyrine!", "doctor"]);
  assert.deepEqual(name, hashedFeatures("Zephyrine", 100));
  assert.ok(Math.abs(norm(name!) - 1) < 1e-6);
  assert.ok(dot(name!, again!) > 0.99, "names still find each other");
  assert.deepEqual(doctor, (await WordVectors.shared()).sentence("doctor"));
});

Deno.test("a query's vector leaves out question-frame words; a memory's and a bare query's keep all", async () => {
  const embedder = new LocalEmbedder();
  const words = await WordVectors.shared();
  assert.equal(QUERY_FRAME_MEANING_WEIGHT, 0);
  const text = "Do you still remember my dog?";
  const asked = await embedder.embedQuery(text);
  assert.deepEqual(asked, words.sentence("my dog"), "'still' and 'remember' say how, not what");
  const [stored] = await embedder.embed([text]);
  assert.ok(dot(asked, stored!) < 0.95, "a memory's 'remember' counts");
  // No frame word: the same vector as embed's; only frame words: the whole text's.
  assert.deepEqual(await embedder.embedQuery("my dog"), (await embedder.embed(["my dog"]))[0]);
  const framesOnly = "Tell me everything you remember";
  assert.deepEqual(await embedder.embedQuery(framesOnly), (await embedder.embed([framesOnly]))[0]);
  assert.ok(norm(await embedder.embedQuery(framesOnly)) > 0.99);
});

Deno.test("a query's vector takes a WordNet phrase for its synonyms (not a phrasal verb)", async () => {
  const embedder = new LocalEmbedder();
  const [married, hitched] = await embedder.embed([
    "We married in a small chapel.",
    "Where did we get hitched?",
  ]);
  const asked = await embedder.embedQuery("Where did we get hitched?");
  // "get hitched": marry, wed, ... (their mean); "hitched" alone is a word for trailers.
  assert.ok(dot(hitched!, married!) < 0.1);
  assert.ok(dot(asked, married!) > 0.3, `${dot(asked, married!)}`);
  // "taken out" may be "remove" or a trip out: its particle may be a preposition.
  const organ = "What organ was taken out?";
  assert.deepEqual(await embedder.embedQuery(organ), (await embedder.embed([organ]))[0]);
});

Deno.test("EMBED_MODEL picks Ollama; empty picks the local embedder", () => {
  const client = ollama("http://127.0.0.1:9");
  assert.equal(createEmbedder(client, "").id, new LocalEmbedder().id);
  assert.equal(createEmbedder(client, "nomic-embed-text").id, "ollama:nomic-embed-text");
  const model: Embedder = new ModelEmbedder(client, "nomic-embed-text");
  assert.equal(model.wordVectors, undefined, "a model's vectors replace the word vectors");
  assert.equal(model.embedQuery, undefined, "a model embeds a query as any text");
});

Deno.test("the Ollama embedder normalises /api/embed vectors; failures are memory errors", async () => {
  const fake = FakeOllama.start({ models: ["nomic-embed-text"], embedDimensions: 32 });
  try {
    const embedder = new ModelEmbedder(ollama(fake.url), "nomic-embed-text");
    const vectors = await embedder.embed(["magic spells", "the harbor"]);
    assert.equal(vectors.length, 2);
    assert.equal(vectors[0]!.length, 32);
    assert.ok(Math.abs(norm(vectors[1]!) - 1) < 1e-6);
    assert.deepEqual(fake.requests.at(-1)?.body, {
      model: "nomic-embed-text",
      input: ["magic spells", "the harbor"],
    });

    const missing = new ModelEmbedder(ollama(fake.url), "not-pulled");
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

Deno.test("a full model queue reaches the embedder's caller as busy (retry), not as a memory error", async () => {
  const fake = FakeOllama.start({ models: ["nomic-embed-text", "m"], firstTokenDelayMs: 200 });
  const llm = new LlmService({
    defaultProvider: "ollama",
    backends: { ollama: new OllamaBackend(fake.url) },
    settings: { timeoutMs: 5000, streamIdleMs: 5000, concurrency: 1, queueLimit: 1 },
  });
  try {
    // One chat runs, one waits: the queue is full.
    const chats = [1, 2].map(() =>
      llm.chat({ model: "m", messages: [{ role: "user", content: "hi" }] })
    );
    const embedder = new ModelEmbedder(llm, "nomic-embed-text");
    await assert.rejects(embedder.embed(["x"]), (error) => {
      assert.ok(error instanceof Busy, `${error}`);
      assert.equal((error.data as { reason: string }).reason, "queue_full");
      return true;
    });
    await Promise.all(chats);
  } finally {
    await fake.stop();
  }
});

Deno.test("through an OpenAI-compatible server the embedder is openai:<model> and uses /v1/embeddings", async () => {
  const fake = FakeOpenAi.start({ models: ["nomic-embed-text"], embedDimensions: 24 });
  try {
    const embedder = createEmbedder(OPENAI.llm(fake), "nomic-embed-text");
    assert.equal(embedder.id, "openai:nomic-embed-text", "never compared with Ollama's vectors");
    const [vector] = await embedder.embed(["magic spells"]);
    assert.equal(vector?.length, 24);
    assert.ok(Math.abs(norm(vector ?? new Float32Array()) - 1) < 1e-6);
    assert.equal(fake.requests.at(-1)?.path, "/v1/embeddings");
    assert.equal(createEmbedder(OPENAI.llm(fake), "ollama:all-minilm").id, "ollama:all-minilm");
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
