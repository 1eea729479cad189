/**
 * A persona's extraction backlog is bounded at all times (attack32 M2): with no worker running
 * (the model slow, the chats never pausing) a sender's chats gather into jobs of up to
 * MAX_SOURCES memories, and the queue stops at JOBS_QUEUE_CAP whatever the senders; the oldest
 * past it are dropped with the reason `queue_cap`, which `memory.jobs` counts as `dropped`.
 */
import assert from "node:assert/strict";
import { DEFAULT_QUEUE_CAP } from "../jobs/queue_cap.ts";
import type { MemoryRecord } from "../memory/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { EXTRACT, MAX_SOURCES } from "./extraction.ts";
import { queuedMind } from "./testing/queued_mind.ts";

const aria = personaFixture("Aria");

/** A mind whose jobs are queued and never run, and its runner. */
function idle() {
  return queuedMind(aria, { settings: { reflection: false, blockUpdates: true } });
}

/** Stores 1,000 chats of Aria, from `sender(n)`; returns the figures and the queued jobs. */
async function thousandChats(sender: (n: number) => string) {
  const { db, jobs, mind } = await idle();
  try {
    for (let n = 0; n < 1000; n++) {
      const record = { id: `mem_${n}`, base_importance: 0.5 } as MemoryRecord;
      mind.stored({ persona: aria, records: [record], origin: "chat", sender: sender(n) });
    }
    const figures = await jobs.figures(aria.id);
    const queued = await jobs.list({ kind: EXTRACT, state: "queued" }, { limit: 1000, offset: 0 });
    return { figures, queued: queued.jobs };
  } finally {
    await jobs.close();
    await db.close();
  }
}

Deno.test("after 1,000 chats of one sender with no worker, they wait in jobs of MAX_SOURCES, none dropped", async () => {
  const { figures, queued } = await thousandChats(() => "Tam");
  assert.equal(figures.queued, 1000 / MAX_SOURCES);
  assert.equal(figures.dropped, 0);
  const sources = queued.flatMap((job) => job.payload.source_ids as string[]);
  assert.equal(new Set(sources).size, 1000, "every chat's memory in one job");
  assert.ok(queued.every((job) => job.payload.sender === "Tam"));
});

Deno.test("after 1,000 chats of 1,000 senders with no worker, queued extraction jobs stay within the cap", async () => {
  const { figures, queued } = await thousandChats((n) => `User${n}`);
  assert.ok(figures.queued <= DEFAULT_QUEUE_CAP, `${figures.queued} queued`);
  assert.equal(figures.queued + figures.dropped, 1000, "every chat's job queued or dropped");
  assert.deepEqual(queued[0]?.payload.source_ids, ["mem_999"], "the newest are kept");
});
