/**
 * Wake-ups with production-like waits (review39 R5): with a poll or a bound of a minute, only the
 * wake itself ends the sleep in time, so each of these fails when its wake is removed.
 */
import assert from "node:assert/strict";
import { systemClock } from "../clock.ts";
import { personaMigrations } from "../personas/mod.ts";
import { SqliteDatabase } from "../storage/mod.ts";
import { JobRunner } from "./runner.ts";
import { jobMigrations, SqlJobRepository } from "./sql_repository.ts";
import { QuietWork } from "./quiet_work.ts";
import { handler, quiet, SETTINGS, until } from "./testing/runner_fixture.ts";

/** A minute: far longer than any of these tests waits. */
const LONG_MS = 60_000;

Deno.test("an enqueue ends an idle loop's sleep (a poll of a minute)", async () => {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...personaMigrations, ...jobMigrations]);
  const runner = new JobRunner({
    repository: new SqlJobRepository(db),
    clock: systemClock,
    log: quiet,
    settings: { ...SETTINGS, pollMs: LONG_MS },
  });
  const ran: number[] = [];
  runner.register(handler("count", (n) => (ran.push(n), Promise.resolve({}))));
  runner.start();
  try {
    // The loops found nothing to claim and sleep a whole poll.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await runner.enqueue({ kind: "count", personaId: null, key: "a", payload: { n: 1 } });
    await until(() => ran.length === 1, 5_000);
    assert.deepEqual(ran, [1]);
  } finally {
    await runner.close();
    await db.close();
  }
});

Deno.test("a phase's end wakes quiet work waiting for it (a bound of a minute)", async () => {
  const work = new QuietWork({ log: quiet, quietMs: 1, maxDelayMs: LONG_MS });
  const end = work.begin();
  let ran = false;
  const done = work.add("piece", () => {
    ran = true;
  });
  try {
    // The pump waits for the open phase; without the wake, until the minute's bound.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(ran, false, "not while the phase is open");
    end();
    await until(() => ran, 5_000);
  } finally {
    await work.drain();
    await done;
  }
});
