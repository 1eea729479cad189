/**
 * What persona names cost (look-alike rule, `core/personas/name_key.ts`) against a baseline
 * checkout, with `--personas` personas (a list: each size is measured in turn) on in-memory
 * SQLite, stored in bulk first: the first lookup by name after the personas are loaded (the name
 * index is built then), creates (each checks its name against every stored one), lookups by name
 * (`resolve`, of names spread over all personas), lookups of a name no persona has, and chat
 * senders naming a persona (`matchSender`). Each kind runs up to its count of operations or for
 * about `--budget` ms, whichever comes first. Runs this checkout's code and the code at PATH in
 * alternating rounds; prints medians in µs per operation.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/name_lookup.ts --tree PATH \
 *     [--personas 100,3000,10000] [--rounds 3] [--budget 1500]
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { storePersonas } from "./_personas.ts";

const baseline = stringFlag(Deno.args, "tree");
if (!baseline) {
  console.error("usage: name_lookup.ts --tree PATH [--personas 100,3000,10000] [--rounds 3]");
  Deno.exit(2);
}
const sizes = (stringFlag(Deno.args, "personas") ?? "100,3000,10000").split(",").map(Number);
const rounds = numberFlag(Deno.args, "rounds", 3);
const budget = numberFlag(Deno.args, "budget", 1500);
const here = new URL("../..", import.meta.url).pathname;

/** Microseconds per operation of each kind, for the code at `tree`, with `count` personas. */
async function measure(tree: string, count: number): Promise<Record<string, number>> {
  const { SqliteDatabase } = await import(`${tree}/core/storage/sqlite.ts`);
  const { storageMigrations } = await import(`${tree}/core/storage/mod.ts`);
  const personas = await import(`${tree}/core/personas/mod.ts`);
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...storageMigrations, ...personas.personaMigrations]);
    await storePersonas(db, count);
    // A clock that moves a millisecond a read: each persona created after the one before.
    let now = Date.UTC(2026, 0, 1);
    const service = new personas.PersonaService(new personas.PersonaRepository(db), {
      now: () => now++,
    });
    const time = async (n: number, work: (i: number) => Promise<unknown>) => {
      const start = performance.now();
      let done = 0;
      while (done < n && (done < 3 || performance.now() - start < budget)) await work(done++);
      return ((performance.now() - start) * 1000) / done;
    };
    /** The i-th of names spread over all personas, lower-cased (the same name, not spelt so). */
    const spread = (i: number) => `persona ${(i * 7919) % count}`;
    const first = await time(1, () => service.resolve(spread(count - 1)));
    const create = await time(
      200,
      (i) => service.create(personas.PersonaCreate.parse({ name: `New ${i}` })),
    );
    const resolve = await time(2000, (i) => service.resolve(spread(i)));
    const miss = await time(2000, (i) => service.findByName(`Nobody ${i}`));
    const one = (await service.list())[0];
    const sender = await time(
      4000,
      (i) => service.matchSender(`Persona ${(i * 7919) % count}`, one.id),
    );
    return { first, create, resolve, miss, sender };
  } finally {
    await db.close();
  }
}

console.log(`loadavg ${Deno.loadavg().join(" ")}; ${sizes.join(", ")} personas, ${rounds} rounds`);
for (const count of sizes) {
  const results: Record<string, Record<string, number[]>> = { base: {}, here: {} };
  for (let round = 0; round < rounds; round++) {
    for (const [label, tree] of [["base", baseline], ["here", here]] as const) {
      for (const [kind, us] of Object.entries(await measure(tree, count))) {
        (results[label]![kind] ??= []).push(us);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${count} personas`);
  for (const kind of Object.keys(results.here!)) {
    const base = median(results.base![kind]!);
    const mine = median(results.here![kind]!);
    console.log(
      `  ${kind.padEnd(8)} base ${base.toFixed(1)} µs  here ${mine.toFixed(1)} µs  ×${
        (mine / base).toFixed(3)
      }`,
    );
  }
}
console.log(`loadavg ${Deno.loadavg().join(" ")}`);
