/**
 * Recall benchmark (`deno task bench:recall`): the hand-written set under `tests/bench/recall/`
 * stored in a fresh server per backend (SQLite; Chroma through a real Chroma server; PostgreSQL
 * storage, `STORAGE=postgres`, with its vectors in Chroma, on a local PostgreSQL) the way
 * a client would, over a WebSocket, then searched with `memory.search` (n_results 10). Next to
 * it, in the same run, a plain baseline: SQLite FTS5 BM25 over Porter-stemmed words with every
 * query word OR'ed, no server.
 *
 *   deno task bench:recall [--sets set2,multi-set2,...] (any of set2-set20, multi-setN) [--backends sqlite,chroma,postgres]
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
 * `--sets A,B` (or `--set A`) runs those sets: `set1` (the first, the default), `setN` (the folder
 * `tests/bench/recall/setN/`) or `multi-setN` (setN's memories, `multi/setN.json`'s questions).
 * Held-out sets (3, 7, 8) print their overall row only, and none of their queries.
 *
 * With more than one backend, every backend stores a set with the same `created_at`s, and a
 * last table counts per set and mode the queries each backend ranks otherwise than the first
 * (`_parity.ts`); `--misses` lists them (open sets only). The backends share the ranking, so any
 * such query is a backend difference.
 *
 * Prints recall@1, recall@5 and MRR per query kind and overall, for each half of the set (a is
 * used while tuning, b is held out) and both together; for updates also how often the newer
 * fact ranks above the one it replaced. For `multi` queries recall@k is the share of the
 * expected facts in the top k (so recall@1 is at most 1/2 there).
 */
import { runBaseline } from "./recall/_baseline.ts";
import { BACKEND_TITLES, type Mode, runOnBackend } from "./recall/_server_run.ts";
import { divergence, DIVERGENCE_HEADER, divergenceRow } from "./recall/_parity.ts";
import {
  type Figures,
  figures,
  type Half,
  isHeldOut,
  KINDS,
  loadNamedSet,
  type QueryOutcome,
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
const setNames = flag("sets", flag("set", "set1")).split(",").filter(Boolean);
for (const name of setNames) {
  if (!/^[\w-]+$/.test(name)) {
    throw new Error(`--sets must name folders under tests/bench/recall/, not "${name}"`);
  }
}
if (showMisses) refuseHeldOut(setNames);
for (const backend of backends) {
  if (!(backend in BACKEND_TITLES)) {
    throw new Error(`--backends takes ${Object.keys(BACKEND_TITLES).join(", ")}, not ${backend}`);
  }
}
const DEPTH = 10;

const MODE_TITLES: Record<Mode, string> = {
  linked: "updates linked with supersedes",
  unlinked: "updates stored later, unlinked",
  new: "as a new user: no created_at, no supersedes",
};

const pct = (value: number | undefined) => value === undefined ? "" : value.toFixed(2);

function table(
  name: string,
  outcomes: readonly QueryOutcome[],
  heldOut: boolean,
): Map<string, Figures> {
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
  // A held-out set's figures per kind are never printed (only its totals).
  for (const kind of heldOut ? ["overall" as const] : [...KINDS, "overall"] as const) {
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

const summary: string[] = [];
const parity: string[] = [];
const dump: Record<string, Array<{ text: string; expect: string[]; ranked: string[] }>> = {};
/** Prints one system's table and keeps its overall and update figures for the summary. */
function report(setName: string, title: string, outcomes: readonly QueryOutcome[]): void {
  const heldOut = isHeldOut(setName);
  const results = table(`${setName}: ${title}`, outcomes, heldOut);
  if (!heldOut) {
    dump[`${setName}: ${title}`] = outcomes.map(({ query, ranked }) => ({
      text: query.text,
      expect: query.expect,
      ranked,
    }));
  }
  const overall = results.get("all/overall")!;
  // A set with no update queries (set5, the multi-sets) or a held-out one shows none.
  const found = results.get("all/update");
  const update = found && found.count > 0 ? found : undefined;
  summary.push(
    `| ${setName} | ${title} | ${pct(overall.recallAt5)} / ${pct(overall.mrr)} | ` +
      `${update ? `${pct(update.recallAt5)} / ${pct(update.mrr)}` : ""} | ${
        pct(update?.newerFirst)
      } |`,
  );
}

for (const setName of setNames) {
  const set = loadNamedSet(setName === "set1" ? "" : setName);
  console.log(
    `\n## recall benchmark (${setName}): ${set.memories.length} memories, ` +
      `${set.queries.length} queries, top ${DEPTH} per query`,
  );
  report(setName, "baseline: FTS5 BM25 + Porter, all query words OR'ed", runBaseline(set, DEPTH));
  // One `now` per set: every backend stores the same `created_at`s.
  const now = Date.now();
  for (const mode of modes) {
    const runs: Array<{ backend: string; outcomes: QueryOutcome[] }> = [];
    for (const backend of backends) {
      const { outcomes, linked } = await runOnBackend(backend, { set, mode, depth: DEPTH, now });
      runs.push({ backend, outcomes });
      report(
        setName,
        `server, ${BACKEND_TITLES[backend]} backend, ${MODE_TITLES[mode]}${
          mode === "linked" && !linked ? " (the server refused supersedes)" : ""
        }`,
        outcomes,
      );
    }
    for (const { backend, outcomes } of runs.slice(1)) {
      const found = divergence(runs[0]!.outcomes, outcomes);
      parity.push(divergenceRow({ set: setName, mode, backend }, found));
      if (!showMisses) continue;
      for (const { text, reference, other } of found.differing) {
        parity.push(`  "${text}": ${runs[0]!.backend} ${reference} / ${backend} ${other}`);
      }
    }
  }
}
console.log("\n### Summary (all queries)\n");
console.log("| set | system | overall R@5 / MRR | updates R@5 / MRR | updates: newer first |");
console.log("| --- | --- | --- | --- | --- |");
for (const line of summary) console.log(line);
if (parity.length > 0) {
  console.log(`\n### Backends against ${backends[0]} (queries ranked otherwise)\n`);
  console.log(DIVERGENCE_HEADER);
  for (const line of parity) console.log(line);
}
if (jsonPath) Deno.writeTextFileSync(jsonPath, JSON.stringify(dump, null, 1));
