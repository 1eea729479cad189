/**
 * The background remaking of queued stale vectors (`vector_remaker.ts`) on real SQLite: a
 * reindex of the persona waits for the batch under way and keeps the pass off the persona;
 * with two processes on one database, one remakes (the period's claim) and the other nothing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { PeriodClaims } from "../storage/mod.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
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

Deno.test("a reindex of the persona waits for the batch under way and keeps the pass off it", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await queued(fixture, REMAKE_BATCH + 4);
    assert.equal(await left(fixture), REMAKE_BATCH + 4);
    const local = new LocalEmbedder();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => open = resolve);
    let reached!: () => void;
    const embedding = new Promise<void>((resolve) => reached = resolve);
    const embedder = {
      id: local.id,
      async embed(texts: readonly string[]): Promise<Float32Array[]> {
        reached();
        await gate;
        return await local.embed(texts);
      },
    };
    const remaker = new VectorRemaker({ backend: fixture.backend, embedder, log: QUIET });
    remaker.start({ later: now });
    await embedding;
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
  } finally {
    await fixture.close();
  }
});

Deno.test("with two processes on one database, the one that claims the period remakes", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await queued(fixture, REMAKE_BATCH * 2 + 1);
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
  } finally {
    await fixture.close();
  }
});
