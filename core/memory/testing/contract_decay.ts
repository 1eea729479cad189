/**
 * Contract cases, decay and reindex: neither a decay pass nor a reindex undoes what was written
 * between its read of a persona's memories and its own write (another node's write on
 * PostgreSQL, or a writer without the persona lock): the write is paused at a deterministic
 * point and the other writes land there. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { isoTime } from "../../clock.ts";
import type { MemoryBackend } from "../backend.ts";
import { LocalEmbedder } from "../embedder.ts";
import { daysAgo, HashedTestEmbedder, input, type MemoryFixture } from "./contract_fixture.ts";

/**
 * `backend` whose first write of a decay or a reindex (`writeImportance` or `writeVectors`, or
 * `save` for one that saves whole records) first awaits `between`: the gap between its read and
 * its write.
 */
export function pausedDecay(backend: MemoryBackend, between: () => Promise<void>): MemoryBackend {
  let armed = true;
  const paused = new Set(["writeImportance", "writeVectors", "save"]);
  return new Proxy(backend, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (typeof value !== "function") return value;
      if (typeof name !== "string" || !paused.has(name)) return value.bind(target);
      return async (...args: unknown[]) => {
        if (armed) {
          armed = false;
          await between();
        }
        return await value.apply(target, args);
      };
    },
  });
}

/** Every decay case: name and body. */
export const DECAY_CASES: Array<[string, (f: MemoryFixture) => Promise<void>]> = [
  [
    "a decay keeps a link, metadata, an importance and an access written after its read",
    async (f) => {
      const old = daysAgo(f.clock, 40);
      const [rent, cello, rain, newer] = await f.memory.storeMany(f.aria, [
        input({ content: "Aria's rent is 900 a month", importance: 0.5, created_at: old }),
        input({ content: "Aria plays the cello", importance: 0.5, created_at: old }),
        input({ content: "Aria likes walking in the rain", importance: 0.5, created_at: old }),
        input({ content: "Aria's rent is 1050 a month", importance: 0.5, created_at: old }),
      ]);
      // The indexes a search keeps are loaded (no search: it would count accesses, and a memory
      // used this week does not decay): the decay's write must keep them in step.
      const [probe] = await new LocalEmbedder().embed(["rent"]);
      await f.backend.preload?.(f.aria.id, {
        embedder: f.memory.embedderId,
        dimensions: probe!.length,
      });
      let landed = false;
      const between = async () => {
        const now = isoTime(f.clock.now());
        // A supersession link and metadata, an importance set by hand, an access: each written
        // straight to the store (as another node would), after the decay read the memories.
        await f.backend.save([{
          record: { ...rent!, superseded_by: newer!.id, metadata: { source: "lease" } },
        }]);
        await f.backend.save([{
          record: { ...cello!, importance: 0.9, base_importance: 0.9, importance_set_at: now },
        }]);
        await f.backend.touch([rain!], now);
        landed = true;
      };
      const service = await f.reopen({ backend: pausedDecay(f.backend, between) });
      const result = await service.decay.decayPersona(f.aria.id);
      assert.ok(landed, "the writes landed inside the decay");
      const after = new Map(
        (await f.backend.getMany([rent!.id, cello!.id, rain!.id, newer!.id])).map((r) => [r.id, r]),
      );
      const got = (id: string) => after.get(id)!;
      assert.equal(got(rent!.id).superseded_by, newer!.id, "the supersession link survived");
      assert.deepEqual(got(rent!.id).metadata, { source: "lease" }, "the metadata survived");
      assert.equal(got(rent!.id).importance, 0.3, "and the memory decayed (linear, 40 days)");
      assert.equal(got(rent!.id).base_importance, 0.5);
      assert.equal(got(cello!.id).importance, 0.9, "the importance set meanwhile survived");
      assert.equal(got(cello!.id).base_importance, 0.9);
      assert.equal(got(rain!.id).accessed_count, 1, "the access survived");
      assert.equal(got(rain!.id).importance, 0.3);
      assert.equal(got(newer!.id).importance, 0.3);
      assert.equal(result.memories_decayed, 3, "the memory changed meanwhile is not counted");
      // Searches filter on the decayed importance (the indexes and vector filters follow).
      const hits = await f.memory.search(f.aria, {
        query: "rent a month",
        n_results: 10,
        min_importance: 0.35,
      });
      assert.ok(!hits.some((hit) => hit.id === newer!.id), "decayed below the bar");
    },
  ],
  [
    "a reindex keeps an importance and an access written after its read",
    async (f) => {
      const [rent, cello] = await f.memory.storeMany(f.aria, [
        input({ content: "Aria's rent is 900 a month", importance: 0.5 }),
        input({ content: "Aria plays the cello", importance: 0.5 }),
      ]);
      let landed = false;
      const between = async () => {
        // A decay's importance (as another node's decay writes it) and an access, after the
        // reindex read the memories and before it writes their vectors.
        await f.backend.writeImportance([{ record: rent!, importance: 0.2, base_importance: 0.5 }]);
        await f.backend.touch([cello!], isoTime(f.clock.now()));
        landed = true;
      };
      const embedder = new HashedTestEmbedder(64);
      const service = await f.reopen({ backend: pausedDecay(f.backend, between), embedder });
      const result = await service.reindex(f.aria);
      assert.ok(landed, "the writes landed inside the reindex");
      assert.equal(result.reindexed, 2);
      await f.backend.flush?.();
      const after = new Map(
        (await f.backend.getMany([rent!.id, cello!.id])).map((record) => [record.id, record]),
      );
      assert.equal(after.get(rent!.id)!.importance, 0.2, "the decayed importance survived");
      assert.equal(after.get(cello!.id)!.accessed_count, 1, "the access survived");
      for (const record of after.values()) assert.equal(record.embedder, embedder.id);
      const hits = await service.search(f.aria, {
        query: "cello",
        n_results: 1,
        min_importance: 0,
      });
      assert.equal(hits[0]?.id, cello!.id, "found with the new vectors");
    },
  ],
  [
    "a reindex skips a memory whose content or embedder changed after its read",
    async (f) => {
      const [rent, cello] = await f.memory.storeMany(f.aria, [
        input({ content: "Aria's rent is 900 a month", importance: 0.5 }),
        input({ content: "Aria plays the cello", importance: 0.5 }),
      ]);
      const embedder = new HashedTestEmbedder(64);
      const edited = "Aria's rent is 1200 a month";
      const between = async () => {
        // Another writer edits the rent (its vector by the embedder it was stored with), and
        // another node's reindex moves the cello to the new embedder first.
        const [fresh] = await new LocalEmbedder().embed([edited]);
        await f.backend.save([{ record: { ...rent!, content: edited }, vector: fresh }]);
        const [moved] = await embedder.embed([cello!.content]);
        await f.backend.writeVectors([{ record: cello!, embedder: embedder.id, vector: moved! }]);
      };
      const service = await f.reopen({ backend: pausedDecay(f.backend, between), embedder });
      const result = await service.reindex(f.aria);
      assert.equal(result.reindexed, 0, "neither is written over what changed");
      await f.backend.flush?.();
      const after = new Map(
        (await f.backend.getMany([rent!.id, cello!.id])).map((record) => [record.id, record]),
      );
      assert.equal(after.get(rent!.id)!.content, edited);
      assert.equal(after.get(rent!.id)!.embedder, f.memory.embedderId, "left for the next reindex");
      assert.equal(after.get(cello!.id)!.embedder, embedder.id);
    },
  ],
];
