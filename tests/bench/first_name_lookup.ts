/**
 * The first persona name lookup after a start, with `--personas` personas (default 10,000) in a
 * SQLite file: each measurement is a fresh process (as after a start: nothing loaded, nothing
 * compiled) that opens the file and times its first `resolve` of a name in another case (the
 * persona cache's load and its name index's build), then a second; `firstCpu` is the first's
 * CPU time (user + system, all threads: less swayed by a loaded machine than wall time). Runs this checkout's code and
 * the code at PATH in alternating rounds; prints medians in ms.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/first_name_lookup.ts --tree PATH \
 *     [--personas 10000] [--rounds 5]
 *
 * @module
 */
import process from "node:process";
import { numberFlag, stringFlag } from "./_load.ts";
import { storePersonas } from "./_personas.ts";

const here = new URL("../..", import.meta.url).pathname;
const child = Deno.args[0] === "--child";

if (child) {
  const [, tree, path] = Deno.args;
  const { SqliteDatabase } = await import(`${tree}/core/storage/sqlite.ts`);
  const personas = await import(`${tree}/core/personas/mod.ts`);
  const db = new SqliteDatabase(path!);
  const service = new personas.PersonaService(new personas.PersonaRepository(db), {
    now: () => Date.now(),
  });
  const count = Number((await db.get("SELECT COUNT(*) AS n FROM personas")).n);
  const cpuMs = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const cpuStart = cpuMs();
  let start = performance.now();
  await service.resolve(`persona ${count - 1}`);
  const first = performance.now() - start;
  const firstCpu = cpuMs() - cpuStart;
  start = performance.now();
  await service.resolve(`persona ${Math.floor(count / 2)}`);
  const second = performance.now() - start;
  console.log(JSON.stringify({ first, firstCpu, second }));
  await db.close();
  Deno.exit(0);
}

const baseline = stringFlag(Deno.args, "tree");
if (!baseline) {
  console.error("usage: first_name_lookup.ts --tree PATH [--personas 10000] [--rounds 5]");
  Deno.exit(2);
}
const count = numberFlag(Deno.args, "personas", 10_000);
const rounds = numberFlag(Deno.args, "rounds", 5);
const dir = await Deno.makeTempDir();
const path = `${dir}/personas.db`;
{
  const { SqliteDatabase } = await import(`${here}/core/storage/sqlite.ts`);
  const { storageMigrations } = await import(`${here}/core/storage/mod.ts`);
  const { personaMigrations } = await import(`${here}/core/personas/mod.ts`);
  const db = new SqliteDatabase(path);
  await db.migrate([...storageMigrations, ...personaMigrations]);
  await storePersonas(db, count, '{"openness":0.5,"warmth":0.7}');
  await db.close();
}

type Sample = { first: number; firstCpu: number; second: number };

async function measure(tree: string): Promise<Sample> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--lock=tests/deno.lock",
      "-A",
      new URL(import.meta.url).pathname,
      "--child",
      tree,
      path,
    ],
    cwd: here,
    stderr: "inherit",
  }).output();
  return JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);
}

console.log(`loadavg ${Deno.loadavg().join(" ")}; ${count} personas, ${rounds} rounds`);
const results: Record<string, Record<keyof Sample, number[]>> = {
  base: { first: [], firstCpu: [], second: [] },
  here: { first: [], firstCpu: [], second: [] },
};
for (let round = 0; round < rounds; round++) {
  const order = [["base", baseline], ["here", here]] as const;
  for (const [label, tree] of round % 2 ? order.toReversed() : order) {
    const sample = await measure(tree);
    for (const kind of ["first", "firstCpu", "second"] as const) {
      results[label]![kind].push(sample[kind]);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const kind of ["first", "firstCpu", "second"] as const) {
  const base = median(results.base![kind]);
  const mine = median(results.here![kind]);
  console.log(
    `  ${kind.padEnd(8)} base ${base.toFixed(1)} ms  here ${mine.toFixed(1)} ms  ×${
      (mine / base).toFixed(3)
    }  (base ${results.base![kind].map((x) => x.toFixed(0)).join(" ")}; here ${
      results.here![kind].map((x) => x.toFixed(0)).join(" ")
    })`,
  );
}
console.log(`loadavg ${Deno.loadavg().join(" ")}`);
await Deno.remove(dir, { recursive: true });
