/**
 * The mind reacts to stores off the reply path: a store only notes the event, the jobs are
 * queued on the next turn of the event loop (all events noted meanwhile in one transaction),
 * and the job runner's reads wait for them, so a client never reads a queue missing its jobs.
 */
import assert from "node:assert/strict";
import { SqlJobRepository } from "../jobs/mod.ts";
import { createLogger } from "../log.ts";
import type { MemoryRecord } from "../memory/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { MAX_REACTION_EVENTS, type MindParts } from "./mind.ts";
import { SqlReflectionCounters } from "./reflection_repository.ts";
import { queuedMind } from "./testing/queued_mind.ts";

const aria = personaFixture("Aria");
const quiet = createLogger("error", { write: () => {} });

async function setup(log = quiet, later?: MindParts["later"]) {
  const transactions: number[] = [];
  const { db, jobs, mind } = await queuedMind(aria, {
    log,
    later,
    atomically: (db) => (work) => {
      transactions.push(1);
      return db.transaction(work);
    },
  });
  return { db, repository: new SqlJobRepository(db), jobs, mind, transactions };
}

/**
 * The follow-up queue, run by hand: each piece is one call of `later` (kept in `pieces`, its
 * `since` in `since`), which in the server yields to the chats (quiet_work.ts) before it runs.
 */
function byHand() {
  const pieces: Array<() => Promise<void>> = [];
  const since: number[] = [];
  const later = (work: () => Promise<void>, noted: number) => {
    since.push(noted);
    return new Promise<void>((done) => pieces.push(() => work().then(done)));
  };
  return { pieces, since, later };
}

function exchange(n: number): MemoryRecord {
  return { id: `mem_${n}`, base_importance: 0.5 } as MemoryRecord;
}

Deno.test("the mind queues a chat's jobs after the store returns, and reads of the queue wait for them", async () => {
  const { db, repository, jobs, mind } = await setup();
  try {
    mind.stored({ persona: aria, records: [exchange(1)], origin: "chat", sender: "Tam" });
    assert.equal((await repository.counts()).queued, 0, "nothing written on the reply path");
    assert.equal((await jobs.figures()).queued, 1, "the runner's reads wait for the mind");
    const [job] = (await jobs.list({}, { limit: 5, offset: 0 })).jobs;
    assert.deepEqual(job?.payload, { source_ids: ["mem_1"], sender: "Tam" });
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("stores noted in one turn of the event loop are reacted to in order, a transaction per piece of 8", async () => {
  const { db, jobs, mind, transactions } = await setup();
  try {
    // A sender each: one sender's chats queued meanwhile gather into one job.
    for (let n = 0; n < 20; n++) {
      mind.stored({ persona: aria, records: [exchange(n)], origin: "chat", sender: `Tam${n}` });
    }
    const { jobs: queued } = await jobs.list({}, { limit: 50, offset: 0 });
    assert.equal(queued.length, 20);
    assert.deepEqual(
      queued.map((job) => job.payload.source_ids).reverse(),
      Array.from({ length: 20 }, (_, n) => [`mem_${n}`]),
    );
    assert.equal(MAX_REACTION_EVENTS, 8);
    assert.equal(transactions.length, 3, "one commit per piece: 8, 8 and 4 stores");
    const counter = await new SqlReflectionCounters(db).get(aria.id);
    assert.equal(counter.importance, 10, "every store counted toward reflection");
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("a burst's reaction is pieces of follow-up work: 8 stores each, the next queued behind, stores noted meanwhile join it", async () => {
  const { pieces, since, later } = byHand();
  const { db, repository, jobs, mind, transactions } = await setup(quiet, later);
  const store = (n: number) =>
    mind.stored({ persona: aria, records: [exchange(n)], origin: "chat", sender: `Tam${n}` });
  try {
    for (let n = 0; n < 20; n++) store(n);
    const burst = performance.now();
    assert.equal(pieces.length, 1, "one piece queued for the burst");
    await pieces.shift()!();
    assert.equal((await repository.counts()).queued, 8, "the first piece: 8 stores' jobs");
    assert.equal(pieces.length, 1, "the rest queued as the next piece");
    // The queue bounds a piece's wait from `since`: the rest of a burst is as overdue as the
    // burst, so a lane that never goes quiet still catches up (it does not fall further behind).
    assert.ok(since[1]! <= burst, "the next piece is due from when its first store was noted");
    store(20);
    assert.equal(pieces.length, 1, "a store noted meanwhile joins the waiting piece");
    await pieces.shift()!();
    await pieces.shift()!();
    assert.equal(pieces.length, 0);
    assert.equal((await repository.counts()).queued, 21);
    assert.equal(transactions.length, 3, "8, 8 and 5 stores");
    store(21);
    assert.equal(pieces.length, 1, "a store after the burst queues a piece of its own");
    await pieces.shift()!();
    const { jobs: queued } = await jobs.list({}, { limit: 50, offset: 0 });
    assert.deepEqual(
      queued.map((job) => job.payload.source_ids).reverse(),
      Array.from({ length: 22 }, (_, n) => [`mem_${n}`]),
      "in the order stored",
    );
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("when one store's reaction fails, the others are still reacted to", async () => {
  const { db, jobs, mind } = await setup();
  try {
    const gone = { ...aria, id: "persona_deleted_meanwhile" };
    mind.stored({ persona: aria, records: [exchange(1)], origin: "chat", sender: "Tam" });
    mind.stored({ persona: gone, records: [exchange(2)], origin: "chat", sender: "Tam" });
    mind.stored({ persona: aria, records: [exchange(3)], origin: "chat", sender: "Ilse" });
    const { jobs: queued } = await jobs.list({}, { limit: 50, offset: 0 });
    assert.deepEqual(queued.map((job) => job.payload.source_ids).reverse(), [["mem_1"], [
      "mem_3",
    ]]);
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("a persona deleted before the mind reacts is expected: a debug line, no warning or stack; other failures warn", async () => {
  const lines: string[] = [];
  const { db, jobs, mind } = await setup(
    createLogger("debug", { write: (line) => lines.push(line) }),
  );
  try {
    const gone = { ...aria, id: "persona_deleted_meanwhile" };
    mind.stored({ persona: gone, records: [exchange(1)], origin: "chat", sender: "Tam" });
    mind.stored({ persona: gone, records: [exchange(2)], origin: "chat", sender: "Tam" });
    await jobs.figures();
    assert.equal(lines.filter((line) => / (WARN|ERROR) /.test(line)).length, 0, lines.join("\n"));
    assert.ok(lines.every((line) => !line.includes("FOREIGN KEY")), lines.join("\n"));
    assert.equal(lines.filter((line) => line.includes(" DEBUG ")).length, 2);
    lines.length = 0;
    const enqueue = jobs.enqueue.bind(jobs);
    jobs.enqueue = () => Promise.reject(new Error("disk full"));
    mind.stored({ persona: aria, records: [exchange(3)], origin: "chat", sender: "Tam" });
    await jobs.figures();
    jobs.enqueue = enqueue;
    assert.equal(lines.filter((line) => / WARN .*disk full/s.test(line)).length, 1, lines.join());
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("a reflection seen waiting is not queued again by later stores; the next generation is", async () => {
  const { db, jobs, mind } = await setup();
  const reflections: string[] = [];
  const enqueue = jobs.enqueue.bind(jobs);
  jobs.enqueue = (request, after) => {
    if (request.kind === "reflect") reflections.push(request.key);
    return enqueue(request, after);
  };
  const weighty = (n: number) => ({ id: `mem_${n}`, base_importance: 60 }) as MemoryRecord;
  const store = async (n: number) => {
    mind.stored({ persona: aria, records: [weighty(n)], origin: "client" });
    await jobs.figures();
  };
  try {
    await store(1); // 60: under the threshold (100)
    await store(2); // 120: generation 1 queued
    await store(3); // 180: it still waits
    await store(4);
    assert.deepEqual(reflections, [`reflect:${aria.id}:1`], "queued once, not once per store");
    const counters = new SqlReflectionCounters(db);
    await counters.settle(aria.id, { amount: 120, generation: 1 }); // generation 1 ran
    await store(5);
    assert.deepEqual(reflections, [`reflect:${aria.id}:1`, `reflect:${aria.id}:2`]);
    const { jobs: queued } = await jobs.list({}, { limit: 50, offset: 0 });
    assert.equal(queued.filter((job) => job.kind === "reflect").length, 2);
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("a rolled-back burst (a persona deleted meanwhile) counts its jobs once and still queues its reflection", async () => {
  const { db, jobs, mind } = await setup();
  try {
    const gone = { ...aria, id: "persona_deleted_meanwhile" };
    const weighty = { id: "mem_1", base_importance: 120 } as MemoryRecord;
    mind.stored({ persona: aria, records: [weighty], origin: "chat", sender: "Tam" });
    mind.stored({ persona: gone, records: [exchange(2)], origin: "chat", sender: "Tam" });
    const figures = await jobs.figures();
    const kinds = (await jobs.list({}, { limit: 10, offset: 0 })).jobs.map((job) => job.kind);
    assert.deepEqual(kinds.sort(), ["extract_facts", "reflect"], "the replay queued both again");
    assert.equal(figures.queued, 2);
    assert.equal(jobs.counts().queued, 2, "the rolled-back enqueues are not counted");
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("a client's store gets no extraction job, but counts toward reflection", async () => {
  const { db, jobs, mind } = await setup();
  try {
    mind.stored({ persona: aria, records: [exchange(1)], origin: "client" });
    mind.stored({ persona: aria, records: [exchange(2)], origin: "chat", sender: "Tam" });
    const { jobs: queued } = await jobs.list({}, { limit: 10, offset: 0 });
    assert.deepEqual(queued.map((job) => job.payload.source_ids), [["mem_2"]]);
    assert.equal((await new SqlReflectionCounters(db).get(aria.id)).importance, 1);
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("a batch of group lines closes at 20 lines: 20 are one job, the 21st starts another", async () => {
  const { db, jobs, mind } = await setup();
  try {
    const line = (n: number) =>
      mind.stored({ persona: aria, records: [exchange(n)], origin: "dialogue", thread: "d1" });
    for (let n = 1; n <= 20; n++) line(n);
    let queued = (await jobs.list({}, { limit: 10, offset: 0 })).jobs;
    assert.deepEqual(queued.map((job) => (job.payload.source_ids as string[]).length), [20]);
    line(21);
    queued = (await jobs.list({}, { limit: 10, offset: 0 })).jobs;
    assert.deepEqual(
      queued.map((job) => (job.payload.source_ids as string[]).length).sort((x, y) => x - y),
      [1, 20],
    );
  } finally {
    await jobs.close();
    await db.close();
  }
});

Deno.test("the rest of a burst is due from when its oldest store was noted, not its newest", async () => {
  const { pieces, since, later } = byHand();
  const { db, jobs, mind } = await setup(quiet, later);
  const realNow = performance.now;
  let now = 1_000;
  performance.now = () => now;
  try {
    for (let n = 0; n < 20; n++) {
      now = 1_000 + n;
      mind.stored({ persona: aria, records: [exchange(n)], origin: "chat", sender: "Tam" });
    }
    await pieces.shift()!();
    assert.deepEqual(
      since,
      [1_000, 1_000 + MAX_REACTION_EVENTS],
      "the next piece is due from the first store it holds",
    );
    while (pieces.length > 0) await pieces.shift()!();
  } finally {
    performance.now = realNow;
    await jobs.close();
    await db.close();
  }
});
