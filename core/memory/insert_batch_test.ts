import assert from "node:assert/strict";
import type { MemoryWrite } from "./backend.ts";
import { InsertBatcher } from "./insert_batch.ts";

function write(id: string, personaId = "p1"): MemoryWrite {
  return { record: { id, persona_id: personaId } as MemoryWrite["record"] };
}

function recordingBackend(failFor?: string) {
  const calls: string[][] = [];
  return {
    calls,
    insert(writes: readonly MemoryWrite[]): Promise<void> {
      calls.push(writes.map((w) => w.record.id));
      if (failFor && writes.some((w) => w.record.persona_id === failFor)) {
        return Promise.reject(new Error(`persona ${failFor} is gone`));
      }
      return Promise.resolve();
    },
  };
}

Deno.test("inserts asked for in one turn of the event loop go to the backend as one call", async () => {
  const backend = recordingBackend();
  const batcher = new InsertBatcher(backend);
  await Promise.all([batcher.insert([write("a")]), batcher.insert([write("b"), write("c")])]);
  assert.deepEqual(backend.calls, [["a", "b", "c"]]);
  await batcher.insert([write("d")]);
  assert.deepEqual(backend.calls, [["a", "b", "c"], ["d"]]);
});

Deno.test("an insert asked for while a batch waits for its turn joins it", async () => {
  const backend = recordingBackend();
  const batcher = new InsertBatcher(backend);
  const first = batcher.insert([write("a")]);
  await Promise.resolve();
  const second = batcher.insert([write("b")]);
  await Promise.all([first, second]);
  assert.deepEqual(backend.calls, [["a", "b"]]);
});

Deno.test("when a batch fails, each insert is tried alone and only the failing caller learns it", async () => {
  const backend = recordingBackend("gone");
  const batcher = new InsertBatcher(backend);
  const results = await Promise.allSettled([
    batcher.insert([write("a")]),
    batcher.insert([write("b", "gone")]),
    batcher.insert([write("c")]),
  ]);
  assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
  assert.match(String((results[1] as PromiseRejectedResult).reason), /persona gone is gone/);
  assert.deepEqual(backend.calls, [["a", "b", "c"], ["a"], ["b"], ["c"]]);
});

Deno.test("settled() waits for every insert asked for so far", async () => {
  const backend = recordingBackend();
  const batcher = new InsertBatcher(backend);
  const pending = batcher.insert([write("a")]);
  await batcher.settled();
  assert.deepEqual(backend.calls, [["a"]]);
  await pending;
});
