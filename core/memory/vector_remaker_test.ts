/**
 * The background remaking of queued stale vectors (`vector_remaker.ts`) on real SQLite: a
 * batch is written under the persona's write lock; a reindex of the persona waits for the batch
 * under way and keeps the pass off the persona; with two processes on one database, one remakes
 * (the period's claim) and the other nothing; a pass finds the personas by the kept counts.
 *
 * @module
 */
import assert from "node:assert/strict";
import { PeriodClaims } from "../storage/mod.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";
import { PersonaWriteLocks } from "./persona_write_locks.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { gatedEmbedder } from "./testing/gated_embedder.ts";
import { REMAKE_BATCH, VectorRemaker } from "./vector_remaker.ts";

const QUIET = { warn: () => {} };
/** Runs a piece of quiet work at once. */
const now = (work: () => Promise<void>) => work();

/** `count` non-ASCII memories of Aria, all queued to be remade (as by the migration). */
async function queued(fixture: MemoryFixture, count: number): Promise<void> {
  const memories = Array.from({ length: count }, (_, i) => input({ content: `苹果和梨 ${i}` }));
  await fixture.memory.storeMany(fixture.aria, memories);
  await fixture.db.run("INSERT INTO memory_remake (id) SELECT id FROM memories");
}

async function left(fixture: MemoryFixture): Promise<number> {
  return (await fixture.backend.remakeQueue!(fixture.aria.id)).length;
}

/** Runs `test` on a fresh SQLite fixture with `count` of Aria's memories queued, then closes it. */
async function withQueued(count: number, test: (fixture: MemoryFixture) => Promise<void>) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await queued(fixture, count);
    await test(fixture);
  } finally {
    await fixture.close();
  }
}

Deno.test("a batch is written under the persona's write lock (decay's, a reindex's)", async () => {
  await withQueued(3, async (fixture) => {
    const backend = fixture.backend;
    const events: string[] = [];
    const writeVectors = backend.writeVectors.bind(backend);
    backend.writeVectors = (writes) => {
      events.push("written");
      return writeVectors(writes);
    };
    let release!: () => void;
    const held = new Promise<void>((resolve) => release = resolve);
    let entered!: () => void;
    const locked = new Promise<void>((resolve) => entered = resolve);
    const holder = new PersonaWriteLocks(backend).run([fixture.aria.id], async () => {
      entered();
      await held;
      events.push("released");
    });
    await locked;
    const { embedder, open, embedded } = gatedEmbedder();
    open();
    const remaker = new VectorRemaker({ backend, embedder, log: QUIET });
    remaker.start({ later: now });
    await embedded;
    // Turns enough for a write that did not wait for the lock to have begun.
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await holder;
    await remaker.pass;
    assert.deepEqual(events, ["released", "written"], "written once the lock was free");
    assert.equal(await left(fixture), 0);
    await remaker.close();
  });
});

Deno.test("a reindex of the persona waits for the batch under way and keeps the pass off it", async () => {
  await withQueued(REMAKE_BATCH + 4, async (fixture) => {
    assert.equal(await left(fixture), REMAKE_BATCH + 4);
    const { embedder, reached, open } = gatedEmbedder();
    const remaker = new VectorRemaker({ backend: fixture.backend, embedder, log: QUIET });
    remaker.start({ later: now });
    await reached;
    let remadeBefore: number | undefined;
    const reindex = remaker.during(fixture.aria.id, () => {
      remadeBefore = remaker.remade;
      return Promise.resolve();
    });
    // The first batch is still being embedded: the reindex has not begun.
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(remadeBefore, undefined, "the reindex waits for the batch under way");
    open();
    await reindex;
    assert.equal(remadeBefore, REMAKE_BATCH, "it began once the batch was written");
    await remaker.pass;
    assert.equal(remaker.remade, REMAKE_BATCH, "no batch after the reindex began");
    assert.equal(await left(fixture), 4, "the rest is the reindex's");
    await remaker.close();
  });
});

Deno.test("with two processes on one database, the one that claims the period remakes", async () => {
  await withQueued(REMAKE_BATCH * 2 + 1, async (fixture) => {
    const embedder = new LocalEmbedder();
    const remakers = ["a", "b"].map((node) =>
      new VectorRemaker({
        backend: fixture.backend,
        embedder,
        log: QUIET,
        claims: new PeriodClaims(fixture.db, node),
      })
    );
    for (const remaker of remakers) remaker.start({ later: now });
    await Promise.all(remakers.map((remaker) => remaker.pass));
    const remade = remakers.map((remaker) => remaker.remade).sort((a, b) => a - b);
    assert.deepEqual(remade, [0, REMAKE_BATCH * 2 + 1], "one of them remade every queued vector");
    assert.equal(await left(fixture), 0);
    for (const remaker of remakers) await remaker.close();
  });
});

Deno.test("a pass finds the personas with queued vectors by the kept counts, not by summaries", async () => {
  await withQueued(3, async (fixture) => {
    // Summaries pass over every memory (0.1-0.2 s of the event loop at 100,000, at every start).
    let summaries = 0;
    const backend = new Proxy(fixture.backend, {
      get(target, name) {
        if (name === "summaries") return () => (summaries++, target.summaries());
        const value = Reflect.get(target, name);
        // The backend's private fields are the target's.
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const remaker = new VectorRemaker({ backend, embedder: new LocalEmbedder(), log: QUIET });
    remaker.start({ later: now });
    await remaker.pass;
    await remaker.close();
    assert.equal(summaries, 0);
    assert.equal(remaker.remade, 3, "the persona's queue found all the same");
    assert.equal(await left(fixture), 0);
  });
});
