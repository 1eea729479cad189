/**
 * A task's end is durable (attack16 F3): an end the table refuses (the database out of reach) is
 * tried again until it lands; the store's close tries each waiting end once more and gives it up
 * rather than wait for the database; at most `maxTasks` ends wait, the longest waiting given up
 * first (its row written failed once the table answers again). On a real SQLite table whose records refuse ends while `down` (as the outage circuit
 * refuses calls); the PostgreSQL outage itself is in task_store_outage_test.ts.
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/mod.ts";
import {
  eventually,
  givenUpCount,
  RefusingRecords,
  storedStatus,
  toError,
  withTaskTable,
} from "./testing/task_nodes.ts";

function refusing() {
  let records!: RefusingRecords;
  return { recordsOf: (db: Database) => records = new RefusingRecords(db), records: () => records };
}

Deno.test("TaskStore: an end the table refused is written once it answers again", async () => {
  const errors: unknown[] = [];
  const { recordsOf, records } = refusing();
  await withTaskTable(async ({ tasks, db }) => {
    const task = await tasks.start(() => Promise.resolve({ answer: 42 }), toError);
    await eventually(() => errors.length, (n) => n > 0);
    assert.equal(await storedStatus(db, task.taskId), "working", "refused: not written yet");
    assert.deepEqual((await tasks.get(task.taskId, null))?.result, { answer: 42 });
    records().down = false;
    await eventually(() => storedStatus(db, task.taskId), (s) => s === "completed");
    const row = await records().get(task.taskId);
    assert.equal(row?.resultJson, '{"answer":42}', "with its result");
    assert.equal(errors.length, 1, "logged once, not once per try");
    await tasks.close();
  }, { recordsOf, onError: (error) => errors.push(error) });
});

Deno.test("TaskStore.close tries a waiting end once more, then gives it up", async () => {
  const errors: unknown[] = [];
  const { recordsOf, records } = refusing();
  await withTaskTable(async ({ tasks, db }) => {
    const task = await tasks.start(() => Promise.resolve({ answer: 1 }), toError);
    await eventually(() => errors.length, (n) => n > 0);
    const before = records().tries;
    await tasks.close();
    assert.ok(records().tries > before, "one last try at close");
    assert.equal(givenUpCount(errors), 1, "given up, and said so");
    assert.equal(await storedStatus(db, task.taskId), "working");
    // Its result stays held here: this process still answers the end it had.
    assert.deepEqual((await tasks.get(task.taskId, null))?.result, { answer: 1 });
  }, { recordsOf, onError: (error) => errors.push(error) });
});

Deno.test("TaskStore: at most maxTasks ends wait; past it the longest waiting is given up", async () => {
  const errors: unknown[] = [];
  const { recordsOf, records } = refusing();
  await withTaskTable(async ({ tasks, db }) => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await tasks.start(() => Promise.resolve({ i }), toError)).taskId);
      // Each end refused once (so waiting) before the next task ends.
      await eventually(() => errors.length, (n) => n > i);
    }
    await eventually(() => givenUpCount(errors), (n) => n === 1);
    records().down = false;
    for (const id of ids.slice(1)) {
      await eventually(() => storedStatus(db, id), (s) => s === "completed");
    }
    // The one given up: its end is not written, but its row does not stay working either.
    await eventually(() => storedStatus(db, ids[0]!), (s) => s !== "working");
    assert.equal(await storedStatus(db, ids[0]!), "failed", "written failed (node lost)");
    await tasks.close();
  }, { recordsOf, maxTasks: 2, onError: (error) => errors.push(error) });
});
