/**
 * The mind reacts to a piece of stores coalesced (`reaction.ts`): one enqueue per extraction
 * batch, one counter update per persona, and the jobs and counts that reacting store by store
 * would leave: batches filled to MAX_SOURCES, a reflection for the importance that crossed.
 */
import assert from "node:assert/strict";
import type { MemoryRecord } from "../memory/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { MAX_SOURCES } from "./extraction.ts";
import { MAX_REACTION_EVENTS } from "./mind.ts";
import { crossedAt, extractionGroups, fitting } from "./reaction.ts";
import { SqlReflectionCounters } from "./reflection_repository.ts";
import { queuedMind } from "./testing/queued_mind.ts";

const aria = personaFixture("Aria");

/** A mind whose jobs are queued, never run; its enqueues and counter updates are counted. */
async function counted() {
  const { db, jobs, counters, mind } = await queuedMind(aria);
  const calls = { enqueue: 0, add: 0 };
  const enqueue = jobs.enqueue.bind(jobs);
  jobs.enqueue = (request, after) => {
    calls.enqueue++;
    return enqueue(request, after);
  };
  const add = counters.add.bind(counters);
  counters.add = (personaId, amount) => {
    calls.add++;
    return add(personaId, amount);
  };
  const close = async () => {
    await jobs.close();
    await db.close();
  };
  return { db, jobs, mind, calls, close };
}

const record = (n: number, importance = 0.5) =>
  ({ id: `mem_${n}`, base_importance: importance }) as MemoryRecord;

Deno.test("a piece of 8 chats of one sender is one enqueue and one counter update", async () => {
  const { db, jobs, mind, calls, close } = await counted();
  try {
    assert.equal(MAX_REACTION_EVENTS, 8);
    for (let n = 0; n < 8; n++) {
      mind.stored({ persona: aria, records: [record(n)], origin: "chat", sender: "Tam" });
    }
    const { jobs: queued } = await jobs.list({}, { limit: 50, offset: 0 });
    assert.deepEqual(calls, { enqueue: 1, add: 1 });
    assert.deepEqual(queued.map((job) => job.payload), [{
      source_ids: Array.from({ length: 8 }, (_, n) => `mem_${n}`),
      sender: "Tam",
    }]);
    assert.equal(queued[0]!.key, "extract_facts:mem_0", "keyed by the first store's memory");
    assert.equal((await new SqlReflectionCounters(db).get(aria.id)).importance, 4);
  } finally {
    await close();
  }
});

Deno.test("pieces fill a sender's queued job to MAX_SOURCES; the rest start the next job", async () => {
  const { jobs, mind, close } = await counted();
  try {
    assert.equal(MAX_SOURCES, 20);
    // Three pieces of 8: 8, then 16, then 4 more fill the job and 4 start another.
    for (let n = 0; n < 24; n++) {
      mind.stored({ persona: aria, records: [record(n)], origin: "chat", sender: "Tam" });
    }
    const { jobs: queued } = await jobs.list({}, { limit: 50, offset: 0 });
    const sources = queued.map((job) => job.payload.source_ids as string[]);
    assert.deepEqual(sources.map((ids) => ids.length).sort((x, y) => x - y), [4, 20]);
    const next = queued.find((job) => (job.payload.source_ids as string[]).length === 4)!;
    assert.equal(next.key, "extract_facts:mem_20", "keyed by the first store it holds");
    assert.deepEqual(
      sources.flat().sort(),
      Array.from({ length: 24 }, (_, n) => `mem_${n}`).sort(),
    );
  } finally {
    await close();
  }
});

Deno.test("a piece's reflection is for the importance that crossed the threshold, not the piece's sum", async () => {
  const { jobs, mind, calls, close } = await counted();
  try {
    for (let n = 0; n < 3; n++) {
      mind.stored({ persona: aria, records: [record(n, 60)], origin: "client" });
    }
    const { jobs: queued } = await jobs.list({ kind: "reflect" }, { limit: 10, offset: 0 });
    assert.equal(calls.add, 1);
    // One by one: 60 (under 100), 120 (crossed: the job's amount), 180 (it waits already).
    assert.deepEqual(queued.map((job) => job.payload), [{ amount: 120, generation: 1 }]);
  } finally {
    await close();
  }
});

Deno.test("crossedAt: the counter as it read when the threshold was first reached", () => {
  assert.equal(crossedAt(180, [60, 60, 60], 100), 120);
  assert.equal(crossedAt(130, [10, 20], 100), 110, "already past: the first event's count");
  assert.equal(crossedAt(100, [40, 60], 100), 100, "reached exactly counts");
});

Deno.test("fitting: whole events up to MAX_SOURCES; a job holds one event however large", () => {
  const ids = (from: number, count: number) =>
    Array.from({ length: count }, (_, n) => `mem_${from + n}`);
  assert.deepEqual(fitting(ids(0, 18), [ids(18, 2), ids(20, 1)]).count, 1);
  assert.deepEqual(fitting(ids(0, 19), [ids(19, 2)]).count, 0, "an event is not split");
  assert.deepEqual(fitting([], [ids(0, 25), ids(25, 1)]).count, 1);
  assert.equal(fitting(ids(0, 20), [ids(0, 1)]).count, 1, "ids already there take no room");
});

Deno.test("extractionGroups: per persona and sender (chats) or thread (lines); clients' none", () => {
  const bea = { ...aria, id: "persona_bea" };
  const groups = extractionGroups([
    { persona: aria, records: [record(1)], origin: "chat", sender: "Tam" },
    { persona: aria, records: [record(2)], origin: "chat", sender: "Ilse" },
    { persona: bea, records: [record(3)], origin: "chat", sender: "Tam" },
    { persona: aria, records: [record(4)], origin: "chat", sender: "Tam" },
    { persona: aria, records: [record(5)], origin: "client" },
    { persona: aria, records: [record(6)], origin: "dialogue", thread: "d1" },
  ]);
  assert.deepEqual(
    groups.map((group) => [group.batchKey, group.sources.flat(), group.delayed]),
    [
      [`extract_facts:${aria.id}:chat:"Tam"`, ["mem_1", "mem_4"], false],
      [`extract_facts:${aria.id}:chat:"Ilse"`, ["mem_2"], false],
      [`extract_facts:persona_bea:chat:"Tam"`, ["mem_3"], false],
      [`extract_facts:${aria.id}:d1`, ["mem_6"], true],
    ],
  );
});
