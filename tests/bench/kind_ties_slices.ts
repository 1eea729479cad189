/**
 * What the kind ties' slice reading (`sqlite_kind_ties.ts`) costs the first searches after a
 * persona's index is loaded: main-thread CPU of each `tiedKinds` call (one slice of
 * `KIND_TIES_SLICE` contents until the ties are complete) over the first 50 calls, on a SQLite
 * store of capitalised sentences as real memories are written ("Tom was tired ...") beside the
 * same sentences in lower case (which `NAME_SHAPED_ANYWHERE` mostly skips, as `bench:memory`'s
 * do). Rounds alternate the two; figures are medians over the rounds. CPU, not wall time. Since
 * session 40's fix151 the slices are read at the process's quiet moments, not by these calls (a
 * tight loop of calls has none: "complete at call >50").
 *
 *   deno run -A tests/bench/kind_ties_slices.ts [--size 10000] [--rounds 3]
 *
 * @module
 */
import process from "node:process";
import { stringFlag } from "./_load.ts";
import { LocalEmbedder } from "../../core/memory/embedder.ts";
import { KIND_TIES_SLICE } from "../../core/memory/kind_ties.ts";
import type { CandidateQuery } from "../../core/memory/backend.ts";
import { SqliteBackend } from "../../core/memory/sqlite_backend.ts";
import { input, memoryFixture } from "../../core/memory/testing/contract_fixture.ts";
import { SqliteDatabase } from "../../core/storage/mod.ts";

const size = Number(stringFlag(Deno.args, "size") ?? 10_000);
const rounds = Number(stringFlag(Deno.args, "rounds") ?? 3);
const SEARCHES = 50;
const NAMES = ["Tom", "Priya", "Ewan", "Rosa", "Kieran", "Marta", "Dad", "Mum", "Biscuit", "Sam"];
const DOINGS = [
  "was tired after the match",
  "rang from the station about the boiler",
  "said the garden needs weeding before Sunday",
  "is the one who fixed the car in March",
  "brought soup round when I had the flu",
  "wants to go to Leeds for the weekend",
];

/** Sentence `i`: a name, a doing, a day; one in 50 ties a kind ("Elmhurst is the care home"). */
function sentence(i: number): string {
  if (i % 50 === 0) return `Elmhurst${i} is the care home off Forest Road`;
  return `${NAMES[i % NAMES.length]} ${DOINGS[i % DOINGS.length]} on day ${i}`;
}

/** A store of `size` sentences at `path` (capitalised, or lower case with `lower`). */
async function build(
  path: string,
  lower: boolean,
): Promise<{ personaId: string; embedder: string }> {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), { path });
  try {
    const texts = Array.from({ length: size }, (_, i) => sentence(i));
    for (let at = 0; at < size; at += 1000) {
      await f.memory.storeMany(
        f.aria,
        texts.slice(at, at + 1000).map((text) =>
          input({ content: lower ? text.toLowerCase() : text })
        ),
      );
    }
    return { personaId: f.aria.id, embedder: f.memory.embedderId };
  } finally {
    await f.close();
  }
}

/** CPU ms of each of the first calls on a fresh backend (index loaded first, not counted). */
async function firstCalls(
  path: string,
  store: { personaId: string; embedder: string },
): Promise<{ cpu: number[]; complete: number }> {
  const db = new SqliteDatabase(path);
  const backend = new SqliteBackend(db);
  try {
    const { personaId, embedder } = store;
    const [vector] = await new LocalEmbedder().embed(["the care home"]);
    const query: CandidateQuery = {
      personaId,
      othersVisibility: [],
      vector: vector!,
      embedder,
      terms: ["care", "home"],
      minImportance: 0,
      limit: 50,
    };
    await backend.candidates(query); // the load
    const cpu: number[] = [];
    let complete = -1;
    for (let i = 0; i < SEARCHES; i++) {
      const before = process.cpuUsage();
      const tied = await backend.tiedKinds(query, ["home"]);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
      if (tied !== undefined && complete < 0) complete = i + 1;
    }
    return { cpu, complete };
  } finally {
    await backend.close();
    db.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = Deno.makeTempDirSync({ prefix: "kind-ties-slices-" });
const sides = { capitalised: `${dir}/cap.db`, lower: `${dir}/lower.db` };
const stores = {
  capitalised: await build(sides.capitalised, false),
  lower: await build(sides.lower, true),
};
const totals: Record<string, number[]> = { capitalised: [], lower: [] };
const perSlice: Record<string, number[]> = { capitalised: [], lower: [] };
const completes: Record<string, number> = {};
for (let round = 0; round < rounds; round++) {
  for (const [side, path] of Object.entries(sides)) {
    const { cpu, complete } = await firstCalls(path, stores[side as keyof typeof stores]);
    totals[side]!.push(cpu.reduce((a, b) => a + b, 0) / SEARCHES);
    const slices = complete < 0 ? cpu : cpu.slice(0, complete);
    perSlice[side]!.push(slices.reduce((a, b) => a + b, 0) / slices.length);
    completes[side] = complete;
  }
}
console.log(
  `size ${size}, KIND_TIES_SLICE ${KIND_TIES_SLICE}, ${SEARCHES} calls, ${rounds} rounds`,
);
for (const side of Object.keys(sides)) {
  console.log(
    `${side.padEnd(12)} CPU ms a call over the first ${SEARCHES}: ${
      median(totals[side]!).toFixed(2)
    }; a call while reading: ${median(perSlice[side]!).toFixed(2)}; complete at call ${
      completes[side]! < 0 ? `>${SEARCHES}` : completes[side]
    }`,
  );
}
Deno.removeSync(dir, { recursive: true });
