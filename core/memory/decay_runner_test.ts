import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { MemoryBackend } from "./backend.ts";
import { daysAgo, input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

/** `backend` with its `list` calls counted per persona. */
function countingLists(backend: MemoryBackend, lists: Map<string, number>): MemoryBackend {
  return new Proxy(backend, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (typeof value !== "function") return value;
      if (name === "list") {
        return (personaId: string) => {
          lists.set(personaId, (lists.get(personaId) ?? 0) + 1);
          return target.list(personaId);
        };
      }
      return value.bind(target);
    },
  });
}

Deno.test("a decay cycle lists each persona once, and auto-pruning plans on the decayed memories", async () => {
  const lists = new Map<string, number>();
  const fixture = await memoryFixture(
    (db) => countingLists(new SqliteBackend((db as SqliteDatabase).connection), lists),
    {
      settings: { pruneThreshold: 10, pruneTarget: 6 },
    },
  );
  try {
    const { memory, aria, kira, clock } = fixture;
    // Undecayed, the 0.6 memory would outlast the 0.5 ones; decayed (linear: 80 days take 0.8
    // off, 40 days 0.4) it is 0.12 against 0.3, so it goes first.
    const stored = await memory.storeMany(aria, [
      ...Array.from(
        { length: 11 },
        (_, i) => input({ content: `old ${i}`, importance: 0.5, created_at: daysAgo(clock, 40) }),
      ),
      input({ content: "older but was stronger", importance: 0.6, created_at: daysAgo(clock, 80) }),
    ]);
    await memory.store(kira, input({ content: "Kira's only memory", importance: 0.5 }));
    lists.clear();

    const cycle = await memory.decay.runCycle();
    assert.deepEqual(Object.fromEntries(lists), { [aria.id]: 1, [kira.id]: 1 });
    assert.equal(cycle.personas_processed, 2);
    assert.equal(cycle.memories_processed, 13);
    assert.equal(cycle.memories_decayed, 12);
    assert.equal(cycle.auto_prunes_triggered, 1);
    assert.equal(cycle.memories_pruned, 6);
    const left = await fixture.backend.list(aria.id);
    assert.equal(left.length, 6);
    assert.ok(
      left.every((record) => record.importance === 0.3),
      "decayed importances are what is stored",
    );
    assert.ok(!left.some((record) => record.id === stored.at(-1)!.id));
  } finally {
    await fixture.close();
  }
});
