/**
 * The embedded memory backend shares the server's one SQLite connection with every repository.
 * Its writes and reads must keep out of another request's open transaction (which may await
 * between its statements, and roll back): the same discipline `SqliteDatabase` gives the
 * repositories.
 */
import assert from "node:assert/strict";
import type { Config } from "../config.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { MemoryBackend } from "./backend.ts";
import { createBackend } from "./mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";

/** The production backend for SQLite storage, telling when each insert begins. */
function watchedBackend(db: SqliteDatabase, onInsert: () => void): MemoryBackend {
  const backend = createBackend({ MEMORY_BACKEND: "sqlite" } as Config, db);
  const insert = backend.insert.bind(backend);
  backend.insert = (writes) => {
    onInsert();
    return insert(writes);
  };
  return backend;
}

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

Deno.test("a memory stored while another request's transaction awaits survives its rollback", async () => {
  let inserting = signal();
  const fixture = await memoryFixture((db) =>
    watchedBackend(db as SqliteDatabase, () => inserting.fire())
  );
  try {
    const { db, memory, aria, kira } = fixture;
    // Aria's index is loaded, so the insert below updates it in memory too.
    await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    await memory.search(aria, { query: "bees", n_results: 5, min_importance: 0 });
    inserting = signal();
    const opened = signal();
    const release = signal();
    // Another request: a transaction that writes, awaits (an LLM call, a lock), then fails.
    const failing = db.transaction(async () => {
      await db.run("UPDATE personas SET name = ? WHERE id = ?", "Renamed", kira.id);
      opened.fire();
      await release.promise;
      throw new Error("the other request failed");
    });
    await opened.promise;
    const storing = memory.store(aria, input({ content: "The lighthouse keeper owes Aria" }));
    // The insert has begun while the transaction is open (deterministic: the backend says so).
    await inserting.promise;
    release.fire();
    await assert.rejects(failing, /the other request failed/);
    const stored = await storing;

    assert.equal((await fixture.personas.get(kira.id)).name, "Kira", "the rename rolled back");
    assert.equal((await memory.get(stored.id)).content, "The lighthouse keeper owes Aria");
    const rows = await db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM memories WHERE persona_id = ?",
      aria.id,
    );
    assert.equal(rows?.n, 2, "both memories are in the file");
    const hits = await memory.search(aria, {
      query: "lighthouse keeper",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, stored.id);
  } finally {
    await fixture.close();
  }
});

Deno.test("a memory stored inside a transaction beside a batched one neither deadlocks nor mixes", async () => {
  const fixture = await memoryFixture((db) =>
    createBackend({ MEMORY_BACKEND: "sqlite" } as Config, db)
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const { db, memory, aria, kira } = fixture;
    // Another request's store is batched first (same turn of the event loop)...
    const outside = memory.store(aria, input({ content: "Aria waters the garden" }));
    // ...then a transaction that stores a memory and waits for it, and then fails.
    const inside = db.transaction(async () => {
      const record = await memory.store(kira, input({ content: "Kira signs the lease" }));
      throw Object.assign(new Error("the lease fell through"), { record });
    });
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error("deadlock: the batch waits for the transaction")),
        10_000,
      );
    });
    const failed = await Promise.race([inside.catch((error) => error), deadline]);
    const stored = await Promise.race([outside, deadline]);

    assert.match(String(failed), /the lease fell through/);
    // The transaction's own memory went with it; the other request's did not.
    const kept = await db.all<{ content: string }>("SELECT content FROM memories ORDER BY seq");
    assert.deepEqual(kept.map((row) => row.content), ["Aria waters the garden"]);
    assert.equal((await memory.get(stored.id)).persona_id, aria.id);
  } finally {
    clearTimeout(timer);
    await fixture.close();
  }
});
