/** The chain walk of stores without a recursive read (`chain_walk.ts`): reads and the cap. */
import assert from "node:assert/strict";
import { MAX_CHAIN_READS, SHORT_WALK_READS, walkChains } from "./chain_walk.ts";
import type { MemoryRecord } from "./schema.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/** A chain `l0 → l1 → …` of `length` links of persona `p`, and a read by id counting calls. */
function chainStore(length: number) {
  const chain = Array.from({ length }, (_, i) =>
    sampleRecord({
      id: `l${i}`,
      persona_id: "p",
      superseded_by: i + 1 < length ? `l${i + 1}` : null,
    }));
  const byId = new Map(chain.map((record) => [record.id, record]));
  const calls = { reads: 0, links: [] as Array<{ personas: readonly string[]; limit: number }> };
  const read = (ids: readonly string[]) => {
    calls.reads++;
    return Promise.resolve(ids.flatMap((id) => byId.get(id) ?? []));
  };
  const links = (limit: number) => (personas: readonly string[], wanted: number) => {
    calls.links.push({ personas, limit: wanted });
    const superseded = chain.filter((record) => record.superseded_by !== null);
    return Promise.resolve(superseded.slice(0, Math.min(limit, wanted)));
  };
  return { chain, read, links, calls };
}

const ids = (records: readonly MemoryRecord[]) => records.map((record) => record.id);

Deno.test("a chain of 1,000 links is followed to its head in a few reads and one links read", async () => {
  const store = chainStore(1_000);
  const found = await walkChains(["l0"], store.read, store.links(Infinity));
  assert.deepEqual(ids(found), ids(store.chain), "every link once, to the head");
  // The short walk, then the links in memory and the head by id.
  assert.equal(store.calls.reads, SHORT_WALK_READS + 1);
  assert.deepEqual(store.calls.links.map((call) => call.personas), [["p"]]);
});

Deno.test("a short chain never reads the links", async () => {
  const store = chainStore(SHORT_WALK_READS);
  const found = await walkChains(["l0"], store.read, store.links(Infinity));
  assert.deepEqual(ids(found), ids(store.chain));
  assert.equal(store.calls.links.length, 0);
});

Deno.test("past the links read, the walk goes on by id within the bound and stops there", async () => {
  const store = chainStore(600);
  // The links reader gives only the first 100 superseded memories (its cap reached).
  const found = await walkChains(["l0"], store.read, store.links(100));
  assert.equal(store.calls.reads, MAX_CHAIN_READS, "reads by id spent");
  // 8 read by id, then 100 - 8 more from the links, then by id until the reads are spent.
  const reached = 100 + (MAX_CHAIN_READS - SHORT_WALK_READS);
  assert.deepEqual(ids(found), ids(store.chain.slice(0, reached)));
});

Deno.test("without a links reader a chain is followed MAX_CHAIN_READS levels", async () => {
  const store = chainStore(MAX_CHAIN_READS + 5);
  const found = await walkChains(["l0"], store.read);
  assert.equal(found.length, MAX_CHAIN_READS);
  assert.equal(store.calls.reads, MAX_CHAIN_READS);
});
