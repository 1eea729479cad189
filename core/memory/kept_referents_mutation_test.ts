/**
 * Pins of `kept_referents.ts` that its backend tests left open, each found by a mutant that passed
 * them (session 40, mut55: core/memory/HISTORY.md). A fake backend stands in for the store: these
 * are the writer's own choices of the memory before, not a backend's queries (those are pinned on
 * SQLite and PostgreSQL in kept_referents_test.ts).
 */
import assert from "node:assert/strict";
import type { MemoryBackend } from "./backend.ts";
import { keepReferents, referentAgain, resolveReferents } from "./kept_referents.ts";
import type { MemoryBefore } from "./pronoun_referents.ts";
import type { MemoryRecord } from "./schema.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";

const T0 = Date.UTC(2026, 5, 1);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A backend whose memory before any time is `before`, counting its reads. */
function backendWith(before?: MemoryBefore) {
  const reads: string[] = [];
  const backend = {
    memoryBefore: (_persona: string, time: string) => {
      reads.push(time);
      return Promise.resolve(before);
    },
    writeReferents: () => Promise.resolve(),
  } as unknown as MemoryBackend;
  return { backend, reads };
}

const line = (id: string, content: string, minutes: number, persona = "aria"): MemoryRecord =>
  sampleRecord({ id, content, created_at: at(minutes), persona_id: persona });

Deno.test("the memory before is read only for the lines opening with a pronoun", async () => {
  const { backend, reads } = backendWith();
  const found = await resolveReferents(backend, [
    line("a", "Dad's hearing aids are size 312", 1),
    line("b", "he takes bisoprolol", 2),
  ]);
  assert.deepEqual(found, [{ id: "b", referent: "Dad" }]);
  assert.deepEqual(reads, [at(2)]);
});

Deno.test("a store's first memory is the one before when the backend has none", async () => {
  const { backend } = backendWith(undefined);
  assert.deepEqual(
    await resolveReferents(backend, [
      line("a", "Kieran, the boy next door, cuts our grass", 1),
      line("b", "he wants to be a paramedic", 2),
    ]),
    [{ id: "b", referent: "Kieran" }],
  );
});

Deno.test("a memory of the same store is the one before only for its own persona, and only if not later", async () => {
  const stored = { content: "Mum's knee is better since the physio", created_at: at(0) };
  // Another persona's line is no line before.
  assert.deepEqual(
    await resolveReferents(backendWith(stored).backend, [
      line("a", "Dad's hearing aids are size 312", 1, "theo"),
      line("b", "she takes statins", 2),
    ]),
    [{ id: "b", referent: "Mum" }],
  );
  // A later line of the same store is no line before: the stored one stays.
  assert.deepEqual(
    await resolveReferents(backendWith(stored).backend, [
      line("a", "Aunt Reena is Dad's younger sister", 3),
      line("b", "she takes statins", 2),
    ]),
    [{ id: "b", referent: "Mum" }],
  );
});

Deno.test("a line of the same store passes its referent on to the next opening with its pronoun", async () => {
  const found = await resolveReferents(backendWith().backend, [
    line("a", "Bernie Walsh next door has our spare key, she's 84", 1),
    line("b", "she goes to Mass with Mrs Khan", 2),
    line("c", "she has a bad hip", 3),
  ]);
  assert.deepEqual(found, [
    { id: "b", referent: "Bernie Walsh" },
    { id: "c", referent: "Bernie Walsh" },
  ]);
});

Deno.test("a failure to read the memory before gives no referent to any memory of the store", async () => {
  let calls = 0;
  const backend = {
    memoryBefore: () =>
      ++calls === 1
        ? Promise.resolve({ content: "Dad's hearing aids are size 312", created_at: at(0) })
        : Promise.reject(new Error("down")),
    writeReferents: () => Promise.resolve(),
  } as unknown as MemoryBackend;
  const found = await resolveReferents(backend, [
    line("a", "he takes bisoprolol", 1),
    line("b", "he has a fall alarm", 2, "theo"),
  ]);
  assert.deepEqual(found, []);
});

Deno.test("nothing is read again for an updated text opening with no pronoun, and nothing written for no referents", async () => {
  const calls: string[] = [];
  const backend = {
    dropReferent: () => Promise.resolve(void calls.push("drop")),
    memoryStoredBefore: () => Promise.resolve(void calls.push("read")),
    writeReferents: () => Promise.resolve(void calls.push("write")),
  } as unknown as MemoryBackend;
  await referentAgain(backend, line("a", "Mo takes statins", 1));
  assert.deepEqual(calls, ["drop"]);
  await keepReferents(backend, []);
  assert.deepEqual(calls, ["drop"]);
});

Deno.test("SQLite: a memory stored at the same time before a pronoun line is the one before it", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    // The clock does not move between the two stores: one time for both.
    await f.memory.store(f.aria, input({ content: "Dad's hearing aids are size 312" }));
    const line = await f.memory.store(f.aria, input({ content: "he takes bisoprolol" }));
    assert.deepEqual(await f.backend.referents!([line.id]), new Map([[line.id, "Dad"]]));
  } finally {
    await f.close();
  }
});

/** A SQLite fixture for the queries of `referent_rows.ts` (the same SQL PostgreSQL runs). */
async function withSqlite(run: (f: Awaited<ReturnType<typeof memoryFixture>>) => Promise<void>) {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await run(f);
  } finally {
    await f.close();
  }
}

Deno.test("SQLite: the memory before is the persona's own, the last stored of a tie, and a kept line with none passes none on", async () => {
  await withSqlite(async (f) => {
    const store = (persona: typeof f.aria, content: string) =>
      f.memory.store(persona, input({ content }));
    const referent = async (id: string) => (await f.backend.referents!([id])).get(id);
    await store(f.aria, "Mum's knee is better since the physio");
    f.clock.advance(60_000);
    // Kira's line is no line before of Aria's.
    await store(f.kira, "Dad's hearing aids are size 312");
    f.clock.advance(60_000);
    assert.equal(await referent((await store(f.aria, "he takes bisoprolol")).id), undefined);
    f.clock.advance(60_000);
    // Of two stored at one time, the later one is the line before.
    await store(f.aria, "Mum's knee is better since the physio");
    await store(f.aria, "Dad's chest X-ray was clear");
    assert.equal(await referent((await store(f.aria, "he takes bisoprolol")).id), "Dad");
    f.clock.advance(60_000);
    // A line opening with "she" and kept with no referent: its own persons are read.
    await store(f.aria, "she says Mrs Khan is poorly");
    assert.equal(await referent((await store(f.aria, "she has a bad hip")).id), "Mrs Khan");
  });
});

Deno.test("SQLite: an update reads the persona's own memory stored just before, the last of a tie", async () => {
  await withSqlite(async (f) => {
    const referent = async (id: string) => (await f.backend.referents!([id])).get(id);
    await f.memory.store(f.aria, input({ content: "Mum's knee is better since the physio" }));
    f.clock.advance(60_000);
    await f.memory.store(f.kira, input({ content: "Dad's hearing aids are size 312" }));
    f.clock.advance(60_000);
    const own = await f.memory.store(f.aria, input({ content: "Mo takes statins" }));
    await f.memory.update(own.id, { content: "he takes bisoprolol" });
    assert.equal(await referent(own.id), undefined);
    f.clock.advance(60_000);
    const ids = (await f.memory.storeMany(f.aria, [
      input({ content: "Mum's knee is better since the physio" }),
      input({ content: "Dad's chest X-ray was clear" }),
      input({ content: "Mo takes statins" }),
    ])).map((record) => record.id);
    await f.memory.update(ids[2]!, { content: "he takes bisoprolol" });
    assert.equal(await referent(ids[2]!), "Dad");
  });
});

Deno.test("SQLite: a second write of a memory's referent keeps the first", async () => {
  await withSqlite(async (f) => {
    const { id } = await f.memory.store(f.aria, input({ content: "he takes bisoprolol" }));
    await f.backend.writeReferents!([{ id, referent: "Dad" }]);
    await f.backend.writeReferents!([{ id, referent: "Mo" }]);
    assert.deepEqual(await f.backend.referents!([id]), new Map([[id, "Dad"]]));
  });
});
