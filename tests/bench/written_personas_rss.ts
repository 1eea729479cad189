/**
 * What personas that are only written (stored to, never searched) keep in memory (perf64,
 * review41c's finding 2): `--personas` personas (default 2,000) each get `--memories` memories
 * (default 20, 8-17 words with a name tied to a kind now and then, random 384-dimension vectors)
 * through one `SqliteBackend.insert` each, into a SQLite file, as an import or a simulation's crowd
 * writes them. Reported after full GCs: the growth of RSS and of the V8 heap from after the
 * personas were made to after the writes, and the external memory (the vector indexes' buffers).
 * Then one search's kind ties are asked of the first persona (its index loads then): whether they
 * were complete at once (perf61's point, which must hold).
 *
 * Each round runs in a child process of its own, the trees alternating; medians of the rounds.
 *
 *   deno run -A tests/bench/written_personas_rss.ts [--base PATH] [--tree PATH] [--rounds 3]
 *     [--personas 2000] [--memories 20]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { alternatingRounds, comparedTrees, loadAverage } from "./_table.ts";
import { roundInChild } from "./_child_round.ts";

/** One round's figures (MB, but `tiesComplete`). */
interface RoundFigures {
  rssDelta: number;
  heapDelta: number;
  external: number;
  /** Whether the first persona's first search found its kind ties complete. */
  tiesComplete: boolean;
}

const DIMENSIONS = 384;
/** Words the memories are drawn from: names, kinds they are tied to, and others. */
const WORDS = [
  "Tom",
  "went",
  "to",
  "the",
  "market",
  "Elmhurst",
  "is",
  "care",
  "home",
  "our",
  "beagle",
  "Biscuit",
  "likes",
  "tea",
  "Monday",
  "sister",
  "Anna",
  "lives",
  "in",
  "Leeds",
];

const megabytes = (bytes: number) => bytes / 2 ** 20;

async function round(options: { tree: string; personas: number; memories: number }) {
  const { tree } = options;
  const { SqliteDatabase, storageMigrations } = await import(`${tree}/core/storage/mod.ts`);
  const personasModule = await import(`${tree}/core/personas/mod.ts`);
  const { memoryMigrationsFor, SqliteBackend } = await import(`${tree}/core/memory/mod.ts`);
  const { ManualClock } = await import(`${tree}/core/clock.ts`);
  const { sampleRecord } = await import(`${tree}/core/memory/testing/record_fixture.ts`);
  const dir = await Deno.makeTempDir({ prefix: "written-rss-" });
  const db = new SqliteDatabase(`${dir}/memories.db`);
  try {
    await db.migrate([
      ...storageMigrations,
      ...personasModule.personaMigrations,
      ...memoryMigrationsFor({ MEMORY_BACKEND: "sqlite" }),
    ]);
    const personas = new personasModule.PersonaService(
      new personasModule.PersonaRepository(db),
      new ManualClock(Date.UTC(2026, 5, 1)),
    );
    const ids: string[] = [];
    for (let i = 0; i < options.personas; i++) {
      const create = personasModule.PersonaCreate.parse({ name: `P${i}` });
      ids.push((await personas.create(create)).id);
    }
    const backend = new SqliteBackend(db);
    // The same memories for both trees: a fixed linear congruential sequence.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const gc = (globalThis as unknown as { gc: () => void }).gc;
    gc();
    const before = Deno.memoryUsage();
    for (const personaId of ids) {
      const writes = Array.from({ length: options.memories }, () => {
        const length = 8 + Math.floor(random() * 10);
        const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]);
        const vector = new Float32Array(DIMENSIONS).map(() => random() - 0.5);
        const record = sampleRecord({
          persona_id: personaId,
          content: words.join(" "),
          embedder: "e",
        });
        return { record, vector };
      });
      await backend.insert(writes);
    }
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    const after = Deno.memoryUsage();
    const query = {
      personaId: ids[0],
      othersVisibility: [],
      vector: new Float32Array(DIMENSIONS).fill(0.1),
      embedder: "e",
      terms: ["care", "home"],
      minImportance: 0,
      limit: 10,
    };
    const tied = await backend.tiedKinds(query, ["home", "beagl"]);
    await backend.close();
    return {
      rssDelta: megabytes(after.rss - before.rss),
      heapDelta: megabytes(after.heapUsed - before.heapUsed),
      external: megabytes(after.external),
      tiesComplete: tied !== undefined,
    };
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const args = Deno.args;
  const options = {
    personas: numberFlag(args, "personas", 2000),
    memories: numberFlag(args, "memories", 20),
  };
  const child = args.indexOf("--child");
  if (child >= 0) {
    console.log(JSON.stringify(await round({ ...options, tree: args[child + 1]! })));
  } else {
    const rounds = numberFlag(args, "rounds", 3);
    const trees = comparedTrees({
      here: new URL("../..", import.meta.url).pathname,
      tree: stringFlag(args, "tree"),
      base: stringFlag(args, "base"),
    });
    const loads: string[] = [];
    const figures = await alternatingRounds(trees, rounds, (tree) => {
      loads.push(loadAverage());
      return roundInChild<RoundFigures>({
        script: import.meta.url,
        tree,
        args: ["--personas", String(options.personas), "--memories", String(options.memories)],
        v8Flags: ["--expose-gc"],
      });
    });
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
    console.log(
      `${options.personas} personas × ${options.memories} memories written, never searched; ` +
        `${rounds} rounds (medians); load at each round's start: ${loads.join(" | ")}`,
    );
    console.log(
      "| tree | RSS Δ MB | heap Δ MB | external MB | ties complete at the first search |",
    );
    console.log("| --- | ---: | ---: | ---: | --- |");
    for (const tree of trees) {
      const runs = figures.get(tree.label)!;
      const cell = (pick: (f: RoundFigures) => number) =>
        `${median(runs.map(pick)).toFixed(1)} (${runs.map((f) => pick(f).toFixed(1)).join(", ")})`;
      console.log(
        `| ${tree.label} | ${cell((f) => f.rssDelta)} | ${cell((f) => f.heapDelta)} | ${
          cell((f) => f.external)
        } | ${runs.map((f) => f.tiesComplete ? "yes" : "no").join(", ")} |`,
      );
    }
  }
}
