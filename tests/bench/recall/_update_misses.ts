/**
 * Debugging aid: each update query whose newer fact is not first, with why. Causes: `absent`
 * (neither the newer nor the older fact in the top 5: retrieval), `older first` (the older fact
 * above the newer one: stored without a link, the pair was not taken for an update), `below
 * <label>` (a distractor or another fact above the newer one). Set 3 is held out: it is refused.
 *
 *   deno run -A tests/bench/recall/_update_misses.ts [--set set4] [--half a] [--unlinked]
 */
import { storeInProcess } from "./_in_process.ts";
import { loadRecallSet } from "./_set.ts";

const args = [...Deno.args];
const take = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? "" : args[at + 1] ?? "";
};
const setName = take("--set");
if (setName === "set3") throw new Error("set 3 is held out");
const half = take("--half");
const unlinked = args.includes("--unlinked");
const set = setName === "" || setName === "set1"
  ? loadRecallSet()
  : loadRecallSet(new URL(`./${setName}/`, import.meta.url));
const { fixture, labels } = await storeInProcess(set, { unlinked });
const text = (label: string) => set.memories.find((m) => m.label === label)?.text ?? "";
for (const query of set.queries) {
  if (query.kind !== "update" || (half !== "" && query.half !== half)) continue;
  const want = query.expect[0]!;
  const older = query.older ?? set.memories.find((m) => m.label === want)?.supersedes ?? "";
  const hits = await fixture.memory.search(fixture.aria, {
    query: query.text,
    n_results: 30,
    min_importance: 0,
    explain: true,
  });
  const ranked = hits.map((hit) => labels.get(hit.id)!);
  const at = ranked.indexOf(want);
  if (at === 0) continue;
  const oldAt = ranked.indexOf(older);
  const cause = (at < 0 || at >= 5) && (oldAt < 0 || oldAt >= 5)
    ? "absent"
    : oldAt >= 0 && (at < 0 || oldAt < at)
    ? "older first"
    : `below ${ranked[0]}`;
  const show = (i: number) => {
    const p = hits[i]?.score_parts;
    return i < 0 || !p
      ? "-"
      : `@${i + 1} s${hits[i]!.score.toFixed(3)} r${p.relevance.toFixed(3)} l${
        p.lexical.toFixed(2)
      } a${(p.alignment ?? 0).toFixed(2)} v${p.vector.toFixed(2)} adj${p.adjustment.toFixed(2)}`;
  };
  console.log(`\n[${cause}] "${query.text}" top ${ranked.slice(0, 5)}`);
  console.log(`  new ${want} ${show(at)}  ${text(want)}`);
  console.log(`  old ${older} ${show(oldAt)}  ${text(older)}`);
  if (!cause.startsWith("below")) continue;
  console.log(`  top ${ranked[0]} ${show(0)}  ${text(ranked[0]!)}`);
}
await fixture.close();
