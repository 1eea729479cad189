/**
 * Recall benchmark (`deno task bench:recall`): the hand-written set under `tests/bench/recall/`
 * stored in a fresh server per backend (SQLite; Chroma through a real Chroma server; PostgreSQL
 * storage, `STORAGE=postgres`, with its vectors in Chroma, on a local PostgreSQL) the way
 * a client would, over a WebSocket, then searched with `memory.search` (n_results 10). Next to
 * it, in the same run, a plain baseline: SQLite FTS5 BM25 over Porter-stemmed words with every
 * query word OR'ed, no server.
 *
 *   deno task bench:recall [--set set2|set3|set4|set5|set6|set7|set8|set9|set10|set11|set12] [--backends sqlite,chroma,postgres]
 *                          [--modes linked,unlinked,new]
 *                          [--misses] [--half a|b] [--json outcomes.json]
 *
 * Each backend is run in three ways of storing the same memories:
 * - `linked`: `memory.store` with `created_at` (facts and distractors over the past year, each
 *   update 5 to 30 days ago), updates with `supersedes` naming the fact they replace;
 * - `unlinked`: the same, but each update is a plain later `memory.store`, no `supersedes`;
 * - `new`: as a new user would, content only: no `created_at` (each memory is stored now, in the
 *   same order, seconds apart at most) and no `supersedes`.
 *
 * `--set NAME` runs the set in the folder `tests/bench/recall/NAME/` (same three files) instead
 * of the first one.
 *
 * Prints recall@1, recall@5 and MRR per query kind and overall, for each half of the set (a is
 * used while tuning, b is held out) and both together; for updates also how often the newer
 * fact ranks above the one it replaced. For `multi` queries recall@k is the share of the
 * expected facts in the top k (so recall@1 is at most 1/2 there).
 */
import { tempDirSync } from "../../core/testing/temp_dirs.ts";
import { RpcCallError, RpcClient, startTestServer } from "../_helpers.ts";
import { startChromaServer } from "../../core/memory/chroma_server.ts";
import { runBaseline } from "./recall/_baseline.ts";
import { testSchema } from "../../core/storage/testing/databases.ts";
import { SeededRandom } from "../../core/simulation/mod.ts";
import {
  type Figures,
  figures,
  type Half,
  KINDS,
  type LabelledMemory,
  loadRecallSet,
  type QueryOutcome,
  type RecallSet,
  refuseHeldOut,
} from "./recall/_set.ts";

const args = Deno.args;
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] ?? fallback : fallback;
};
const backends = flag("backends", "sqlite,chroma,postgres").split(",").filter(Boolean);
const modes = flag("modes", "linked,unlinked,new").split(",").filter(Boolean) as Mode[];
const jsonPath = flag("json", "");
const showMisses = args.includes("--misses");
const onlyHalf = flag("half", "");
const setName = flag("set", "");
if (setName !== "" && !/^[\w-]+$/.test(setName)) {
  throw new Error(`--set must name a folder under tests/bench/recall/, not "${setName}"`);
}
if (showMisses) refuseHeldOut([setName]);
const DEPTH = 10;
const DAY_MS = 86_400_000;

/**
 * The storing order and times: facts and distractors shuffled over the past year (60 to 400
 * days ago), each update 5 to 30 days ago, after the fact it replaces.
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

/** How the memories are stored (see the module doc). */
type Mode = "linked" | "unlinked" | "new";

const BACKEND_TITLES: Record<string, string> = {
  sqlite: "SQLite",
  chroma: "Chroma",
  postgres: "PostgreSQL (+ Chroma vectors)",
};

const MODE_TITLES: Record<Mode, string> = {
  linked: "updates linked with supersedes",
  unlinked: "updates stored later, unlinked",
  new: "as a new user: no created_at, no supersedes",
};

/** Stores the set in a fresh server with `env` and runs every query; returns the outcomes. */
async function runServer(
  set: RecallSet,
  options: { env: Record<string, string>; mode: Mode },
): Promise<{ outcomes: QueryOutcome[]; linked: boolean }> {
  const env = options.env;
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
    let linked = options.mode === "linked";
    for (const memory of history(set, Date.now())) {
      const params: Record<string, unknown> = { content: memory.text };
      if (options.mode !== "new") {
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
    for (const query of set.queries) {
      const result = await client.call<{ memories: Array<{ id: string }> }>("memory.search", {
        query: query.text,
        n_results: DEPTH,
      });
      outcomes.push({ query, ranked: result.memories.map((hit) => labels.get(hit.id) ?? "?") });
    }
    return { outcomes, linked };
  } finally {
    await client.close();
    await server.shutdown();
  }
}

const pct = (value: number | undefined) => value === undefined ? "" : value.toFixed(2);

function table(name: string, outcomes: readonly QueryOutcome[]): Map<string, Figures> {
  // A set written wholly as held out (set3: every query half b) prints no empty half-a column.
  const halves: Array<{ title: string; half?: Half }> = onlyHalf
    ? [{ title: `half ${onlyHalf}`, half: onlyHalf as Half }]
    : [
      ...([["half a (tuning)", "a"], ["half b (held out)", "b"]] as const)
        .filter(([, half]) => outcomes.some(({ query }) => query.half === half))
        .map(([title, half]) => ({ title, half })),
      { title: "all" },
    ];
  const results = new Map<string, Figures>();
  console.log(`\n### ${name}\n`);
  console.log(
    `| kind | ${halves.map((h) => `${h.title}: n, R@1, R@5, MRR`).join(" | ")} | newer first |`,
  );
  console.log(`| --- | ${halves.map(() => "---").join(" | ")} | --- |`);
  for (const kind of [...KINDS, "overall"] as const) {
    const cells: string[] = [];
    let newer: number | undefined;
    for (const { title, half } of halves) {
      const group = outcomes.filter(({ query }) =>
        (half === undefined || query.half === half) && (kind === "overall" || query.kind === kind)
      );
      const result = figures(group);
      results.set(`${title}/${kind}`, result);
      cells.push(
        `${result.count}, ${pct(result.recallAt1)}, ${pct(result.recallAt5)}, ${pct(result.mrr)}`,
      );
      if (kind === "update" && half === undefined) newer = result.newerFirst;
    }
    console.log(`| ${kind} | ${cells.join(" | ")} | ${pct(newer)} |`);
  }
  if (showMisses) {
    for (const { query, ranked } of outcomes) {
      if (onlyHalf && query.half !== onlyHalf) continue;
      const missing = query.expect.filter((label) => !ranked.slice(0, 5).includes(label));
      const late = ranked.indexOf(query.expect[0]!) !== 0;
      if (missing.length > 0 || late) {
        console.log(
          `  ${query.kind} [${query.half}] "${query.text}" want ${query.expect.join(",")}` +
            `${query.older ? ` over ${query.older}` : ""} got ${ranked.slice(0, 6).join(",")}`,
        );
      }
    }
  }
  return results;
}

const set = setName === ""
  ? loadRecallSet()
  : loadRecallSet(new URL(`./recall/${setName}/`, import.meta.url));
console.log(
  `recall benchmark${
    setName === "" ? "" : ` (${setName})`
  }: ${set.memories.length} memories, ${set.queries.length} queries, ` +
    `top ${DEPTH} per query`,
);
const summary: string[] = [];
const dump: Record<string, Array<{ text: string; expect: string[]; ranked: string[] }>> = {};
/** Prints one system's table and keeps its overall and update figures for the summary. */
function report(title: string, outcomes: readonly QueryOutcome[]): void {
  const results = table(title, outcomes);
  dump[title] = outcomes.map(({ query, ranked }) => ({
    text: query.text,
    expect: query.expect,
    ranked,
  }));
  const overall = results.get("all/overall")!;
  const update = results.get("all/update")!;
  summary.push(
    `| ${title} | ${pct(overall.recallAt5)} / ${pct(overall.mrr)} | ${pct(update.recallAt5)} / ` +
      `${pct(update.mrr)} | ${pct(update.newerFirst)} |`,
  );
}
report("baseline: FTS5 BM25 + Porter, all query words OR'ed (no server)", runBaseline(set, DEPTH));
for (const backend of backends) {
  for (const mode of modes) {
    const title = (linked: boolean) =>
      `server, ${BACKEND_TITLES[backend] ?? backend} backend, ${MODE_TITLES[mode]}${
        mode === "linked" && !linked ? " (the server refused supersedes)" : ""
      }`;
    if (backend === "sqlite") {
      const { outcomes, linked } = await runServer(set, {
        env: { MEMORY_BACKEND: "sqlite" },
        mode,
      });
      report(title(linked), outcomes);
    } else if (backend === "chroma") {
      const chroma = await startChromaServer({
        path: tempDirSync("bench-chroma-"),
      });
      try {
        const { outcomes, linked } = await runServer(set, {
          env: { MEMORY_BACKEND: "chroma", CHROMA_URL: chroma.url },
          mode,
        });
        report(title(linked), outcomes);
      } finally {
        await chroma.stop();
      }
    } else if (backend === "postgres") {
      const schema = await testSchema();
      const chroma = await startChromaServer({
        path: tempDirSync("bench-chroma-"),
      });
      try {
        const { outcomes, linked } = await runServer(set, {
          env: {
            STORAGE: "postgres",
            DATABASE_URL: schema.url,
            MEMORY_BACKEND: "chroma",
            CHROMA_URL: chroma.url,
          },
          mode,
        });
        report(title(linked), outcomes);
      } finally {
        await chroma.stop();
        await schema.drop();
      }
    }
  }
}
console.log("\n### Summary (all queries)\n");
console.log("| system | overall R@5 / MRR | updates R@5 / MRR | updates: newer first |");
console.log("| --- | --- | --- | --- |");
for (const line of summary) console.log(line);
if (jsonPath) Deno.writeTextFileSync(jsonPath, JSON.stringify(dump, null, 1));
