/**
 * The recall benchmark's server runs (`tests/bench/recall.ts`): a set stored in a fresh server on
 * one backend over a WebSocket, the way a client would, then searched with `memory.search`.
 *
 * @module
 */
import { tempDirSync } from "../../../core/testing/temp_dirs.ts";
import { RpcCallError, RpcClient, startTestServer } from "../../_helpers.ts";
import { startChromaServer } from "../../../core/memory/chroma_server.ts";
import { testSchema } from "../../../core/storage/testing/databases.ts";
import { SeededRandom } from "../../../core/simulation/mod.ts";
import type { LabelledMemory, QueryOutcome, RecallSet } from "./_set.ts";

const DAY_MS = 86_400_000;

/** How the memories are stored (see `tests/bench/recall.ts`). */
export type Mode = "linked" | "unlinked" | "new";

/** The backends a run can use, by the name `--backends` takes. */
export const BACKEND_TITLES: Record<string, string> = {
  sqlite: "SQLite",
  chroma: "Chroma",
  postgres: "PostgreSQL (+ Chroma vectors)",
};

/**
 * The storing order and times: facts and distractors shuffled over the past year (60 to 400
 * days before `now`), each update 5 to 30 days before it, after the fact it replaces.
 */
function history(set: RecallSet, now: number): Array<LabelledMemory & { createdAt: string }> {
  const random = new SeededRandom(7);
  const next = () => random.next();
  const older = set.memories.filter((memory) => !memory.supersedes);
  for (let i = older.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [older[i], older[j]] = [older[j]!, older[i]!];
  }
  const dated = older.map((memory) => ({ memory, at: now - (60 + next() * 340) * DAY_MS }))
    .sort((a, b) => a.at - b.at);
  const updates = set.memories.filter((memory) => memory.supersedes)
    .map((memory) => ({ memory, at: now - (5 + next() * 25) * DAY_MS }))
    .sort((a, b) => a.at - b.at);
  return [...dated, ...updates].map(({ memory, at }) => ({
    ...memory,
    createdAt: new Date(at).toISOString(),
  }));
}

/** What one server run needs. */
export interface ServerRun {
  set: RecallSet;
  mode: Mode;
  /** Results asked per query. */
  depth: number;
  /** The time the history is dated back from: the same for every backend of a set, so the
   * backends store identical `created_at`s and any difference in ranking is theirs. */
  now: number;
}

/** Stores the set in a fresh server with `env` and runs every query; returns the outcomes. */
async function runServer(
  run: ServerRun,
  env: Record<string, string>,
): Promise<{ outcomes: QueryOutcome[]; linked: boolean }> {
  const server = await startTestServer({
    MEMORY_DECAY_ENABLED: "false",
    MEMORY_AUTO_PRUNE: "false",
    LOG_LEVEL: "error",
    ...env,
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
      name: "Marie",
      description: "A recall benchmark persona",
    });
    await client.call("persona.switch", { persona_id });
    const ids = new Map<string, string>();
    const labels = new Map<string, string>();
    let linked = run.mode === "linked";
    for (const memory of history(run.set, run.now)) {
      const params: Record<string, unknown> = { content: memory.text };
      if (run.mode !== "new") {
        params.created_at = memory.createdAt;
        params.memory_type = "conversation";
      }
      const replaced = memory.supersedes === undefined ? undefined : ids.get(memory.supersedes);
      if (replaced !== undefined && linked) params.supersedes = [replaced];
      let stored: { memory_id: string };
      try {
        stored = await client.call<{ memory_id: string }>("memory.store", params);
      } catch (error) {
        // A server without `supersedes` (the previous commit) stores the update unlinked.
        if (!(error instanceof RpcCallError) || error.code !== -32602 || !params.supersedes) {
          throw error;
        }
        linked = false;
        delete params.supersedes;
        stored = await client.call<{ memory_id: string }>("memory.store", params);
      }
      ids.set(memory.label, stored.memory_id);
      labels.set(stored.memory_id, memory.label);
    }
    const outcomes: QueryOutcome[] = [];
    for (const query of run.set.queries) {
      const result = await client.call<{ memories: Array<{ id: string }> }>("memory.search", {
        query: query.text,
        n_results: run.depth,
      });
      outcomes.push({ query, ranked: result.memories.map((hit) => labels.get(hit.id) ?? "?") });
    }
    return { outcomes, linked };
  } finally {
    await client.close();
    await server.shutdown();
  }
}

/**
 * `run` on `backend`: `sqlite`; `chroma` (a real Chroma server, started here); `postgres`
 * (PostgreSQL storage, so rows, terms and BM25 in SQL, `postgres_bm25.ts`, on a fresh schema of
 * `TEST_DATABASE_URL` or a server started here, with its vectors in a Chroma server).
 */
export async function runOnBackend(
  backend: string,
  run: ServerRun,
): Promise<{ outcomes: QueryOutcome[]; linked: boolean }> {
  if (backend === "sqlite") return await runServer(run, { MEMORY_BACKEND: "sqlite" });
  if (!(backend in BACKEND_TITLES)) {
    throw new Error(`--backends takes ${Object.keys(BACKEND_TITLES).join(", ")}, not ${backend}`);
  }
  const schema = backend === "postgres" ? await testSchema() : undefined;
  const chroma = await startChromaServer({ path: tempDirSync("bench-chroma-") });
  try {
    const storage: Record<string, string> = schema === undefined
      ? {}
      : { STORAGE: "postgres", DATABASE_URL: schema.url };
    return await runServer(run, { ...storage, MEMORY_BACKEND: "chroma", CHROMA_URL: chroma.url });
  } finally {
    await chroma.stop();
    await schema?.drop();
  }
}
