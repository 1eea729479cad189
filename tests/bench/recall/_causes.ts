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
import { LocalEmbedder } from "../../../core/memory/embedder.ts";
import { alignment, weightedQuery } from "../../../core/memory/meaning/alignment.ts";
import { queryTerms } from "../../../core/memory/lexical_index.ts";
import { relevance, vectorPart } from "../../../core/memory/ranking.ts";

const args = [...Deno.args];
const at = args.indexOf("--set");
const setName = at >= 0 ? args[at + 1] ?? "" : "";
const countsOnly = args.includes("--counts") || setName === "set3";
const unlinked = args.includes("--unlinked");
const set = setName === ""
  ? loadRecallSet()
  : loadRecallSet(new URL(`./${setName}/`, import.meta.url));
const { fixture, backend, labels } = await storeInProcess(set, { unlinked });
const embedder = new LocalEmbedder();
const vectors = await embedder.wordVectors();
/** The channels of a memory no search returned (numbers only). */
async function absentChannels(queryText: string, content: string): Promise<string> {
  const [q, m] = await embedder.embed([queryText, content]);
  let cos = 0;
  for (let d = 0; d < q!.length; d++) cos += q![d]! * m![d]!;
  const terms = queryTerms(queryText);
  const idfs = await backend.termWeights({
    personaId: fixture.aria.id,
    othersVisibility: [],
    vector: q!,
    embedder: embedder.id,
    terms,
    priors: terms.map((t) => vectors.stemInformativeness(t)),
    minImportance: 0,
    limit: 50,
  });
  const weights = new Map(terms.map((t, i) => [t, idfs[i]!]));
  const a = alignment(weightedQuery(queryText, (_w, st) => weights.get(st) ?? 0), {
    content,
    vectors,
  });
  const rel = relevance({ lexical: 0, similarity: cos, alignment: a });
  return `ali ${a.score.toFixed(2)} strongest ${a.strongest.toFixed(2)} vec ${
    vectorPart(cos).toFixed(2)
  } rel-if-kept ${rel.toFixed(3)}`;
}
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
  if (rank < 0) {
    cause = "absent";
    const content = set.memories.find((m) => m.label === want)!.text;
    console.log(
      `  absent ${query.kind}: ${await absentChannels(query.text, content)}; top rel ${
        hits[0]?.score_parts?.relevance.toFixed(3)
      } 5th ${hits[4]?.score_parts?.relevance.toFixed(3)}`,
    );
  } else {
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
