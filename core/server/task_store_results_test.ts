/**
 * What a finished task keeps of its result: its JSON text (not the object tree), bounded in
 * bytes, only until the `tasks` table holds it; a result over the reply limit is not kept at all.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import type { Database } from "../storage/mod.ts";
import type { TaskRecords } from "../tasks/mod.ts";
import { countingRecords } from "../tasks/testing/counting_records.ts";
import { keptJson } from "./rpc/kept_json.ts";
import { MAX_KEPT_BYTES } from "./task_result.ts";
import { TaskStore } from "./task_store.ts";
import type { TaskStoreOptions } from "./task_types.ts";
import { resultRoom } from "./task_result.ts";
import { modernResult } from "./mcp/modern.ts";
import { serializeOne } from "./rpc/reply_budget.ts";
import { VERSION } from "../services.ts";
import { resultOf, withTaskTable } from "./testing/task_nodes.ts";

const toError = (error: unknown) => ({ message: String(error) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function store(options: Partial<TaskStoreOptions> = {}) {
  const lifetime = new AbortController();
  const tasks = new TaskStore({ clock: new ManualClock(0), lifetime: lifetime.signal, ...options });
  return { tasks, stop: () => lifetime.abort(new Error("server stops")) };
}

Deno.test("TaskStore: results held in memory are bounded in bytes; the oldest finished go first", async () => {
  const { tasks, stop } = store({ maxKeptBytes: 3_000 });
  try {
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await tasks.start(() => Promise.resolve(resultOf(1_000)), toError)).taskId);
      await settle();
      assert.ok(tasks.keptBytes <= 3_000, `at most the bound after ${i + 1}: ${tasks.keptBytes}`);
    }
    assert.equal(tasks.keptBytes, 3_000, "each result counted once, as its JSON's bytes");
    assert.equal(await tasks.get(ids[0]!, null), undefined, "the first finished went first");
    assert.equal(await tasks.get(ids[1]!, null), undefined);
    for (const id of ids.slice(2)) {
      assert.deepEqual((await tasks.get(id, null))?.result, resultOf(1_000));
    }
  } finally {
    stop();
  }
});

Deno.test("TaskStore: non-ASCII results count their UTF-8 bytes; the default bound is 64 MiB", async () => {
  const { tasks, stop } = store();
  try {
    const task = await tasks.start(({ report }) => {
      report("étape 1/1"); // the view's own text is not ASCII either
      return Promise.resolve({ text: "é".repeat(100) });
    }, toError);
    await settle();
    assert.equal(tasks.keptBytes, JSON.stringify({ text: "" }).length + 200);
    const kept = keptJson(await tasks.get(task.taskId, null));
    assert.equal(kept?.bytes, new TextEncoder().encode(kept?.text).length, "the reply's size");
    assert.equal(MAX_KEPT_BYTES, 64 * 1024 * 1024);
  } finally {
    stop();
  }
});

Deno.test("TaskStore: a result with no room in a reply is not kept: the task fails with -32005", async () => {
  const { tasks, stop } = store({ maxResultBytes: 10_000 });
  try {
    const probe = await tasks.start(() => Promise.resolve(resultOf(100)), toError);
    await settle();
    const view = { ...(await tasks.get(probe.taskId, null))! };
    delete view.result;
    const room = resultRoom(view, 10_000);
    const fits = await tasks.start(() => Promise.resolve(resultOf(room)), toError);
    const over = await tasks.start(() => Promise.resolve(resultOf(room + 1)), toError);
    await settle();
    assert.equal((await tasks.get(fits.taskId, null))?.status, "completed");
    const failed = await tasks.get(over.taskId, null);
    assert.equal(failed?.status, "failed");
    assert.equal(failed?.result, undefined);
    assert.equal(failed?.error?.code, -32005);
    assert.match(
      String(failed?.error?.message),
      new RegExp(`${room + 1} bytes, over ${room} \\(the room in a reply of 10000\\)`),
    );
    assert.deepEqual(failed?.error?.data, { max_reply_bytes: 10_000, ran: true });
    assert.equal(tasks.keptBytes, 100 + room, "only the results that fit are held");
  } finally {
    stop();
  }
});

Deno.test("TaskStore: the largest result kept is read back in a tasks/get reply within MAX_REPLY_BYTES", async () => {
  const limit = 20_000;
  const { tasks, stop } = store({ maxResultBytes: limit });
  const serverInfo = { name: "persona-mcp", title: "Persona MCP", version: VERSION };
  // The longest id the envelope's room is for, each character at its longest in JSON.
  const id = "\u0001".repeat(256);
  const run = async (bytes: number) => {
    const task = await tasks.start(({ report }) => {
      report(`étape ${"é".repeat(40)}`); // the status message stays in the completed view
      return Promise.resolve(resultOf(bytes));
    }, toError);
    await settle();
    return (await tasks.get(task.taskId, null))!;
  };
  try {
    let [low, high] = [limit - 4_000, limit]; // kept at `low`, not at `high`
    assert.equal((await run(low)).status, "completed");
    assert.equal((await run(high)).error?.code, -32005);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if ((await run(middle)).status === "completed") low = middle;
      else high = middle;
    }
    const view = await run(low);
    const reply = { jsonrpc: "2.0" as const, id, result: modernResult(view, serverInfo) };
    const sent = serializeOne(reply, limit);
    assert.ok("result" in sent.reply!, `the largest kept (${low}) is read: ${sent.text}`);
    assert.equal((await run(low + 1)).error?.code, -32005, "one byte more fails up front");
    assert.ok(low > limit - 2_600, `the rest of the reply is its envelope and view: ${low}`);
  } finally {
    stop();
  }
});

Deno.test("TaskStore: a long status message takes its room from the result: one that would not fit beside it fails", async () => {
  const limit = 20_000;
  const { tasks, stop } = store({ maxResultBytes: limit });
  const serverInfo = { name: "persona-mcp", title: "Persona MCP", version: VERSION };
  // Far more than the envelope's slack: the completed view keeps the message.
  const message = "m".repeat(5_000);
  const run = async (bytes: number) => {
    const task = await tasks.start(({ report }) => {
      report(message);
      return Promise.resolve(resultOf(bytes));
    }, toError);
    await settle();
    return (await tasks.get(task.taskId, null))!;
  };
  try {
    const fits = await run(limit - 2_048 - 6_000);
    assert.equal(fits.status, "completed");
    assert.equal(fits.statusMessage, message);
    const reply = { jsonrpc: "2.0" as const, id: 1, result: modernResult(fits, serverInfo) };
    assert.ok("result" in serializeOne(reply, limit).reply!);
    // Room for it without the message, none with it: failed up front, never kept unreadable.
    const over = await run(limit - 2_048 - 4_000);
    assert.equal(over.status, "failed");
    assert.equal(over.error?.code, -32005);
  } finally {
    stop();
  }
});

Deno.test("TaskStore: a finished result is its JSON text, not its objects: they are collected", async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  assert.ok(gc, "run with --v8-flags=--expose-gc (deno task test does)");
  const { tasks, stop } = store();
  try {
    let row!: WeakRef<object>;
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ i, text: `row ${i}` }));
    const task = await tasks.start(() => {
      const result = { rows: rows.map((item) => ({ ...item })) };
      row = new WeakRef(result.rows[0]!);
      return Promise.resolve(result);
    }, toError);
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      gc();
    }
    assert.equal(row.deref(), undefined, "no object of the result is held by the store");
    assert.deepEqual((await tasks.get(task.taskId, null))?.result, { rows });
    assert.equal(tasks.keptBytes, JSON.stringify({ rows }).length);
  } finally {
    stop();
  }
});

Deno.test("TaskStore: past the byte bound, results the table holds are dropped and read back from it", async () => {
  await withTaskTable(async ({ tasks, db }) => {
    const first = await tasks.start(() => Promise.resolve(resultOf(5_000)), toError);
    await settle();
    await tasks.close(); // the end is written
    assert.equal(tasks.keptBytes, 5_000, "within the bound a written result stays held");
    await tasks.start(() => Promise.resolve(resultOf(5_000)), toError);
    await settle();
    await tasks.close();
    assert.equal(tasks.keptBytes, 5_000, "the first's text dropped, its task kept");
    const view = await tasks.get(first.taskId, null);
    assert.equal(view?.status, "completed");
    assert.equal(keptJson(view)?.text, JSON.stringify(view), "read back, sent as its text");
    assert.deepEqual(view?.result, resultOf(5_000));
    // Its row gone (another process cleaned up): gone here too, not `completed` without a result.
    await db.run("DELETE FROM tasks WHERE id = ?", first.taskId);
    assert.equal(await tasks.get(first.taskId, null), undefined);
  }, { maxKeptBytes: 6_000 });
});

Deno.test("TaskStore: a finished task's view is sent as its result's JSON text, not parsed again", async () => {
  const parse = JSON.parse;
  let parses = 0;
  try {
    await withTaskTable(async ({ tasks }) => {
      const task = await tasks.start(() => Promise.resolve(resultOf(5_000)), toError);
      await settle();
      const views = [await tasks.get(task.taskId, null)]; // held in memory
      await tasks.close();
      views.push(await tasks.get(task.taskId, null)); // read back from the table
      JSON.parse = (...args: Parameters<typeof parse>) => (parses++, parse(...args));
      const texts = views.map((view) => keptJson(view)?.text);
      assert.equal(parses, 0, "not parsed to be sent");
      for (const [i, view] of views.entries()) {
        assert.ok(texts[i], "a kept result: replies splice its text");
        assert.match(texts[i]!, /,"result":\{"text":"x+"\}\}$/);
        assert.equal(texts[i], JSON.stringify(view), "the text is the view's JSON");
        assert.deepEqual(view?.result, resultOf(5_000));
      }
    });
  } finally {
    JSON.parse = parse;
  }
});

Deno.test("TaskStore: a view without its result reads nothing from the table (a listen's fingerprint)", async () => {
  let reads!: () => number;
  const recordsOf = (db: Database): TaskRecords => {
    const counting = countingRecords(db);
    reads = counting.reads;
    return counting.records;
  };
  await withTaskTable(async ({ tasks }) => {
    const task = await tasks.start(() => Promise.resolve(resultOf(5_000)), toError);
    await settle();
    await tasks.close();
    const view = await tasks.get(task.taskId, null, { result: false });
    assert.equal(view?.status, "completed");
    assert.equal(view?.result, undefined);
    assert.equal(reads(), 0, "not read from the table");
    assert.deepEqual((await tasks.get(task.taskId, null))?.result, resultOf(5_000));
  }, { recordsOf });
});

Deno.test("TaskStore: a result whose table write failed stays held (and counted) here", async () => {
  const errors: unknown[] = [];
  await withTaskTable(async ({ tasks, db }) => {
    await db.run("DROP TABLE tasks");
    const task = await tasks.start(() => Promise.resolve(resultOf(2_000)), toError);
    await settle();
    await tasks.close();
    assert.ok(errors.length > 0, "the writes failed");
    assert.equal(tasks.keptBytes, 2_000);
    assert.deepEqual((await tasks.get(task.taskId, null))?.result, resultOf(2_000));
  }, { onError: (error) => errors.push(error) });
});
