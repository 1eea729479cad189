/**
 * Edges of the background remaking of stale vectors (`vector_remaker.ts`) on real SQLite: only
 * this embedder's queued vectors start a pass (no period claimed for nothing), the period claimed
 * is the recheck's, a reindex that ended gives the persona back, one that begins while a batch
 * waits for quiet keeps it off, a record whose embedder changed since the queue was read is not
 * written, `remade` counts what was written, a failed batch ends the pass with a warning, and a
 * pass under way at `close` schedules no other (the test's timer sanitizer).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { PeriodClaim } from "./decay_schedule.ts";
import { LocalEmbedder } from "./embedder.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { gatedEmbedder } from "./testing/gated_embedder.ts";
import { REMAKE_BATCH, REMAKE_RECHECK_MS, VectorRemaker } from "./vector_remaker.ts";

const QUIET = { warn: () => {} };
/** Runs a piece of quiet work at once. */
const now = (work: () => Promise<void>) => work();

/** Runs `test` on a fresh SQLite fixture with `count` of Aria's memories queued, then closes it. */
async function withQueued(count: number, test: (fixture: MemoryFixture) => Promise<void>) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const memories = Array.from({ length: count }, (_, i) => input({ content: `苹果和梨 ${i}` }));
    await fixture.memory.storeMany(fixture.aria, memories);
    await fixture.db.run("INSERT INTO memory_remake (id) SELECT id FROM memories");
    await test(fixture);
  } finally {
    await fixture.close();
  }
}

async function left(fixture: MemoryFixture): Promise<number> {
  return (await fixture.backend.remakeQueue!(fixture.aria.id)).length;
}

/** Period claims that grant every claim and keep what was asked. */
function grantingClaims(): PeriodClaim & { asked: Array<[string, number, number]> } {
  const asked: Array<[string, number, number]> = [];
  return {
    asked,
    claim: (name, period, at) => {
      asked.push([name, period, at]);
      return Promise.resolve(true);
    },
  };
}

Deno.test("another embedder's queued vectors start no pass: no period claimed, no work", async () => {
  await withQueued(3, async (fixture) => {
    const claims = grantingClaims();
    let pieces = 0;
    const remaker = new VectorRemaker({
      backend: fixture.backend,
      embedder: { id: "another-model", embed: () => Promise.reject(new Error("not called")) },
      log: QUIET,
      claims,
    });
    remaker.start({ later: (work) => (pieces++, work()) });
    await remaker.pass;
    await remaker.close();
    assert.deepEqual(claims.asked, [], "nothing to do claims no period");
    assert.equal(pieces, 0);
    assert.equal(await left(fixture), 3, "left for a reindex");
  });
});

Deno.test("a pass claims the recheck's period, by its number since the epoch", async () => {
  await withQueued(1, async (fixture) => {
    const claims = grantingClaims();
    const remaker = new VectorRemaker({
      backend: fixture.backend,
      embedder: new LocalEmbedder(),
      log: QUIET,
      claims,
    });
    remaker.start({ later: now });
    await remaker.pass;
    await remaker.close();
    assert.equal(claims.asked.length, 1);
    const [name, period, at] = claims.asked[0]!;
    assert.equal(name, `memory_remake:${REMAKE_RECHECK_MS}`);
    assert.equal(period, Math.floor(at / REMAKE_RECHECK_MS));
  });
});

Deno.test("a reindex that ended gives the persona back to the pass", async () => {
  await withQueued(3, async (fixture) => {
    const remaker = new VectorRemaker({
      backend: fixture.backend,
      embedder: new LocalEmbedder(),
      log: QUIET,
    });
    await remaker.during(fixture.aria.id, () => Promise.resolve());
    remaker.start({ later: now });
    await remaker.pass;
    await remaker.close();
    assert.equal(remaker.remade, 3);
    assert.equal(await left(fixture), 0);
  });
});

Deno.test("a reindex begun while a batch waits for quiet keeps that batch and the rest off", async () => {
  await withQueued(REMAKE_BATCH * 2, async (fixture) => {
    let pieces = 0;
    let quiet!: () => Promise<void>;
    let queued!: () => void;
    const first = new Promise<void>((resolve) => queued = resolve);
    const remaker = new VectorRemaker({
      backend: fixture.backend,
      embedder: new LocalEmbedder(),
      log: QUIET,
    });
    remaker.start({
      later: (work) => {
        pieces++;
        if (pieces > 1) return work();
        // The first batch waits for a quiet moment the test brings.
        return new Promise<void>((resolve) => {
          quiet = () => work().then(resolve);
          queued();
        });
      },
    });
    await first;
    let ran = false;
    await remaker.during(fixture.aria.id, async () => {
      // The quiet moment comes while the reindex runs.
      await quiet();
      ran = true;
    });
    await remaker.pass;
    await remaker.close();
    assert.equal(ran, true);
    assert.equal(remaker.remade, 0, "the batch waiting for quiet did not run");
    assert.equal(pieces, 1, "no other batch was queued for quiet after the reindex began");
    assert.equal(await left(fixture), REMAKE_BATCH * 2);
  });
});

Deno.test("a record another embedder remade since the queue was read is not written", async () => {
  await withQueued(2, async (fixture) => {
    const backend = fixture.backend;
    const getMany = backend.getMany.bind(backend);
    // As read for the batch: one of them now holds another model's vector.
    backend.getMany = async (ids) =>
      (await getMany(ids)).map((record, i) => i === 0 ? { ...record, embedder: "other" } : record);
    const written: string[] = [];
    const writeVectors = backend.writeVectors.bind(backend);
    backend.writeVectors = (writes) => {
      written.push(...writes.map((write) => write.record.embedder));
      return writeVectors(writes);
    };
    const embedder = new LocalEmbedder();
    const remaker = new VectorRemaker({ backend, embedder, log: QUIET });
    remaker.start({ later: now });
    await remaker.pass;
    await remaker.close();
    assert.deepEqual(written, [embedder.id]);
    assert.equal(remaker.remade, 1);
  });
});

Deno.test("remade counts the vectors written, not those embedded", async () => {
  await withQueued(3, async (fixture) => {
    const backend = fixture.backend;
    // Their content changed meanwhile: the write finds none as read.
    backend.writeVectors = () => Promise.resolve([]);
    const remaker = new VectorRemaker({ backend, embedder: new LocalEmbedder(), log: QUIET });
    remaker.start({ later: now });
    await remaker.pass;
    await remaker.close();
    assert.equal(remaker.remade, 0);
  });
});

Deno.test("a batch that fails ends the pass with a warning", async () => {
  await withQueued(REMAKE_BATCH + 1, async (fixture) => {
    const backend = fixture.backend;
    let tries = 0;
    backend.writeVectors = () => {
      tries++;
      return Promise.reject(new Error("disk on fire"));
    };
    const warnings: string[] = [];
    const remaker = new VectorRemaker({
      backend,
      embedder: new LocalEmbedder(),
      log: { warn: (message, fields) => warnings.push(`${message}: ${fields?.error}`) },
    });
    remaker.start({ later: now });
    await remaker.pass;
    await remaker.close();
    assert.equal(tries, 1, "no batch after the failed one");
    assert.deepEqual(warnings, ["Remaking stale memory vectors failed: disk on fire"]);
  });
});

Deno.test("a pass under way when the remaker closes schedules no other", async () => {
  await withQueued(1, async (fixture) => {
    const { embedder, reached, open } = gatedEmbedder();
    const remaker = new VectorRemaker({ backend: fixture.backend, embedder, log: QUIET });
    remaker.start({ later: now });
    await reached;
    // The next pass's timer, if one were set (it is unref'd: the sanitizer would not see it).
    const rechecks: number[] = [];
    const realTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, delay?: number) => {
      if (delay === REMAKE_RECHECK_MS) rechecks.push(delay);
      return realTimeout(fn, delay);
    }) as unknown as typeof setTimeout;
    try {
      const closed = remaker.close();
      open();
      await closed;
    } finally {
      globalThis.setTimeout = realTimeout;
    }
    assert.deepEqual(rechecks, [], "no pass scheduled after close");
    assert.equal(remaker.remade, 1, "the batch under way was written");
  });
});

Deno.test("the batch size the docs state: 16 memories", () => {
  assert.equal(REMAKE_BATCH, 16);
});
