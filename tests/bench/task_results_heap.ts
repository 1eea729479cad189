/**
 * Heap a finished MCP task's result keeps, per task: `COUNT` tasks end with a fresh copy of one
 * result (by default a `simulation_run` result of about 0.74 MB of JSON: 10,000 ticks of the
 * tavern with its transcript; give your own as a JSON file), then the heap is measured after
 * forced GCs, without the table (results held in memory) and with it (SQLite). Run it in two
 * trees, alternately, to compare (each tree's own code is imported):
 *
 *   deno run -A --v8-flags=--expose-gc tests/bench/task_results_heap.ts TREE [RESULT.json] [COUNT]
 */
const tree = Deno.args[0] ?? new URL("../..", import.meta.url).pathname;
const COUNT = Number(Deno.args[2] ?? 20);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --v8-flags=--expose-gc");

const storage = await import(`${tree}/core/storage/mod.ts`);
const { TaskStore } = await import(`${tree}/core/server/task_store.ts`);
const { systemClock } = await import(`${tree}/core/clock.ts`);
const tasks = await import(`${tree}/core/tasks/mod.ts`);

/** A tool result shaped as `tools/call` answers: the structured result and its JSON as text. */
async function resultText(): Promise<string> {
  if (Deno.args[1]) return await Deno.readTextFile(Deno.args[1]);
  const rows = Array.from({ length: 10_000 }, (_, tick) => ({
    tick,
    speaker: `persona-${tick % 4}`,
    text: `line ${tick}: the tavern keeper pours another round and listens`,
    mood: { valence: (tick % 7) / 7, arousal: (tick % 5) / 5 },
  }));
  const structured = { ticks: 10_000, transcript: rows };
  return JSON.stringify({
    content: [{ type: "text", text: JSON.stringify(structured) }],
    structuredContent: structured,
  });
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc!();
  }
  return Deno.memoryUsage().heapUsed;
}

const text = await resultText();
for (const withTable of [false, true]) {
  const db = new storage.SqliteDatabase(":memory:");
  await db.migrate([...storage.storageMigrations, ...tasks.taskMigrations]);
  const lifetime = new AbortController();
  const store = new TaskStore({
    clock: systemClock,
    lifetime: lifetime.signal,
    records: withTable ? new tasks.TaskRecords(db) : undefined,
    maxResultBytes: 16 * 1024 * 1024,
  });
  const before = await settledHeap();
  for (let i = 0; i < COUNT; i++) {
    await store.start(() => Promise.resolve(JSON.parse(text)), () => ({}));
  }
  await store.close();
  const after = await settledHeap();
  console.log(
    `${withTable ? "with table   " : "memory only  "} ${COUNT} tasks, result ${
      (text.length / 1e6).toFixed(2)
    } MB JSON: heap ${((after - before) / COUNT / 1e6).toFixed(2)} MB per kept task`,
  );
  lifetime.abort();
  await db.close();
}
