import assert from "node:assert/strict";
import { PersonaNotFound } from "../errors.ts";
import { runMemoryContract } from "./contract.ts";
import { createLogger } from "../log.ts";
import { PersonaRepository, PersonaService } from "../personas/mod.ts";
import { Database } from "../storage/db.ts";
import { CONTRACT_SETTINGS, input, memoryFixture } from "./contract_fixture.ts";
import { LocalEmbedder } from "./embedder.ts";
import { PurgeQueue } from "./purges.ts";
import { MemoryService } from "./service.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

Deno.test("the memory contract holds for the sqlite backend", async (t) => {
  await runMemoryContract(t, (db) => new SqliteBackend(db));
});

Deno.test("storing for a persona deleted meanwhile is persona-not-found, not a crash", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db));
  try {
    fixture.db.run("DELETE FROM personas WHERE id = ?", fixture.kira.id);
    await assert.rejects(
      fixture.memory.store(fixture.kira, input({ content: "x" })),
      PersonaNotFound,
    );
  } finally {
    await fixture.close();
  }
});

Deno.test("another process's writes reach this process's vector index", async () => {
  const path = `${Deno.makeTempDirSync({ prefix: "memory-shared-" })}/persona.db`;
  const ours = await memoryFixture((db) => new SqliteBackend(db), { path });
  // The other process: a second connection to the same file, with its own backend.
  const otherDb = new Database(path);
  const theirs = new MemoryService({
    backend: new SqliteBackend(otherDb),
    embedder: new LocalEmbedder(),
    personas: new PersonaService(new PersonaRepository(otherDb), ours.clock),
    clock: ours.clock,
    log: createLogger("error", { write: () => {} }),
    purges: new PurgeQueue(otherDb),
    settings: CONTRACT_SETTINGS,
  });
  const search = (query: string, min_importance = 0) =>
    ours.memory.search(ours.aria, { query, n_results: 5, min_importance });
  try {
    await ours.memory.store(ours.aria, input({ content: "The ferry leaves at noon" }));
    assert.equal((await search("ferry noon")).length, 1, "our index is loaded now");

    const added = await theirs.store(ours.aria, input({ content: "Lanterns float on the canal" }));
    const [hit] = await search("Lanterns float on the canal");
    assert.equal(hit?.id, added.id);
    assert.ok(hit.relevance > 0.9, `vector similarity counts (relevance ${hit.relevance})`);

    await theirs.update(added.id, { importance: 0.05 });
    assert.equal((await search("Lanterns canal", 0.3)).length, 0, "their new importance filters");

    const late = await theirs.store(ours.aria, input({ content: "Kites over the harbor wall" }));
    await ours.memory.store(ours.aria, input({ content: "Our own note" }));
    const [kite] = await search("Kites over the harbor wall");
    assert.equal(kite?.id, late.id, "a write of ours does not hide theirs");
    assert.ok(kite.relevance > 0.9);

    await theirs.delete(late.id);
    assert.equal((await search("Kites harbor")).length, 0);
  } finally {
    await theirs.close();
    otherDb.close();
    await ours.close();
  }
});
