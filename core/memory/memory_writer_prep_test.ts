/**
 * The writer works out what every search asks of a candidate (`memory_prep.ts`,
 * `prepareStored`) on each write that brings a text: a store, several stored at once, a content
 * update; none on a write that keeps the text (its facts are remembered by text, still true).
 *
 * @module
 */
import assert from "node:assert/strict";
import { daysAgo, input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";
import { holdsText, memoSizes, rememberedByText } from "./text_memo.ts";

/** The local embedder, whose word vectors count the texts whose content words are asked. */
class CountingWords extends LocalEmbedder {
  readonly worded: string[] = [];

  override async wordVectors(): Promise<WordVectors> {
    const words = await super.wordVectors();
    const worded = this.worded;
    return new Proxy(words, {
      get(target, key) {
        if (key === "contentWords") {
          return (text: string) => (worded.push(text), target.contentWords(text));
        }
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}

/** Runs `work` on a SQLite memory fixture whose embedder counts content words, closed after. */
async function withWriter(
  work: (fixture: MemoryFixture, embedder: CountingWords) => Promise<void>,
): Promise<void> {
  const embedder = new CountingWords();
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder,
  });
  try {
    await work(fixture, embedder);
  } finally {
    await fixture.close();
  }
}

/** The texts an every-candidate memo of this file was asked about. */
const asked: string[] = [];
rememberedByText((text) => asked.push(text), { everyCandidate: true });

/**
 * Stores `contents` (oldest first, a day apart), then runs each of `queries`: each memo asks
 * anew only of the query's text and of the five answers (the names after their words), of none
 * of the other candidates.
 */
async function assertSearchesAfterStoring(
  contents: readonly string[],
  queries: readonly string[],
): Promise<void> {
  await withWriter(async ({ memory, aria, clock }) => {
    await memory.storeMany(
      aria,
      contents.map((content, i) =>
        input({ content, created_at: daysAgo(clock, contents.length - i) })
      ),
    );
    for (const query of queries) {
      const before = memoSizes();
      const hits = await memory.search(aria, { query, n_results: 5, min_importance: 0 });
      assert.equal(hits.length, 5);
      const grown = memoSizes().map((size, i) => size - (before[i] ?? 0));
      assert.ok(
        Math.max(...grown) <= 5,
        `${query}: texts each memo worked out: ${grown.join(" ")}`,
      );
    }
  });
}

const TOPICS = ["boat", "net", "crane", "ferry", "lighthouse", "quay", "gull", "tide"];
const LOOKS = ["blue", "quiet", "old", "wet", "busy"];

Deno.test("a search right after storing finds what it asks of every candidate worked out", async () => {
  // Forty candidates of the query (each holds "harbour"), five answers. A query with a modifier
  // of a noun (terms asked), one in the persona's own voice (terms; whether a memory tells of a
  // relative), one asking how things stand now (whether it tells a change, an event).
  await assertSearchesAfterStoring(
    Array.from(
      { length: 40 },
      (_, i) => `The harbour ${TOPICS[i % 8]} looked ${LOOKS[i % 5]} that evening`,
    ),
    ["harbour boat tide", "what do I think of the harbour", "harbour now"],
  );
});

Deno.test("a search right after storing finds what the update pairs ask of their contenders worked out", async () => {
  // The persona's own lines, each a day apart, telling changes: what the pairing of facts and
  // their unlinked updates reads of two contenders (`update_pairs.ts`) — a thing ended or denied
  // (`ended_things.ts`), a prospect met (`met_prospects.ts`), a thing of its own altered
  // (`altered_things.ts`), an ending event (`ending_events.ts`), a new amount — is worked out
  // when they are stored, not by the first search that compares them (review49d M1).
  const told = [
    (thing: string, look: string) =>
      `I no longer sail past the harbour ${thing}, it looked ${look}`,
    (thing: string, look: string) => `I love the harbour ${thing}, it looked ${look} that evening`,
    (thing: string, look: string) => `I am saving up for a harbour ${thing}, a ${look} one`,
    (thing: string, look: string) => `We finally bought the harbour ${thing}, it looked ${look}`,
    (thing: string, look: string) => `I painted my harbour ${thing} ${look} last weekend`,
    (thing: string, look: string) => `Our harbour ${thing} sank last night, it looked ${look}`,
    (thing: string, look: string) => `I have a ${look} harbour ${thing} named Biscuit`,
    (thing: string, look: string) => `I don't have the harbour ${thing} anymore, it was ${look}`,
  ];
  await assertSearchesAfterStoring(
    Array.from({ length: 40 }, (_, i) => told[i % 8]!(TOPICS[i >> 3]!, LOOKS[i % 5]!)),
    ["harbour boat tide", "what do I think of the harbour", "harbour now", "do I still sail?"],
  );
});

Deno.test("a store, several at once and a content update prepare their texts; a write that keeps the text none", async () => {
  await withWriter(async ({ memory, aria }, embedder) => {
    const one = await memory.store(aria, input({ content: "The lock keeper waved at noon" }));
    const [two, three] = await memory.storeMany(aria, [
      input({ content: "The lock keeper painted the gate" }),
      input({ content: "The lock keeper fed the swans" }),
    ]);
    const texts = [one.content, two!.content, three!.content];
    assert.deepEqual(asked.slice(-3), texts, "every-candidate facts, each text once");
    assert.deepEqual(embedder.worded.slice(-3), texts, "content words, as alignment reads them");
    await memory.update(one.id, { content: "The lock keeper retired in spring" });
    assert.equal(asked.at(-1), "The lock keeper retired in spring");
    assert.equal(embedder.worded.at(-1), "The lock keeper retired in spring");
    assert.equal(holdsText("The lock keeper retired in spring"), true);
    // Its text kept: its facts are the same (remembered by text), nothing is worked out again.
    const counts = [asked.length, embedder.worded.length];
    await memory.update(two!.id, { importance: 0.9 });
    await memory.update(three!.id, { supersedes: [two!.id] });
    await memory.reindex(aria);
    await memory.delete(one.id);
    assert.deepEqual([asked.length, embedder.worded.length], counts);
  });
});

Deno.test("a preparation that fails leaves the write done and answered", async () => {
  const failing = "The lock keeper's text that no preparation survives";
  rememberedByText((text) => {
    if (text.startsWith(failing)) throw new Error("preparation failed");
    return 0;
  }, { everyCandidate: true });
  await withWriter(async ({ memory, aria }) => {
    const stored = await memory.store(aria, input({ content: failing }));
    assert.equal((await memory.get(stored.id)).content, failing);
    const other = await memory.store(aria, input({ content: "The lock keeper slept" }));
    const updated = await memory.update(other.id, { content: `${failing}, updated` });
    assert.equal((await memory.get(other.id)).content, updated.content);
  });
});
