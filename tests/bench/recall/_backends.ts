/**
 * Debugging aid for backend parity (the benchmark is `deno task bench:recall --backends ...`):
 * each set stored in process the way `_quick.ts` stores it (a manual clock, a minute apart) on
 * SQLite, PostgreSQL storage (a fresh schema of `TEST_DATABASE_URL` or a server started here,
 * its vectors in Chroma) and Chroma (one real server), then every query run on each; prints per
 * set and mode each backend's overall R@5 / MRR and how many queries it ranks otherwise than
 * SQLite. The stores are identical to the millisecond, so any such query is a backend
 * difference. `-v` lists them (open sets only: held-out sets 3, 7 and 8 print totals).
 *
 *   deno run -A tests/bench/recall/_backends.ts [-v] [--sets set1,set2] [--backends postgres,chroma]
 *
 * @module
 */
import { ChromaClient } from "chromadb";
import { testPostgresDatabase, testSchema } from "../../../core/storage/testing/databases.ts";
import { ChromaBackend } from "../../../core/memory/chroma_backend.ts";
import { startChromaServer } from "../../../core/memory/chroma_server.ts";
import { ChromaVectorStore } from "../../../core/memory/chroma_vector_store.ts";
import { PostgresMemoryBackend } from "../../../core/memory/postgres_backend.ts";
import type { BackendFactory } from "../../../core/memory/testing/contract_fixture.ts";
import type { Database } from "../../../core/storage/mod.ts";
import { storeInProcess } from "./_in_process.ts";
import { divergence } from "./_parity.ts";
import {
  figures,
  isHeldOut,
  loadNamedSet,
  type QueryOutcome,
  type RecallSet,
  refuseHeldOut,
} from "./_set.ts";

const args = Deno.args;
const verbose = args.includes("-v");
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return (at >= 0 ? args[at + 1] ?? fallback : fallback).split(",").filter(Boolean);
};
const setNames = flag(
  "sets",
  "set1,set2,set4,set5,set6,set9,set10,set11,set12,set13,set14,set15,set16,set17",
);
const others = flag("backends", "postgres,chroma");
if (verbose) refuseHeldOut(setNames);

const chroma = await startChromaServer();
const settings = {
  url: chroma.url,
  tenant: "default_tenant",
  database: "default_database",
  token: "",
  timeoutMs: 30_000,
};
const client = new ChromaClient({ host: "127.0.0.1", port: chroma.port });

/** A backend's factory and database, and what to clear after a run. */
async function backendFor(
  name: string,
): Promise<{ backend?: BackendFactory; database?: Database; drop(): Promise<void> }> {
  for (const collection of await client.listCollections()) {
    await client.deleteCollection({ name: collection.name });
  }
  if (name === "sqlite") return { drop: () => Promise.resolve() };
  if (name === "chroma") {
    return { backend: () => new ChromaBackend(settings), drop: async () => {} };
  }
  const schema = await testSchema();
  const database = testPostgresDatabase(schema.url);
  return {
    backend: (db) => new PostgresMemoryBackend(db, new ChromaVectorStore(settings)),
    database,
    drop: schema.drop,
  };
}

/** Every query of `set` on `name`'s backend. */
async function run(set: RecallSet, name: string, unlinked: boolean): Promise<QueryOutcome[]> {
  const { backend, database, drop } = await backendFor(name);
  const { fixture, labels } = await storeInProcess(set, { unlinked, backend, database });
  try {
    const outcomes: QueryOutcome[] = [];
    for (const query of set.queries) {
      const hits = await fixture.memory.search(fixture.aria, {
        query: query.text,
        n_results: 10,
        min_importance: 0,
      });
      outcomes.push({ query, ranked: hits.map((hit) => labels.get(hit.id) ?? "?") });
    }
    return outcomes;
  } finally {
    await fixture.close();
    await drop();
  }
}

const cell = (outcomes: QueryOutcome[]) => {
  const found = figures(outcomes);
  return `${found.recallAt5.toFixed(3)}/${found.mrr.toFixed(3)}`;
};

try {
  for (const setName of setNames) {
    const set = loadNamedSet(setName === "set1" ? "" : setName);
    for (const unlinked of [false, true]) {
      const name = `${setName} ${unlinked ? "unlinked" : "linked"}`;
      const reference = await run(set, "sqlite", unlinked);
      const cells = [`sqlite ${cell(reference)}`];
      const listed: string[] = [];
      for (const other of others) {
        const outcomes = await run(set, other, unlinked);
        const found = divergence(reference, outcomes);
        cells.push(
          `${other} ${cell(outcomes)} differs: first ${found.first}, top 5 ${found.top5}, ` +
            `top 10 ${found.top10}`,
        );
        if (!verbose || isHeldOut(setName)) continue;
        for (const { text, reference: ours, other: theirs } of found.differing) {
          listed.push(`  ${other} "${text}": sqlite ${ours} / ${other} ${theirs}`);
        }
      }
      console.log(`${name.padEnd(18)} | ${cells.join(" | ")}`);
      for (const line of listed) console.log(line);
    }
  }
} finally {
  await chroma.stop();
}
