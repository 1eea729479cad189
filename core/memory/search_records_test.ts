import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";
import { embedQueryText } from "./memory_embedding.ts";
import { recalled } from "./records.ts";
import { MemoryReads } from "./memory_reads.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { hit, Searcher } from "./search.ts";
import type { Ranked } from "./rank.ts";

Deno.test("search hands its caller records of its own: a change to one shows in no later search", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const stored = await fixture.memory.store(
      fixture.aria,
      input({ content: "Aria keeps bees on the roof", metadata: { tags: ["bees"] } }),
    );
    const params = { query: "bees on the roof", n_results: 3, min_importance: 0 };
    for (let round = 0; round < 2; round++) {
      const [hit] = await fixture.memory.search(fixture.aria, params);
      assert.equal(hit?.id, stored.id);
      assert.deepEqual(hit!.metadata, { tags: ["bees"] }, "no earlier caller's change shows");
      (hit!.metadata.tags as string[]).push("changed by a caller");
      (hit!.metadata as Record<string, unknown>).note = "changed by a caller";
      hit!.related_personas.push("someone");
      hit!.content = "changed by a caller";
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("a ranking asked for `shared` records gives the row cache's own, frozen and unchanged, and copies else", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await fixture.memory.store(
      fixture.aria,
      input({ content: "Aria keeps bees on the roof", metadata: { tags: ["bees"] } }),
    );
    await fixture.memory.store(fixture.aria, input({ content: "The bees swarmed in June" }));
    const embedder = new LocalEmbedder();
    const searcher = new Searcher({
      backend: fixture.backend,
      embedder,
      clock: fixture.clock,
      personas: fixture.personas,
    });
    const params = { query: "bees on the roof", n_results: 3, min_importance: 0 };
    const vector = await embedQueryText(embedder, params.query);
    const rank = (shared?: boolean) =>
      searcher.ranked(fixture.aria, params, { vector, touch: false, shared });
    const first = await rank(true);
    assert.equal(first.length, 2);
    for (const item of first) {
      assert.ok(Object.isFrozen(item.record) && Object.isFrozen(item.record.metadata));
    }
    const again = await rank(true);
    assert.deepEqual(again.map((item) => item.record), first.map((item) => item.record));
    assert.ok(again.every((item, i) => item.record === first[i]!.record), "no copy made");
    const copies = await rank();
    assert.deepEqual(copies.map((item) => item.record), first.map((item) => item.record));
    for (const item of copies) assert.equal(Object.isFrozen(item.record.metadata), false);
  } finally {
    await fixture.close();
  }
});

Deno.test("recalled gives a ranked memory's fields as its search hit gives them, the score rounded alike", () => {
  const record = sampleRecord({
    id: "m1",
    persona_id: "p1",
    content: "Aria keeps bees",
    memory_type: "fact",
    importance: 0.7,
    base_importance: 0.7,
    created_at: "2026-06-01T00:00:00.000Z",
    embedder: "local",
  });
  const item = { record, score: 0.123456789, relevance: 0.5, recency: 1 } as unknown as Ranked;
  const viaHit = hit(item);
  assert.deepEqual(recalled(item), {
    id: viaHit.id,
    content: viaHit.content,
    importance: viaHit.importance,
    memory_type: viaHit.memory_type,
    created_at: viaHit.created_at,
    score: viaHit.score,
  });
  assert.equal(recalled(item).score, 0.1235);
});

Deno.test("a prompt's recall asks for shared records: it reads them, gives none out", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await fixture.memory.store(fixture.aria, input({ content: "Aria keeps bees on the roof" }));
    const embedder = new LocalEmbedder();
    const asked: (boolean | undefined)[] = [];
    // The real searcher, its ranking watched.
    class WatchedSearcher extends Searcher {
      override ranked(...args: Parameters<Searcher["ranked"]>) {
        asked.push(args[2].shared);
        return super.ranked(...args);
      }
    }
    const searcher = new WatchedSearcher({
      backend: fixture.backend,
      embedder,
      clock: fixture.clock,
      personas: fixture.personas,
    });
    const reads = new MemoryReads({ searcher, embedder, backendName: "sqlite" });
    const [memory] = await reads.recall(fixture.aria, "bees on the roof", { limit: 3 });
    assert.equal(memory?.content, "Aria keeps bees on the roof");
    assert.deepEqual(asked, [true]);
  } finally {
    await fixture.close();
  }
});
