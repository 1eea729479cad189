/**
 * Batched reads on a real Chroma server: `getMany` past one `get`'s worth of ids (500), an id
 * stored in two collections read once, and replacement chains (`chainFrom`) walked to their
 * head however long, each memory once.
 */
import assert from "node:assert/strict";
import { ChromaBackend } from "./chroma_backend.ts";
import { startChromaServer } from "./chroma_server.ts";
import { MAX_CHAIN_READS } from "./chain_walk.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

Deno.test("ChromaBackend batched reads: 1,001 ids, an id in two collections, chains", async (t) => {
  const chroma = await startChromaServer();
  const backend = new ChromaBackend({
    url: chroma.url,
    tenant: "default_tenant",
    database: "default_database",
    token: "",
    timeoutMs: 30_000,
  });
  const vector = new Float32Array([1, 0, 0]);
  try {
    await t.step("getMany of 1,001 ids returns every one once", async () => {
      const records = Array.from(
        { length: 1_001 },
        (_, i) => sampleRecord({ id: `m${i}`, persona_id: "p", embedder: "e1" }),
      );
      await backend.insert(records.map((record) => ({ record, vector })));
      const ids = records.map((record) => record.id);
      const read = await backend.getMany([...ids, "missing", ids[0]!]);
      assert.equal(read.length, 1_001);
      assert.deepEqual(read.map((record) => record.id).sort(), ids.sort());
    });

    await t.step("an id stored in two collections is read once, the first found", async () => {
      await backend.insert([{
        record: sampleRecord({ id: "twice", persona_id: "p", embedder: "e1", content: "one" }),
        vector,
      }]);
      await backend.insert([{
        record: sampleRecord({ id: "twice", persona_id: "p", embedder: "e2", content: "two" }),
        vector,
      }]);
      const many = await backend.getMany(["twice"]);
      assert.equal(many.length, 1);
      assert.equal(many[0]!.content, (await backend.get("twice"))!.content, "as get reads it");
    });

    await t.step(
      "chainFrom follows a chain far past the reads by id to its head, a cycle once",
      async () => {
        // Another persona's superseded memories are not read with q's.
        await backend.insert([
          sampleRecord({ id: "other", persona_id: "r", embedder: "e2", superseded_by: "c0" }),
        ].map((record) => ({ record, vector })));
        const length = MAX_CHAIN_READS * 4 + 7;
        // Stored in both collections (as after a reindex of part of the chain), out of order.
        const chain = Array.from({ length }, (_, i) =>
          sampleRecord({
            id: `c${i}`,
            persona_id: "q",
            embedder: i % 3 === 0 ? "e2" : "e1",
            superseded_by: i + 1 < length ? `c${i + 1}` : null,
          }));
        const cycle = [
          sampleRecord({ id: "x", persona_id: "q", embedder: "e1", superseded_by: "y" }),
          sampleRecord({ id: "y", persona_id: "q", embedder: "e1", superseded_by: "x" }),
        ];
        await backend.insert(
          [...chain].reverse().concat(cycle).map((record) => ({ record, vector })),
        );
        const read = (await backend.chainFrom(["c0", "x"])).map((record) => record.id);
        assert.equal(new Set(read).size, read.length, "each memory once");
        assert.deepEqual(read.sort(), [...chain.map((record) => record.id), "x", "y"].sort());
      },
    );
    await t.step(
      "past a page of superseded memories, the links are read page by page",
      async () => {
        // More links than one page of the links read (1,000): a chain left to reads by id past
        // it could not reach its head with the reads left (MAX_CHAIN_READS).
        const length = 1_300;
        const chain = Array.from({ length }, (_, i) =>
          sampleRecord({
            id: `s${i}`,
            persona_id: "s",
            embedder: "e1",
            superseded_by: i + 1 < length ? `s${i + 1}` : null,
          }));
        await backend.insert(chain.map((record) => ({ record, vector })));
        const read = await backend.chainFrom(["s0"]);
        assert.equal(read.length, length, "every link, to the head");
      },
    );
  } finally {
    await backend.close?.();
    await chroma.stop();
  }
});
