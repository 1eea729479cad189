/**
 * Debugging aid: every query where plain FTS5 BM25 (`_baseline.ts`) does better than the server
 * for one expected memory: ranks it higher, or has it in its top 5 while the server does not.
 * Set 3 is held out: never list it (only `_quick.ts` totals).
 *
 *   deno run -A tests/bench/recall/_versus.ts [--sets set1,set2,set4,set5,set6] [--unlinked]
 */
import { runBaseline } from "./_baseline.ts";
import { storeInProcess } from "./_in_process.ts";
import { loadRecallSet, refuseHeldOut } from "./_set.ts";

const setsAt = Deno.args.indexOf("--sets");
const setNames = setsAt >= 0
  ? Deno.args[setsAt + 1]!.split(",")
  : ["set1", "set2", "set4", "set5", "set6"];
refuseHeldOut(setNames);
const unlinked = Deno.args.includes("--unlinked");
let worse = 0, top5Lost = 0;
for (const setName of setNames) {
  const set = setName === "set1"
    ? loadRecallSet()
    : loadRecallSet(new URL(`./${setName}/`, import.meta.url));
  const baseline = runBaseline(set, 50);
  const { fixture, labels } = await storeInProcess(set, { unlinked });
  for (const [i, query] of set.queries.entries()) {
    const hits = await fixture.memory.search(fixture.aria, {
      query: query.text,
      n_results: 50,
      min_importance: 0,
    });
    const ours = hits.map((hit) => labels.get(hit.id)!);
    const theirs = baseline[i]!.ranked;
    const rank = (ranked: string[], label: string) => {
      const at = ranked.indexOf(label);
      return at < 0 ? Infinity : at + 1;
    };
    for (const label of query.expect) {
      const a = rank(ours, label), b = rank(theirs, label);
      if (b >= a) continue;
      const lost = b <= 5 && a > 5;
      worse++;
      if (lost) top5Lost++;
      console.log(
        `${
          lost ? "LOST" : "    "
        } ${setName} ${query.kind} "${query.text}" ${label}: ours ${a} bm25 ${b}` +
          `  ours top: ${ours.slice(0, 5).join(",")}`,
      );
    }
  }
  await fixture.close();
}
console.log(`${worse} expected memories ranked higher by BM25; ${top5Lost} in its top 5, not ours`);
