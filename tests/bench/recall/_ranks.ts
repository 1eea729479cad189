/**
 * Debugging aid: for each query (or those given) of a set, the rank of each expected memory in
 * `memory.search` (n_results 60, explain) and its score parts.
 *
 *   deno run -A tests/bench/recall/_ranks.ts [--set set2 | multi-set2] [--unlinked] [--kind multi] ["query" ...]
 */
import { storeInProcess } from "./_in_process.ts";
import { loadNamedSet, refuseHeldOut } from "./_set.ts";

const args = [...Deno.args];
const take = (name: string) => {
  const at = args.indexOf(name);
  if (at < 0) return "";
  const [, value] = args.splice(at, 2);
  return value ?? "";
};
const setName = take("--set");
const kind = take("--kind");
const unlinked = args.includes("--unlinked");
const texts = args.filter((arg) => arg !== "--unlinked");
refuseHeldOut([setName]);
const set = loadNamedSet(setName);
const { fixture, labels } = await storeInProcess(set, { unlinked });
const queries = set.queries.filter((q) =>
  (texts.length === 0 || texts.includes(q.text)) && (kind === "" || q.kind === kind)
);
for (const query of queries) {
  const hits = await fixture.memory.search(fixture.aria, {
    query: query.text,
    n_results: 60,
    min_importance: 0,
    explain: true,
  });
  const ranked = hits.map((hit) => labels.get(hit.id)!);
  const show = (i: number) => {
    const p = hits[i]!.score_parts!;
    return `${ranked[i]} s${hits[i]!.score.toFixed(2)} r${p.relevance.toFixed(2)} l${
      p.lexical.toFixed(2)
    } a${(p.alignment ?? 0).toFixed(2)} v${p.vector.toFixed(2)}`;
  };
  console.log(`\n[${query.kind}] "${query.text}" want ${query.expect}`);
  console.log(`  top: ${[0, 1, 2, 3, 4].filter((i) => hits[i]).map(show).join(" | ")}`);
  for (const label of query.expect) {
    const at = ranked.indexOf(label);
    const text = set.memories.find((m) => m.label === label)!.text;
    console.log(`  ${label} @${at < 0 ? "-" : at + 1} ${at < 0 ? "" : show(at)}  ${text}`);
  }
}
await fixture.close();
