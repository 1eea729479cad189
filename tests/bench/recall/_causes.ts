/**
 * Debugging aid: why each non-multi query of a set misses its first place. For each such query
 * whose expected memory is not first, classifies the cause: not returned at all (not a
 * candidate, or dropped), or outranked, and by which channel the winner leads (lexical,
 * alignment, vector) or a factor (voice, answer type, intent, nudge). Set 3 is held out: with
 * `--counts` only the counts per cause and kind are printed, never a query.
 *
 *   deno run -A tests/bench/recall/_causes.ts [--set set2] [--unlinked] [--counts]
 */
import { storeInProcess } from "./_in_process.ts";
import { loadRecallSet } from "./_set.ts";

const args = [...Deno.args];
const at = args.indexOf("--set");
const setName = at >= 0 ? args[at + 1] ?? "" : "";
const countsOnly = args.includes("--counts") || setName === "set3";
const unlinked = args.includes("--unlinked");
const set = setName === ""
  ? loadRecallSet()
  : loadRecallSet(new URL(`./${setName}/`, import.meta.url));
const { fixture, labels } = await storeInProcess(set, { unlinked });
const counts = new Map<string, number>();
const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
for (const query of set.queries) {
  if (query.kind === "multi") continue;
  const hits = await fixture.memory.search(fixture.aria, {
    query: query.text,
    n_results: 60,
    min_importance: 0,
    explain: true,
  });
  const ranked = hits.map((hit) => labels.get(hit.id)!);
  const want = query.expect[0]!;
  const rank = ranked.indexOf(want);
  if (rank === 0) continue;
  let cause: string;
  if (rank < 0) cause = "absent";
  else {
    const w = hits[0]!.score_parts!;
    const e = hits[rank]!.score_parts!;
    const leads = [
      ["lex", 0.4 * (w.lexical - e.lexical)],
      ["ali", 0.35 * ((w.alignment ?? 0) - (e.alignment ?? 0))],
      ["vec", 0.25 * (w.vector - e.vector)],
    ].sort((a, b) => (b[1] as number) - (a[1] as number));
    const byRelevance = w.relevance > e.relevance;
    cause = byRelevance
      ? `rel:${leads[0]![0]}`
      : (w.adjustment !== e.adjustment ? "factor" : "nudge");
    cause += rank < 5 ? " (top5)" : " (>5)";
  }
  count(`${query.kind} ${cause}`);
  count(`ALL ${cause.replace(/ \(.*/, "")}`);
  if (countsOnly) continue;
  const show = (i: number) => {
    const p = hits[i]!.score_parts!;
    return `${ranked[i]} s${hits[i]!.score.toFixed(3)} r${p.relevance.toFixed(3)} l${
      p.lexical.toFixed(2)
    } a${(p.alignment ?? 0).toFixed(2)} v${p.vector.toFixed(2)} adj${p.adjustment.toFixed(2)}`;
  };
  const text = (label: string) => set.memories.find((m) => m.label === label)?.text ?? "";
  console.log(`\n[${query.kind}] ${cause} "${query.text}" want ${want} @${rank + 1}`);
  console.log(`  want: ${rank >= 0 ? show(rank) : "-"}  ${text(want)}`);
  for (const i of [0, 1, 2]) {
    if (hits[i] && i !== rank) console.log(`  ${i + 1}: ${show(i)}  ${text(ranked[i]!)}`);
  }
}
await fixture.close();
console.log(`\n${setName || "set1"} ${unlinked ? "unlinked" : "linked"}`);
for (const [key, n] of [...counts].sort()) console.log(`  ${key}: ${n}`);
