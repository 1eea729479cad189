/** What a listen reads each second of a task it follows. */
import { countingRecords } from "../../tasks/testing/counting_records.ts";
import assert from "node:assert/strict";
import { systemClock } from "../../clock.ts";
import { SqliteDatabase, storageMigrations } from "../../storage/mod.ts";
import { taskMigrations } from "../../tasks/mod.ts";
import type { HandlerContext } from "../define_handler.ts";
import { TaskStore } from "../task_store.ts";
import { TASK_KEY } from "./listen_hub.ts";
import { fingerprint } from "./subscriptions.ts";

Deno.test("listen: a finished task's fingerprint reads no result from the table, and still changes with the task", async () => {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...storageMigrations, ...taskMigrations]);
  const { records, reads } = countingRecords(db);
  const lifetime = new AbortController();
  const tasks = new TaskStore({ clock: systemClock, lifetime: lifetime.signal, records });
  const ctx = { tasks, session: { taskOwner: null } } as unknown as HandlerContext;
  try {
    let finish!: (result: Record<string, unknown>) => void;
    const task = await tasks.start(() => new Promise((resolve) => finish = resolve), () => ({}));
    const key = `${TASK_KEY}${task.taskId}`;
    const working = await fingerprint(ctx, key);
    await new Promise((resolve) => setTimeout(resolve, 2)); // another lastUpdatedAt
    finish({ text: "x".repeat(100_000) });
    await tasks.close(); // the end is in the table, the result no longer in memory
    const done = await fingerprint(ctx, key);
    assert.notEqual(done, working, "the end is a change");
    assert.equal(await fingerprint(ctx, key), done);
    assert.equal(reads(), 0, "read each second: never from the table");
  } finally {
    lifetime.abort();
    await db.close();
  }
});
