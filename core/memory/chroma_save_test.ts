/**
 * A save never brings back a memory deleted meanwhile on the Chroma backend (as on SQLite and
 * PostgreSQL, whose saves update only the rows still there): a decay cycle or an update that
 * read a persona's memories before its purge and saves them after it left orphan vectors (it
 * took a memory found nowhere for one moving between collections, and added it). A real Chroma
 * server.
 */
import assert from "node:assert/strict";
import type { CandidateQuery } from "./backend.ts";
import { ChromaBackend } from "./chroma_backend.ts";
import { startChromaServer } from "./chroma_server.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

Deno.test("ChromaBackend.save: a memory deleted meanwhile stays deleted; one of another embedder moves", async () => {
  const chroma = await startChromaServer();
  const options = {
    url: chroma.url,
    tenant: "default_tenant",
    database: "default_database",
    token: "",
    timeoutMs: 60_000, // a real server on a loaded machine: no test here is about time
  };
  const backend = new ChromaBackend(options);
  try {
    const vector = new Float32Array([1, 0, 0]);
    const kept = sampleRecord({
      id: "kept",
      persona_id: "p",
      embedder: "e1",
      content: "The red lantern",
    });
    const purged = sampleRecord({ id: "purged", persona_id: "gone", embedder: "e1" });
    const deleted = sampleRecord({
      id: "deleted",
      persona_id: "p",
      embedder: "e1",
      content: "The blue lantern and the blue door",
    });
    await backend.insert([kept, purged, deleted].map((record) => ({ record, vector })));
    // The persona's BM25 index is loaded (a search) before the deletes.
    const query: CandidateQuery = {
      personaId: "p",
      othersVisibility: [],
      vector,
      embedder: "e1",
      terms: ["lantern", "blue", "red"],
      minImportance: 0,
      limit: 10,
    };
    await backend.termWeights(query);
    // Read before the deletes, saved after them (a decay cycle's or an update's writes).
    const read = [kept, purged, deleted];
    assert.equal(await backend.deletePersona("gone"), 1);
    assert.equal(await backend.delete(["deleted"]), 1);
    // Re-embedded (a new vector): added back by the old save, an orphan vector.
    await backend.save([
      { record: { ...purged, content: "new words" }, vector },
      { record: { ...deleted, content: "The blue lantern, repainted" }, vector },
    ]);
    assert.equal(await backend.get("purged"), undefined, "a purged persona's memory stays gone");
    // Fields only (a decay pass): the old save failed on it (no vector to add), -32002.
    await backend.save(read.map((record) => ({ record: { ...record, importance: 0.25 } })));
    assert.equal(await backend.get("purged"), undefined, "a purged persona's memory stays gone");
    assert.equal(await backend.get("deleted"), undefined, "a deleted memory stays gone");
    assert.equal(await backend.count("gone"), 0);
    assert.equal((await backend.get("kept"))?.importance, 0.25, "the one still there is saved");
    // Nor does the save put a deleted memory back into the persona's BM25 index: its term
    // statistics are those of an index built afresh from Chroma.
    const fresh = new ChromaBackend(options);
    try {
      assert.deepEqual(await backend.termWeights(query), await fresh.termWeights(query));
    } finally {
      await fresh.close();
    }

    // A memory re-embedded by another embedder moves to that embedder's collection.
    await backend.save([{ record: { ...kept, embedder: "e2" }, vector: new Float32Array([0, 1]) }]);
    assert.equal((await backend.get("kept"))?.embedder, "e2");
    assert.deepEqual((await backend.list("p")).map((record) => record.id), ["kept"]);
  } finally {
    await backend.close();
    await chroma.stop();
  }
});
