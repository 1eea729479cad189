/**
 * An MCP task's create + poll round trip in the task store on SQLite, as one server does it
 * (`tools/call` of a task tool, then `tasks/get`): 2,000 tasks that end at once, each started and
 * polled; then 2,000 polls of a finished task. Median and p90 in µs. Run it in two trees,
 * alternately, to compare (each tree's own code is imported; a tree without the `tasks` table
 * keeps tasks in memory only):
 *
 *   deno run -A tests/bench/task_roundtrip.ts TREE
 */
const tree = Deno.args[0] ?? new URL("../..", import.meta.url).pathname;
const ROUNDS = 2_000;

const storage = await import(`${tree}/core/storage/mod.ts`);
const { TaskStore } = await import(`${tree}/core/server/task_store.ts`);
const { systemClock } = await import(`${tree}/core/clock.ts`);
const tasks = await import(`${tree}/core/tasks/mod.ts`).catch(() => undefined);

const dir = await Deno.makeTempDir({ prefix: "bench-tasks-" });
const db = new storage.SqliteDatabase(`${dir}/persona.db`);
await db.migrate([...storage.storageMigrations, ...(tasks?.taskMigrations ?? [])]);
const lifetime = new AbortController();
const store = new TaskStore({
  clock: systemClock,
  lifetime: lifetime.signal,
  records: tasks ? new tasks.TaskRecords(db) : undefined,
});
const toError = (error: unknown) => ({ message: String(error) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function stats(samples: number[]): { median: number; p90: number } {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))]! * 1000);
  return { median: at(0.5), p90: at(0.9) };
}

const trips: number[] = [];
let last = "";
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now();
  const view = await store.start(() => Promise.resolve({ i }), toError);
  await store.get(view.taskId, null);
  trips.push(performance.now() - start);
  last = view.taskId;
  // The task ends (and its end is written) between rounds, as between a client's requests.
  await settle();
}
const polls: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now();
  await store.get(last, null);
  polls.push(performance.now() - start);
}
lifetime.abort();
await store.close?.();
await db.close();
await Deno.remove(dir, { recursive: true });
console.log(JSON.stringify({
  tree,
  table: tasks !== undefined,
  create_poll_us: stats(trips),
  poll_us: stats(polls),
}));
