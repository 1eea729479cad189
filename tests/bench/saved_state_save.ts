/**
 * What `state.save` costs at the saved-state cap (`MAX_SAVED_STATES`, 10,000), against a baseline
 * checkout: a SQLite file holding 10,000 saved states (stored in bulk first), then saves under new
 * keys (each pushes the least recently saved out), saves over existing keys, and saves under new
 * keys with the cap out of reach (20,000). No visual context: the store's own work, not the JSON.
 * Runs this checkout's code and the code at PATH in alternating rounds; prints medians in µs per
 * save. With `--pg URL`, on PostgreSQL instead (a fresh schema per run, dropped after).
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/saved_state_save.ts --tree PATH \
 *     [--rounds 3] [--saves 2000] [--pg postgres://postgres@127.0.0.1:PORT/postgres]
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";

const baseline = stringFlag(Deno.args, "tree");
if (!baseline) {
  console.error("usage: saved_state_save.ts --tree PATH [--rounds 3] [--saves 2000]");
  Deno.exit(2);
}
const rounds = numberFlag(Deno.args, "rounds", 3);
const saves = numberFlag(Deno.args, "saves", 2000);
const pg = stringFlag(Deno.args, "pg");
const here = new URL("../..", import.meta.url).pathname;
const CAP = 10_000;

/** Microseconds per save of each kind, for the code at `tree`. */
async function measure(tree: string): Promise<Record<string, number>> {
  const { SqliteDatabase } = await import(`${tree}/core/storage/sqlite.ts`);
  const { PostgresDatabase } = await import(`${tree}/core/storage/postgres.ts`);
  const { storageMigrations } = await import(`${tree}/core/storage/mod.ts`);
  const { personaMigrations } = await import(`${tree}/core/personas/mod.ts`);
  const sessions = await import(`${tree}/core/sessions/mod.ts`);
  const dir = await Deno.makeTempDir();
  const schema = `bench_${crypto.randomUUID().replaceAll("-", "")}`;
  const settings = { url: pg, poolSize: 4, idleTimeoutS: 5, connectTimeoutS: 5 };
  if (pg) {
    const admin = new PostgresDatabase(settings);
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
  }
  const db = pg
    ? new PostgresDatabase({ ...settings, schema })
    : new SqliteDatabase(`${dir}/bench.db`);
  try {
    await db.migrate([
      ...storageMigrations,
      ...personaMigrations,
      ...sessions.savedSessionMigrations,
    ]);
    let t = Date.UTC(2026, 0, 1);
    const at = () => new Date(t++).toISOString();
    await db.transaction(async () => {
      for (let i = 0; i < CAP; i++) {
        await db.run(
          "INSERT INTO session_states (key, active_persona_id, visual_context, saved_at) VALUES (?, NULL, NULL, ?)",
          `k${i}`,
          at(),
        );
      }
    });
    const capped = new sessions.SavedSessionStore(db, { maxStates: CAP });
    const roomy = new sessions.SavedSessionStore(db, { maxStates: 2 * CAP });
    const save = (store: typeof capped, key: string) =>
      store.save({ key, active_persona_id: null, visual_context: null, saved_at: at() });
    const time = async (work: (i: number) => Promise<unknown>) => {
      await work(-1); // a first save (a store may count once)
      const start = performance.now();
      for (let i = 0; i < saves; i++) await work(i);
      return ((performance.now() - start) * 1000) / saves;
    };
    const evicting = await time((i) => save(capped, `new${i}`));
    const overwrite = await time((i) => save(capped, `new${(i * 7) % saves}`));
    const counted = await db.get("SELECT COUNT(*) AS n FROM session_states") as { n: number };
    const rows = Number(counted.n);
    if (rows !== CAP) throw new Error(`${tree}: ${rows} rows kept, not ${CAP}`);
    const below = await time((i) => save(roomy, `more${i}`));
    return { evicting, overwrite, below };
  } finally {
    if (pg) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

console.log(
  `loadavg ${Deno.loadavg().join(" ")}; ${CAP} saved states on ${
    pg ? "PostgreSQL" : "SQLite"
  }, ${rounds} rounds`,
);
const results: Record<string, Record<string, number[]>> = { base: {}, here: {} };
for (let round = 0; round < rounds; round++) {
  for (const [label, tree] of [["base", baseline], ["here", here]] as const) {
    for (const [kind, us] of Object.entries(await measure(tree))) {
      (results[label]![kind] ??= []).push(us);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const kind of Object.keys(results.here!)) {
  const base = median(results.base![kind]!);
  const mine = median(results.here![kind]!);
  console.log(
    `  ${kind.padEnd(9)} base ${base.toFixed(1)} µs  here ${mine.toFixed(1)} µs  ×${
      (mine / base).toFixed(3)
    }`,
  );
}
console.log(`loadavg ${Deno.loadavg().join(" ")}`);
