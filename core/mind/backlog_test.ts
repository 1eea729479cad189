/**
 * A persona's extraction backlog is bounded at all times (attack32 M2): with no worker running
 * (the model slow, the chats never pausing) a sender's chats gather into jobs of up to
 * MAX_SOURCES memories, and the queue stops at JOBS_QUEUE_CAP whatever the senders; the oldest
 * past it are dropped with the reason `queue_cap`, which `memory.jobs` counts as `dropped`.
 */
import assert from "node:assert/strict";
import { systemClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { JobRunner, runnerSettings, SqlJobRepository } from "../jobs/mod.ts";
import { DEFAULT_QUEUE_CAP } from "../jobs/queue_cap.ts";
import { createLogger } from "../log.ts";
import type { MemoryRecord } from "../memory/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import type { MindDeps } from "./context.ts";
import { EXTRACT, MAX_SOURCES } from "./extraction.ts";
import { Mind } from "./mind.ts";
import { SqlReflectionCounters } from "./reflection_repository.ts";
import { mindDatabase } from "./testing/mind_database.ts";

const aria = personaFixture("Aria");
const quiet = createLogger("error", { write: () => {} });

/** A mind whose jobs are queued and never run, and its runner. */
async function idle() {
  const db = await mindDatabase(aria);
  const jobs = new JobRunner({
    repository: new SqlJobRepository(db),
    clock: systemClock,
    log: quiet,
    settings: runnerSettings(loadConfig({ env: {}, dotenv: "" })),
  });
  const mind = new Mind({
    // The jobs are queued here, never run (the runner is not started).
    ...({} as Omit<MindDeps, "log" | "clock" | "settings">),
    clock: systemClock,
    log: quiet,
    jobs,
    counters: new SqlReflectionCounters(db),
    settings: {
      extraction: true,
      extractionDelayMs: 0,
      supersession: true,
      reflection: false,
      reflectionThreshold: 100,
      blockUpdates: true,
      model: "",
      defaultModel: "m",
    },
    atomically: (work) => db.transaction(work),
  });
  return { db, jobs, mind };
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
