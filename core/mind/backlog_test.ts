/**
 * A persona's extraction backlog is bounded at all times (attack32 M2): chats queue one
 * extraction each, and with no worker running (the model slow, the chats never pausing) the
 * queue stops at JOBS_QUEUE_CAP; the oldest past it are dropped with the reason `queue_cap`,
 * which `memory.jobs` counts as `dropped`.
 */
import assert from "node:assert/strict";
import { systemClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { jobMigrations, JobRunner, runnerSettings, SqlJobRepository } from "../jobs/mod.ts";
import { DEFAULT_QUEUE_CAP } from "../jobs/queue_cap.ts";
import { createLogger } from "../log.ts";
import type { MemoryRecord } from "../memory/mod.ts";
import { personaMigrations, PersonaRepository } from "../personas/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import type { MindDeps } from "./context.ts";
import { EXTRACT } from "./extraction.ts";
import { Mind } from "./mind.ts";
import { reflectionMigrations, SqlReflectionCounters } from "./reflection_repository.ts";

const aria = personaFixture("Aria");
const quiet = createLogger("error", { write: () => {} });

Deno.test("after 1,000 chats with no worker, a persona's queued extraction jobs stay within the cap", async () => {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...jobMigrations,
    ...reflectionMigrations,
  ]);
  await new PersonaRepository(db).insert(aria);
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
  try {
    for (let n = 0; n < 1000; n++) {
      const record = { id: `mem_${n}`, base_importance: 0.5 } as MemoryRecord;
      mind.stored({ persona: aria, records: [record], origin: "chat", sender: "Tam" });
    }
    const figures = await jobs.figures(aria.id);
    assert.ok(figures.queued <= DEFAULT_QUEUE_CAP, `${figures.queued} queued`);
    assert.equal(figures.queued + figures.dropped, 1000, "every chat's job queued or dropped");
    const { jobs: newest } = await jobs.list({ kind: EXTRACT, state: "queued" }, {
      limit: 1,
      offset: 0,
    });
    assert.deepEqual(newest[0]?.payload.source_ids, ["mem_999"], "the newest are kept");
  } finally {
    await jobs.close();
    await db.close();
  }
});
