/**
 * What persona names cost (look-alike rule, `core/personas/name_key.ts`) against a baseline
 * checkout: creates (each checks its name against every stored one), lookups by name
 * (`resolve`) and chat senders naming a persona (`matchSender`), with `--personas` personas on
 * in-memory SQLite. Runs this checkout's code and the code at PATH in alternating rounds.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/name_lookup.ts --tree PATH \
 *     [--personas 200] [--rounds 3]
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";

const baseline = stringFlag(Deno.args, "tree");
if (!baseline) {
  console.error("usage: name_lookup.ts --tree PATH [--personas 200] [--rounds 3]");
  Deno.exit(2);
}
const count = numberFlag(Deno.args, "personas", 200);
const rounds = numberFlag(Deno.args, "rounds", 3);
const here = new URL("../..", import.meta.url).pathname;

/** Microseconds per operation of each kind, for the code at `tree`. */
async function measure(tree: string): Promise<Record<string, number>> {
  const { SqliteDatabase } = await import(`${tree}/core/storage/sqlite.ts`);
  const { storageMigrations } = await import(`${tree}/core/storage/mod.ts`);
  const personas = await import(`${tree}/core/personas/mod.ts`);
  const { ManualClock } = await import(`${tree}/core/clock.ts`);
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...storageMigrations, ...personas.personaMigrations]);
    const service = new personas.PersonaService(
      new personas.PersonaRepository(db),
      new ManualClock(),
    );
    const time = async (n: number, work: (i: number) => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < n; i++) await work(i);
      return ((performance.now() - start) * 1000) / n;
    };
    const create = await time(
      count,
      (i) => service.create(personas.PersonaCreate.parse({ name: `Persona ${i}` })),
    );
    const first = (await service.list())[0];
    const resolve = await time(500, (i) => service.resolve(`persona ${i % count}`));
    const sender = await time(2000, (i) => service.matchSender(`Persona ${i % count}`, first.id));
    return { create, resolve, sender };
  } finally {
    await db.close();
  }
}

console.log(`loadavg ${Deno.loadavg().join(" ")}; ${count} personas, ${rounds} rounds`);
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
    `${kind.padEnd(8)} base ${base.toFixed(1)} µs  here ${mine.toFixed(1)} µs  ×${
      (mine / base).toFixed(2)
    }`,
  );
}
console.log(`loadavg ${Deno.loadavg().join(" ")}`);
