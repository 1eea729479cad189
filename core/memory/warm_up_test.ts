import assert from "node:assert/strict";
import { startTestServer } from "../../tests/_helpers.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { PRELOAD_BUDGET, preloadOrder } from "./warm_up.ts";

Deno.test("the warm-up loads the largest personas first, as many as fit the budget", () => {
  const summaries = [
    { persona_id: "small", total: 10 },
    { persona_id: "large", total: 900 },
    { persona_id: "none", total: 0 },
    { persona_id: "middle", total: 100 },
  ];
  assert.deepEqual(preloadOrder(summaries, 1010), ["large", "middle", "small"]);
  assert.deepEqual(preloadOrder(summaries, 1009), ["large", "middle"], "one over");
  assert.deepEqual(preloadOrder(summaries, 950), ["large", "small"], "what fits after");
  assert.deepEqual(preloadOrder(summaries, 0), []);
  assert.equal(PRELOAD_BUDGET, 250_000);
  assert.deepEqual(preloadOrder([{ persona_id: "a", total: PRELOAD_BUDGET }]), ["a"]);
  assert.deepEqual(preloadOrder([{ persona_id: "a", total: PRELOAD_BUDGET + 1 }]), []);
});

Deno.test("the warm-up loads search indexes ahead of the first search; closing stops it", async () => {
  const backends: SqliteBackend[] = [];
  const fixture = await memoryFixture((db) => {
    backends.push(new SqliteBackend(db as SqliteDatabase));
    return backends.at(-1)!;
  });
  try {
    await fixture.memory.store(fixture.aria, input({ content: "The lighthouse keeper's cat" }));
    const memory = await fixture.reopen();
    const backend = backends.at(-1)!;
    assert.equal(backend.indexed(fixture.aria.id), false);
    assert.equal(memory.warming, undefined, "not before it is asked for");
    assert.deepEqual(await memory.warm(), [fixture.aria.id]);
    assert.equal(memory.warm(), memory.warming, "once");
    assert.equal(backend.indexed(fixture.aria.id), true);
    assert.equal(backend.indexed(fixture.kira.id), false, "no memories, nothing to load");
    const closed = await fixture.reopen();
    await closed.close();
    assert.deepEqual(await closed.warm(), [], "a closed service loads nothing");
  } finally {
    await fixture.close();
  }
});

Deno.test("a server warms its memory up as soon as it listens", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-warm-" });
  const env = { DATA_DIR: dataDir, MEMORY_DECAY_ENABLED: "false" };
  try {
    let server = await startTestServer(env);
    const persona = (await server.services.personas.list()).find((item) => item.name === "Aria")!;
    await server.services.memory.store(persona, input({ content: "Tide tables for Kestrel Bay" }));
    await server.shutdown();
    server = await startTestServer(env);
    try {
      assert.deepEqual(await server.services.memory.warming, [persona.id]);
      assert.ok(
        server.services.memory.prefetching,
        "its rows were read ahead as the server was built",
      );
    } finally {
      await server.shutdown();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

/** A SQLite backend whose summaries fail: what reads them cannot finish. */
class NoSummaries extends SqliteBackend {
  override summaries(): never {
    throw new Error("summaries pass over every memory");
  }
}

Deno.test("the warm-up orders its loads by the kept counts, not a pass over every memory", async () => {
  const backends: SqliteBackend[] = [];
  const fixture = await memoryFixture((db) => {
    backends.push(new NoSummaries(db as SqliteDatabase));
    return backends.at(-1)!;
  });
  try {
    await fixture.memory.store(fixture.kira, input({ content: "Kira's first note" }));
    await fixture.memory.storeMany(fixture.aria, [
      input({ content: "Aria's first note" }),
      input({ content: "Aria's second note" }),
    ]);
    const memory = await fixture.reopen();
    assert.deepEqual(await memory.warm(), [fixture.aria.id, fixture.kira.id], "largest first");
  } finally {
    await fixture.close();
  }
});

Deno.test("the SQLite backend's kept counts follow stores, deletions and a persona's deletion", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const backend = fixture.backend as SqliteBackend;
  const totals = async () =>
    (await backend.summaries()).map(({ persona_id, total }) => ({ persona_id, total }));
  try {
    assert.deepEqual(await backend.counts(), []);
    const kept = await fixture.memory.store(fixture.aria, input({ content: "Kept" }));
    const gone = await fixture.memory.store(fixture.aria, input({ content: "Gone soon" }));
    await fixture.memory.store(fixture.kira, input({ content: "Kira's" }));
    assert.deepEqual(await backend.counts(), await totals());
    assert.equal((await backend.counts()).length, 2);
    await fixture.memory.delete(gone.id);
    assert.deepEqual(await backend.counts(), await totals());
    await backend.deletePersona(fixture.kira.id);
    assert.deepEqual(await backend.counts(), await totals());
    assert.deepEqual(await backend.counts(), [{ persona_id: fixture.aria.id, total: 1 }]);
    assert.ok(kept.id);
  } finally {
    await fixture.close();
  }
});
