import assert from "node:assert/strict";
import { spareHeads } from "./prune_delete.ts";
import { linkedChain, sampleRecord } from "./testing/record_fixture.ts";
import { PersonaWriteLocks } from "./persona_write_locks.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { daysAgo, input, memoryFixture } from "./testing/contract_fixture.ts";

Deno.test("a stale plan's head whose older link stays is spared; middle links go", async () => {
  const [a, b, c] = linkedChain(sampleRecord(), sampleRecord(), sampleRecord());
  const reads: string[][] = [];
  const read = (ids: string[]) => {
    reads.push(ids);
    return Promise.resolve([a!].filter((record) => ids.includes(record.id)));
  };
  const doomed = await spareHeads([b!, c!], read);
  assert.deepEqual(doomed.map((record) => record.id), [b!.id], "c stays: a would be current");
  assert.deepEqual(reads, [[a!.id]], "only the older links outside are read");
});

Deno.test("older links already gone or re-linked elsewhere spare nothing", async () => {
  const [a, b] = linkedChain(sampleRecord(), sampleRecord());
  const none = () => Promise.resolve([]);
  assert.deepEqual(await spareHeads([b!], none), [b], "a was pruned long ago (dangling id)");
  const moved = () => Promise.resolve([{ ...a!, superseded_by: "another" }]);
  assert.deepEqual(await spareHeads([b!], moved), [b]);
  const kept = () => Promise.resolve([a!]);
  assert.deepEqual(await spareHeads([b!], kept), []);
  let read = false;
  await spareHeads([a!, b!], () => (read = true, Promise.resolve([])));
  assert.equal(read, false, "a whole chain doomed: nothing to read");
});

Deno.test("a prune waits for the persona's write lock (shared with the writer)", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    settings: { pruneThreshold: 10, pruneTarget: 8 },
  });
  try {
    await f.memory.storeMany(
      f.aria,
      Array.from(
        { length: 12 },
        (_, i) =>
          input({ content: `note ${i}`, importance: 0.2, created_at: daysAgo(f.clock, 100) }),
      ),
    );
    // Another holder of the same backend's locks (as the writer's delete or update would be).
    const locks = new PersonaWriteLocks(f.backend);
    let pruning: Promise<unknown> | undefined;
    await locks.run([f.aria.id], async () => {
      pruning = f.memory.pruning.prune(f.aria.id);
      // Every chance to list, plan and delete, were it not waiting.
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      assert.equal(await f.memory.count(f.aria), 12, "nothing deleted under another's lock");
    });
    await pruning;
    assert.equal(await f.memory.count(f.aria), 8);
  } finally {
    await f.close();
  }
});
