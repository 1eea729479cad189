/**
 * The kind ties' quiet slices (`sqlite_kind_ties.ts`, `readTiesSlice`), two checkouts side by side
 * in ONE process (session 41, attack41): a persona of `--size` stored memories of `--chars`
 * characters of capitalised text ("Tom was tired after the match ..."), its ties read slice by
 * slice at the budget the quiet moments give (`PREPARE_SLICE_MS`), for at most `--slices`
 * slices. Prints for each tree the texts taken in, the rows its SQL read, the main-thread CPU a
 * slice (median) and of the SQL reads in all. The two trees alternate in each round; run it
 * three times and report the medians.
 *
 *   deno run -A tests/bench/quiet_ties_slices.ts --base PATH [--tree PATH] [--size 2000]
 *     [--chars 10000] [--slices 300] [--rounds 3]
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { threadClock } from "./_thread_clock.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) throw new Error("usage: quiet_ties_slices.ts --base PATH [--tree PATH] ...");
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const size = numberFlag(args, "size", 2_000);
const chars = numberFlag(args, "chars", 10_000);
const slices = numberFlag(args, "slices", 300);
const rounds = numberFlag(args, "rounds", 3);
const cpu = threadClock();

const LINE = "Tom was tired after the match on Sunday and Ann said the Foundry was shut. ";
const TEXT = LINE.repeat(Math.ceil(chars / LINE.length)).slice(0, chars);

/** The bare `memories` table `readTiesSlice` reads, filled; its reads counted. */
function store() {
  const db = new DatabaseSync(":memory:");
  db.exec("CREATE TABLE memories (seq INTEGER PRIMARY KEY, persona_id TEXT, content TEXT)");
  const insert = db.prepare("INSERT INTO memories (persona_id, content) VALUES ('p', ?)");
  db.exec("BEGIN");
  for (let i = 0; i < size; i++) {
    insert.run(`${i % 50 === 0 ? `Biscuit${i}, the beagle. ` : ""}${TEXT}`);
  }
  db.exec("COMMIT");
  const counted = { rows: 0, sqlMs: 0 };
  const statements = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  const connection = {
    all(sql: string, ...params: (string | number)[]) {
      const start = cpu();
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, statement = db.prepare(sql));
      const rows = statement.all(...params);
      counted.sqlMs += cpu() - start;
      counted.rows += rows.length;
      return rows;
    },
  };
  return { connection, counted, close: () => db.close() };
}

async function run(path: string) {
  const { readTiesSlice } = await import(`${path}/core/memory/sqlite_kind_ties.ts`);
  const { keepTies, KindTies } = await import(`${path}/core/memory/kind_ties.ts`);
  const { PREPARE_SLICE_MS } = await import(`${path}/core/memory/memory_prep.ts`);
  const { connection, counted, close } = store();
  const lexical = {};
  const ties = keepTies(lexical, new KindTies({ after: 0 }));
  const times: number[] = [];
  for (let slice = 0; slice < slices; slice++) {
    const start = cpu();
    const left = readTiesSlice(connection, { personaId: "p", lexical, budgetMs: PREPARE_SLICE_MS });
    times.push(cpu() - start);
    if (!left) break;
  }
  close();
  const taken = ties.complete ? size : ties.after;
  times.sort((a, b) => a - b);
  return { taken, rows: counted.rows, sliceMs: percentile(times, 50), sqlMs: counted.sqlMs };
}

console.log(
  `size ${size}, ${chars} characters a memory, ${slices} slices at most; load ${
    Deno.loadavg().map((x) => x.toFixed(1)).join(" ")
  }`,
);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0
    ? [["base", base], ["tree", tree]]
    : [["tree", tree], ["base", base]];
  for (const [label, path] of order) {
    const { taken, rows, sliceMs, sqlMs } = await run(path!);
    console.log(
      `round ${round} ${label}: ${taken} texts taken in, ${rows} rows read (${
        (rows / taken).toFixed(1)
      } a text), CPU ${sliceMs.toFixed(2)} ms a slice (median), SQL reads ${sqlMs.toFixed(0)} ms`,
    );
  }
}
