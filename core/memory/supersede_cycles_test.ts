/**
 * The cycle check of `memory.update` on chains longer than {@linkcode MAX_LINK_HOPS}: exact where
 * the store reads a chain at once, bounded where it reads a link at a time.
 *
 * @module
 */
import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import type { MemoryBackend } from "./backend.ts";
import type { MemoryRecord } from "./schema.ts";
import { MAX_LINK_HOPS, refuseCycle } from "./supersede_cycles.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { onPostgres } from "../storage/testing/databases.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/** `length` records, each superseded by the next: m0 → m1 → ... (the last is current). */
function chain(length: number): Map<string, MemoryRecord> {
  const records = new Map<string, MemoryRecord>();
  for (let i = 0; i < length; i++) {
    records.set(`m${i}`, {
      id: `m${i}`,
      superseded_by: i + 1 < length ? `m${i + 1}` : null,
      supersedes: i > 0 ? [`m${i - 1}`] : [],
    } as MemoryRecord);
  }
  return records;
}

/** A store over `records` that counts its reads; with or without a chain read. */
function store(records: Map<string, MemoryRecord>, withChain: boolean) {
  const reads = { get: 0, chain: 0 };
  const backend = {
    get: (id: string) => (reads.get++, Promise.resolve(records.get(id))),
    ...(withChain
      ? {
        chainFrom: (ids: readonly string[]) => {
          reads.chain++;
          const found: MemoryRecord[] = [];
          const seen = new Set<string>();
          for (let at: string | null | undefined = ids[0]; at && !seen.has(at);) {
            seen.add(at);
            const record = records.get(at);
            if (record) found.push(record);
            at = record?.superseded_by;
          }
          return Promise.resolve(found);
        },
      }
      : {}),
  } as unknown as MemoryBackend;
  return { backend, reads };
}

Deno.test("a cycle past MAX_LINK_HOPS links is refused where the store reads the chain at once, in one read (attack36 A3)", async () => {
  const records = chain(MAX_LINK_HOPS + 10);
  const { backend, reads } = store(records, true);
  const last = records.get(`m${MAX_LINK_HOPS + 9}`)!;
  await assert.rejects(
    () => refuseCycle(backend, records.get("m0")!, [last]),
    (error: InvalidInput) => {
      assert.ok(error instanceof InvalidInput);
      assert.equal(
        error.message,
        `Cannot update memory "m0": memory "${last.id}" already supersedes it`,
      );
      return true;
    },
  );
  assert.deepEqual(reads, { get: 0, chain: 1 });
  // A memory off the chain may be superseded; m3 may not supersede m5, two links above it.
  await refuseCycle(backend, records.get("m0")!, [{ id: "elsewhere" } as MemoryRecord]);
  await assert.rejects(
    () => refuseCycle(backend, records.get("m3")!, [records.get("m5")!]),
    InvalidInput,
  );
  // Any of the memories replaced may close the cycle, not only the first listed.
  await assert.rejects(
    () => refuseCycle(backend, records.get("m3")!, [{ id: "elsewhere" } as MemoryRecord, last]),
    InvalidInput,
  );
  // The current memory is superseded by none: nothing to check, nothing read.
  await refuseCycle(backend, last, [records.get("m0")!]);
  assert.deepEqual(reads, { get: 0, chain: 4 });
});

Deno.test("where the store reads a chain's links alone, the check reads no memory (attack37 A2)", async () => {
  const records = chain(MAX_LINK_HOPS + 10);
  const { backend, reads } = store(records, true);
  let links = 0;
  const linksOnly = Object.assign(Object.create(backend), {
    chainLinks: async (ids: readonly string[]) => {
      links++;
      return (await backend.chainFrom!(ids)).map(({ id, superseded_by }) => ({
        id,
        superseded_by,
      }));
    },
    chainFrom: () => Promise.reject(new Error("the memories are not read")),
  }) as MemoryBackend;
  const last = records.get(`m${MAX_LINK_HOPS + 9}`)!;
  await assert.rejects(() => refuseCycle(linksOnly, records.get("m0")!, [last]), InvalidInput);
  await refuseCycle(linksOnly, records.get("m0")!, [{ id: "elsewhere" } as MemoryRecord]);
  assert.equal(links, 2);
  assert.deepEqual(reads, { get: 0, chain: 2 }, "the links read through the stand-in");
});

Deno.test("without a chain read the check follows MAX_LINK_HOPS links, a read each", async () => {
  assert.equal(MAX_LINK_HOPS, 1_000, "the documented bound");
  const records = chain(MAX_LINK_HOPS + 10);
  const { backend, reads } = store(records, false);
  // The newest memory MAX_LINK_HOPS links above m0 is found; one more link up is not looked at.
  await assert.rejects(
    () => refuseCycle(backend, records.get("m0")!, [records.get(`m${MAX_LINK_HOPS}`)!]),
    InvalidInput,
  );
  await refuseCycle(backend, records.get("m0")!, [records.get(`m${MAX_LINK_HOPS + 1}`)!]);
  assert.equal(reads.get, 2 * MAX_LINK_HOPS - 1);
});

Deno.test("a cycle already above the memory (an old database) ends the check; replacing nothing reads nothing", async () => {
  // m0 → m1 → m2 → m1: written before the check read whole chains (fix144's old databases).
  const records = chain(3);
  records.get("m2")!.superseded_by = "m1";
  for (const withChain of [true, false]) {
    const { backend, reads } = store(records, withChain);
    await refuseCycle(backend, records.get("m0")!, [{ id: "elsewhere" } as MemoryRecord]);
    await assert.rejects(
      () => refuseCycle(backend, records.get("m0")!, [records.get("m2")!]),
      InvalidInput,
    );
    const before = { ...reads };
    await refuseCycle(backend, records.get("m0")!, []);
    assert.deepEqual(reads, before, "no chain read for an update that replaces nothing");
  }
});

/** A chain of `length` stored memories of Aria, linked in one save. */
async function storedChain(fixture: MemoryFixture, length: number): Promise<MemoryRecord[]> {
  const { memory, backend, aria } = fixture;
  await memory.storeMany(
    aria,
    Array.from({ length }, (_, i) => input({ content: `my boss is called Declan, take ${i}` })),
  );
  const records = (await backend.list(aria.id)).sort((a, b) =>
    Number(a.content.split(" ").at(-1)) - Number(b.content.split(" ").at(-1))
  );
  const linked = records.map((record, i) => ({
    ...record,
    superseded_by: records[i + 1]?.id ?? null,
    supersedes: i > 0 ? [records[i - 1]!.id] : [],
  }));
  await backend.save(linked.map((record) => ({ record, vector: undefined })));
  return linked;
}

Deno.test("memory.update on SQLite refuses a cycle closed past MAX_LINK_HOPS links (attack36 A3)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const records = await storedChain(fixture, MAX_LINK_HOPS + 5);
    const [first, last] = [records[0]!, records.at(-1)!];
    assert.equal((await fixture.memory.get(first.id)).superseded_by, records[1]!.id);
    await assert.rejects(
      () => fixture.memory.update(first.id, { supersedes: [last.id] }),
      (error: InvalidInput) => {
        assert.match(error.message, /already supersedes it/);
        return true;
      },
    );
    assert.equal((await fixture.memory.get(last.id)).superseded_by, null, "still current");
  } finally {
    await fixture.close();
  }
});

onPostgres(
  "PostgreSQL's chain read finds a cycle past MAX_LINK_HOPS links (attack36 A3)",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    const length = MAX_LINK_HOPS + 5;
    await backend.insert(Array.from({ length }, (_, i) => ({
      record: sampleRecord({
        id: `m${i}`,
        persona_id: aria.id,
        content: `my boss is called Declan, take ${i}`,
        superseded_by: i + 1 < length ? `m${i + 1}` : null,
        supersedes: i > 0 ? [`m${i - 1}`] : [],
      }),
      vector: new Float32Array([1, 0]),
    })));
    const [first, last] = [(await backend.get("m0"))!, (await backend.get(`m${length - 1}`))!];
    assert.equal(first.superseded_by, "m1");
    await assert.rejects(() => refuseCycle(backend, first, [last]), InvalidInput);
    await refuseCycle(backend, first, [{ id: "elsewhere" } as MemoryRecord]);
    // The chain read as its links alone (what the check reads on PostgreSQL): every memory up
    // the chain once, however often an id is given, each with its link.
    const links = await backend.chainLinks(["m0", "m0"]);
    assert.equal(links.length, length);
    const next = new Map(links.map((link) => [link.id, link.superseded_by]));
    assert.equal(next.get("m0"), "m1");
    assert.equal(next.get(`m${length - 1}`), null);
    assert.deepEqual(await backend.chainLinks([]), []);
  },
);
