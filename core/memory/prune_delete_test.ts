import assert from "node:assert/strict";
import { spareHeads } from "./prune_delete.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { MemoryRecord } from "./schema.ts";

function linked(...records: MemoryRecord[]): MemoryRecord[] {
  records.forEach((record, i) => {
    const next = records[i + 1];
    if (next) {
      record.superseded_by = next.id;
      next.supersedes = [record.id];
    }
  });
  return records;
}

Deno.test("a stale plan's head whose older link stays is spared; middle links go", async () => {
  const [a, b, c] = linked(sampleRecord(), sampleRecord(), sampleRecord());
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
  const [a, b] = linked(sampleRecord(), sampleRecord());
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
