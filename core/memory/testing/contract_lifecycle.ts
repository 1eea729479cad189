/**
 * Contract cases, part 2: decay, pruning, persona deletion, reindexing and reopening the store.
 * Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ContractCase } from "./contract_search.ts";
import { daysAgo, HashedTestEmbedder, input, type MemoryFixture } from "./contract_fixture.ts";
import type { DecayMode } from "../decay.ts";
import { LocalEmbedder } from "../embedder.ts";
import type { MemoryRecord } from "../schema.ts";

async function importanceOf(f: MemoryFixture, id: string): Promise<number> {
  return (await f.memory.get(id)).importance;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Decay, prune, deletion, reindex and persistence cases. */
export const LIFECYCLE_CASES: ContractCase[] = [
  ["count counts one persona's memories, whatever their embedder", async (f) => {
    assert.equal(await f.memory.count(f.aria), 0);
    await f.memory.storeMany(f.aria, [input({ content: "one" }), input({ content: "two" })]);
    await f.memory.store(f.kira, input({ content: "not Aria's" }));
    assert.equal(await f.memory.count(f.aria), 2);
    assert.equal(await f.memory.count(f.kira), 1);
  }],
  ["decay follows the documented formula by age, respects exemptions and the floor", async (f) => {
    const [aged, important, faint, young] = await f.memory.storeMany(f.aria, [
      input({ content: "thirty days old", importance: 0.5, created_at: daysAgo(f.clock, 30) }),
      input({ content: "important and old", importance: 0.85, created_at: daysAgo(f.clock, 300) }),
      input({ content: "old and faint", importance: 0.3, created_at: daysAgo(f.clock, 300) }),
      input({ content: "brand new", importance: 0.5 }),
    ]);
    const used = await f.memory.store(
      f.aria,
      input({ content: "used lately", importance: 0.5, created_at: daysAgo(f.clock, 200) }),
    );
    f.clock.advance(-3 * 86_400_000);
    await f.memory.search(f.aria, { query: "used lately", n_results: 1, min_importance: 0 });
    f.clock.advance(3 * 86_400_000);

    const result = await f.memory.decay.decayPersona(f.aria.id);
    assert.equal(result.memories_processed, 5);
    assert.equal(result.memories_exempt, 2);
    // linear: f = min(0.01·days, 0.8); 30 days: 0.5·(1 − 0.3).
    assert.equal(await importanceOf(f, aged!.id), 0.35);
    assert.equal(await importanceOf(f, important!.id), 0.85, "important memories are exempt");
    assert.equal(await importanceOf(f, faint!.id), 0.1, "0.3·0.2 = 0.06 is held at the floor");
    assert.equal(await importanceOf(f, young!.id), 0.5);
    assert.equal(await importanceOf(f, used.id), 0.5, "used 3 days ago: exempt");

    const again = await f.memory.decay.decayPersona(f.aria.id);
    assert.equal(again.memories_decayed, 0, "a second run does not decay twice");
    assert.equal(await importanceOf(f, aged!.id), 0.35);
  }],
  ["every mode follows its curve; decay_force with a factor applies it once", async (f) => {
    const { id } = await f.memory.store(
      f.aria,
      input({ content: "m", importance: 0.6, created_at: daysAgo(f.clock, 30) }),
    );
    const expected: Record<DecayMode, number> = {
      linear: 0.6 * (1 - 0.3),
      exponential: 0.6 * 0.5, // 1 − 0.5^(30/30)
      logarithmic: 0.6 * (1 - Math.log(31) / Math.log(91)),
      access_based: 0.6 * (1 - 2 * (1 - 0.7)), // never accessed: twice the fraction
    };
    for (const [mode, value] of Object.entries(expected)) {
      const service = await f.reopen({ settings: { decayMode: mode as DecayMode } });
      await service.decay.decayPersona(f.aria.id);
      assert.equal(await importanceOf(f, id), round3(value), mode);
    }
    const forced = await f.memory.decay.decayPersona(f.aria.id, 0.5);
    assert.equal(forced.memories_decayed, 1);
    const after = await f.memory.get(id);
    assert.equal(after.importance, round3(round3(expected.access_based) * 0.5));
    assert.equal(after.base_importance, 0.3, "the base loses the factor too");
  }],
  [
    "pruning 1,000 old, unread, unimportant memories leaves the target and every protected one",
    async (f) => {
      const old = Array.from({ length: 1000 }, (_, i) =>
        input({
          content: `old note ${i}`,
          importance: 0.2 + (i % 10) / 100,
          created_at: daysAgo(f.clock, 120),
        }));
      await f.memory.storeMany(f.aria, old);
      const keep = await f.memory.storeMany(f.aria, [
        ...Array.from({ length: 10 }, (_, i) =>
          input({
            content: `important ${i}`,
            importance: 0.75,
            created_at: daysAgo(f.clock, 120),
          })),
        ...Array.from(
          { length: 10 },
          (_, i) => input({ content: `young unread ${i}`, importance: 0.1 }),
        ),
      ]);
      const often = await f.memory.store(
        f.aria,
        input({
          content: "the well-worn song about the sea",
          importance: 0.1,
          created_at: daysAgo(f.clock, 120),
        }),
      );
      for (let i = 0; i < 5; i++) {
        await f.memory.search(f.aria, {
          query: "well-worn song sea",
          n_results: 1,
          min_importance: 0,
        });
      }
      assert.equal((await f.memory.get(often.id)).accessed_count, 5);

      const advice = await f.memory.pruning.recommendations(f.aria.id);
      assert.equal(advice.needs_pruning, true);
      assert.equal(advice.would_prune, 1021 - 800);
      const result = await f.memory.pruning.prune(f.aria.id);
      assert.equal(result.status, "pruning_completed");
      assert.equal(result.memories_before, 1021);
      assert.equal(result.memories_after, 800);
      assert.equal(result.memories_pruned, 221);
      const left = await f.backend.list(f.aria.id);
      assert.equal(left.length, 800, "deleted from the backend, really");
      const ids = new Set(left.map((record: MemoryRecord) => record.id));
      for (const record of [...keep, often]) {
        assert.ok(ids.has(record.id), `kept ${record.content}`);
      }
      const pruned = old.length -
        left.filter((record) => record.content.startsWith("old note")).length;
      assert.equal(pruned, 221);
      assert.equal((await f.memory.pruning.prune(f.aria.id)).status, "no_pruning_needed");
    },
  ],
  ["deleting a persona deletes its memories", async (f) => {
    await f.memory.storeMany(f.kira, [input({ content: "one" }), input({ content: "two" })]);
    await f.memory.store(f.aria, input({ content: "Aria keeps hers" }));
    await f.personas.delete(f.kira.id);
    assert.equal((await f.backend.list(f.kira.id)).length, 0);
    assert.equal((await f.backend.list(f.aria.id)).length, 1);
    assert.deepEqual((await f.backend.summaries()).map((s) => s.persona_id), [f.aria.id]);
  }],
  [
    "vectors of different embedders never mix; words find memories before the reindex, which reports progress",
    async (f) => {
      await f.memory.storeMany(f.aria, [
        input({ content: "The ferry leaves at noon" }),
        input({ content: "Bring the ferry tickets" }),
      ]);
      const embedder = new HashedTestEmbedder(128);
      // Asked of the reopened service's own backend: the first one, as a process that ended, is
      // not kept in step with another's writes over its connection (its indexes, loaded at its
      // first store, follow only its own writes).
      const backend = await f.restarted();
      const switched = await f.reopen({ embedder, backend });
      const query = { query: "ferry", n_results: 5, min_importance: 0 };
      const similarities = async (id: string) => {
        const [vector] = await (id === embedder.id ? embedder : new LocalEmbedder()).embed([
          "ferry",
        ]);
        const found = await backend.candidates({
          personaId: f.aria.id,
          othersVisibility: [],
          vector: vector!,
          embedder: id,
          terms: ["ferri"],
          minImportance: 0,
          limit: 10,
        });
        return found.map((candidate) => candidate.similarity);
      };
      const relevances = async (memory: typeof switched) =>
        (await memory.search(f.aria, query)).sort((a, b) => a.id.localeCompare(b.id))
          .map((hit) => hit.relevance);
      const before = await relevances(switched);
      assert.equal(before.length, 2, "BM25 needs no vectors");
      assert.deepEqual(await similarities(embedder.id), [0, 0], "old vectors are not compared");
      assert.equal((await switched.stats(f.aria)).needs_reindex, 2);
      const progress: Array<[number, number]> = [];
      const result = await switched.reindex(f.aria, {
        onProgress: ({ done, total }) => progress.push([done, total]),
      });
      assert.deepEqual(result, { total: 2, reindexed: 2, already_current: 0 });
      assert.deepEqual(progress, [[0, 2], [2, 2]]);
      const after = await relevances(switched);
      assert.ok(after.every((value, i) => value > before[i]!), `vectors count now: ${after}`);
      assert.equal((await switched.stats(f.aria)).needs_reindex, 0);
      assert.deepEqual(
        await similarities(new LocalEmbedder().id),
        [0, 0],
        "and the old embedder compares none",
      );
    },
  ],
  ["a reopened store has every field, created_at and access counts included", async (f) => {
    const stored = await f.memory.store(
      f.aria,
      input({ content: "The tide tables of Kestrel Bay", created_at: daysAgo(f.clock, 12) }),
    );
    await f.memory.search(f.aria, { query: "Kestrel tide", n_results: 1, min_importance: 0 });
    const before = await f.memory.get(stored.id);
    const reopened = await f.reopen();
    assert.deepEqual(await reopened.get(stored.id), before);
    assert.equal(before.accessed_count, 1);
    const [hit] = await reopened.search(f.aria, {
      query: "Kestrel Bay",
      n_results: 1,
      min_importance: 0,
    });
    assert.equal(hit!.accessed_count, 2);
  }],
];
