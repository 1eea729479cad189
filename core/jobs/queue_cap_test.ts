/**
 * The cap on a persona's queued jobs (`queue_cap.ts`), on SQLite and PostgreSQL: it holds at all
 * times (attack32 M2: not only while the model stalls), counts each dropped job, logs once per
 * episode, and a transaction's changes reach the counts and the log only once it has committed.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { systemClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import type { Database } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { runnerSettings } from "./mod.ts";
import { recordOutcome } from "./outcome_record.ts";
import { DEFAULT_QUEUE_CAP } from "./queue_cap.ts";
import { JobRunner } from "./runner.ts";
import type { AfterCommit } from "./runner_types.ts";
import type { SqlJobRepository } from "./sql_repository.ts";
import { jobsIn, withPersonas } from "./testing/fixture.ts";

const quiet = createLogger("error", { write: () => {} });

/** A runner (not started: nothing is claimed) over `db` with personas p_a and p_b. */
async function capped(db: Database, queueCap: number) {
  const repository = await jobsIn(db);
  await withPersonas(db, "p_a", "p_b");
  const lines: string[] = [];
  const settings = { ...runnerSettings(loadConfig({ env: {}, dotenv: "" })), queueCap };
  const runner = new JobRunner({
    repository,
    clock: systemClock,
    log: createLogger("debug", { write: (line) => lines.push(line) }),
    settings,
  });
  runner.register({
    kind: "count",
    payload: z.object({ n: z.number() }),
    run: () => Promise.resolve({}),
  });
  let n = 0;
  const add = (personaId: string, after?: AfterCommit) =>
    runner.enqueue(
      { kind: "count", personaId, key: `count:${personaId}:${n}`, payload: { n: n++ } },
      after,
    );
  const warnings = () => lines.filter((line) => line.includes("WARN"));
  return { repository, runner, add, warnings };
}

/** Puts the persona under a stall hold: one of its jobs timed out (and failed) just now. */
async function stall(repository: SqlJobRepository, personaId: string): Promise<void> {
  const id = `stall_${crypto.randomUUID()}`;
  await repository.insert({
    id,
    kind: "stall",
    persona_id: personaId,
    key: id,
    batch_key: null,
    payload: {},
    max_attempts: 1,
    run_after: 0,
    created_at: 0,
  });
  const now = Date.now();
  const job = await repository.claimNext({ kinds: ["stall"], worker: "w", now, leaseMs: 60_000 });
  await recordOutcome(job!, { kind: "failed", error: { reason: "timeout", message: "slow" } }, {
    repository,
    log: quiet,
    worker: "w",
    now,
    ended: () => {},
    pause: () => 0,
    waiting: () => {},
  });
}

Deno.test("the cap is a setting, 200 unless set, 0 for none", () => {
  assert.equal(DEFAULT_QUEUE_CAP, 200);
  assert.equal(loadConfig({ env: {}, dotenv: "" }).JOBS_QUEUE_CAP, 200);
  assert.equal(runnerSettings(loadConfig({ env: {}, dotenv: "" })).queueCap, 200);
  assert.equal(
    runnerSettings(loadConfig({ env: { JOBS_QUEUE_CAP: "0" }, dotenv: "" })).queueCap,
    0,
  );
});

eachDatabase(
  "the cap holds without a stall hold too: jobs waiting for a slow model or the chats stop at it",
  async (db) => {
    const { runner, add, warnings } = await capped(db, DEFAULT_QUEUE_CAP);
    for (let i = 0; i < DEFAULT_QUEUE_CAP + 3; i++) await add("p_a");
    const figures = await runner.figures("p_a");
    assert.equal(figures.queued, DEFAULT_QUEUE_CAP);
    assert.equal(figures.dropped, 3);
    assert.equal(warnings().length, 1);
  },
);

/** `db` with the SQL of each `run` (writes) noted in `ran`. */
function watchedRuns(db: Database, ran: string[]): Database {
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      if (key !== "run") return value.bind(target);
      return (
        sql: string,
        ...params: unknown[]
      ) => (ran.push(sql), value.call(target, sql, ...params));
    },
  });
}

eachDatabase(
  "an enqueue under the cap only reads: no UPDATE of the queue until it passes the cap",
  async (db) => {
    const ran: string[] = [];
    const { runner, add } = await capped(watchedRuns(db, ran), 5);
    for (let i = 0; i < 5; i++) await add("p_a");
    assert.deepEqual(ran.filter((sql) => sql.includes("'skipped'")), []);
    await add("p_a");
    assert.equal(ran.filter((sql) => sql.includes("'skipped'")).length, 1, "past it: it trims");
    assert.equal((await runner.figures("p_a")).queued, 5);
  },
);

eachDatabase("with the cap set to 0 nothing is dropped, even under a stall hold", async (db) => {
  const { repository, runner, add, warnings } = await capped(db, 0);
  await stall(repository, "p_a");
  for (let i = 0; i < 5; i++) await add("p_a");
  assert.equal((await runner.figures("p_a")).queued, 5);
  assert.deepEqual(warnings(), []);
});

eachDatabase(
  "the oldest past the cap are skipped, each counted, warned once per episode",
  async (db) => {
    const { repository, runner, add, warnings } = await capped(db, 4);
    for (let i = 0; i < 4; i++) await add("p_a");
    assert.equal((await runner.figures("p_a")).skipped, 0, "at the cap: nothing dropped");
    await stall(repository, "p_a");
    for (let i = 0; i < 3; i++) await add("p_a");
    assert.deepEqual(
      { ...await runner.figures("p_a") },
      { queued: 4, running: 0, done: 0, failed: 1, skipped: 3, dropped: 3 },
    );
    assert.equal(runner.counts().queued, 4, "each job counted");
    assert.equal(runner.counts().skipped, 3);
    const skipped = await runner.list({ state: "skipped" }, { limit: 10, offset: 0 });
    assert.deepEqual(skipped.jobs.map((job) => job.payload.n).sort(), [0, 1, 2], "the oldest");
    assert.equal(skipped.jobs[0]!.last_error?.reason, "queue_cap");
    await add("p_a");
    for (let i = 0; i < 4; i++) await add("p_b");
    assert.equal((await runner.figures("p_b")).skipped, 0, "another persona: its own cap");
    assert.equal(warnings().length, 1, warnings().join("\n"));
    assert.match(warnings()[0]!, /WARN .*cap.* persona=p_a/);
    // The persona's queue drains to half the cap: the episode ends.
    while ((await runner.figures("p_a")).queued > 1) {
      const job = await repository.claimNext({
        kinds: ["count"],
        worker: "w",
        now: Date.now() + 3_600_000,
        leaseMs: 60_000,
      });
      await repository.complete(job!.id, { worker: "w", result: {}, now: Date.now() });
    }
    await add("p_a");
    for (let i = 0; i < 3; i++) await add("p_a");
    assert.equal((await runner.figures("p_a")).queued, 4);
    assert.equal(warnings().length, 2, "a new episode warns again");
  },
);

eachDatabase(
  "a queue that drains but stays over half the cap is still one episode",
  async (db) => {
    const { repository, runner, add, warnings } = await capped(db, 4);
    for (let i = 0; i < 6; i++) await add("p_a");
    assert.equal(warnings().length, 1);
    const job = await repository.claimNext({
      kinds: ["count"],
      worker: "w",
      now: Date.now(),
      leaseMs: 60_000,
    });
    await repository.complete(job!.id, { worker: "w", result: {}, now: Date.now() });
    await add("p_a");
    assert.equal((await runner.figures("p_a")).queued, 4, "3 left, one more: at the cap");
    await add("p_a");
    assert.equal((await runner.figures("p_a")).dropped, 3, "over it again: trimmed");
    assert.equal(warnings().length, 1, "the same episode: " + warnings().join("\n"));
  },
);

eachDatabase(
  "inside a transaction, counts and warnings change once it commits, not on a rollback",
  async (db) => {
    const { repository, runner, add, warnings } = await capped(db, 2);
    await stall(repository, "p_a");
    for (let i = 0; i < 2; i++) await add("p_a");
    const before = runner.counts();
    const effects: (() => void)[] = [];
    await assert.rejects(db.transaction(async () => {
      await add("p_a", (effect) => effects.push(effect));
      assert.equal((await runner.figures("p_a")).skipped, 1, "trimmed inside");
      throw new Error("rolled back");
    }));
    assert.deepEqual(runner.counts(), before, "a rollback changes no count");
    assert.deepEqual(warnings(), []);
    effects.length = 0;
    await db.transaction(() => add("p_a", (effect) => effects.push(effect)));
    assert.deepEqual(runner.counts(), before, "not before the effects run");
    for (const effect of effects) effect();
    const figures = await runner.figures();
    assert.equal(runner.counts().queued, figures.queued);
    assert.equal(runner.counts().skipped, figures.skipped);
    assert.equal(warnings().length, 1);
  },
);

eachDatabase(
  "the jobs the cap dropped are a figure of their own, apart from other skipped jobs",
  async (db) => {
    const { repository, runner, add } = await capped(db, 2);
    await stall(repository, "p_a");
    for (let i = 0; i < 4; i++) await add("p_a");
    // A job of p_b skipped for having nothing to do, whose message even quotes the cap's reason.
    await repository.insert({
      id: "other",
      kind: "other",
      persona_id: "p_b",
      key: "other",
      batch_key: null,
      payload: {},
      max_attempts: 1,
      run_after: 0,
      created_at: 0,
    });
    const held = await repository.claimNext({
      kinds: ["other"],
      worker: "w",
      now: Date.now(),
      leaseMs: 60_000,
    });
    await repository.skip(held!.id, {
      worker: "w",
      error: { reason: "nothing_to_do", message: '{"reason":"queue_cap"}' },
      now: Date.now(),
    });
    const all = await runner.figures();
    assert.equal(all.skipped, 3, "the cap's two and the other");
    assert.equal(all.dropped, 2, "two past the cap of two");
    assert.equal((await runner.figures("p_a")).dropped, 2);
    assert.deepEqual(
      { ...await runner.figures("p_b") },
      { queued: 0, running: 0, done: 0, failed: 0, skipped: 1, dropped: 0 },
      "per persona; nothing to do is not dropped",
    );
  },
);
