/**
 * Debugging aid for the recall sets (not the benchmark): every single-fact query of the open sets
 * given whose expected memory ranks 2nd to 5th, with the memory ranked first, both memories'
 * score parts, the query terms each holds, and a first guess at what put the winner above (the
 * channel it leads by, a factor, or a near tie). Held-out sets are refused.
 *
 *   deno run -A tests/bench/recall/_order.ts --sets set1,set2 [--unlinked]
 */
import { storeInProcess } from "./_in_process.ts";
import { isHeldOut, loadNamedSet } from "./_set.ts";
import { queryTerms } from "../../../core/memory/lexical_index.ts";
import { terms as termsOf } from "../../../core/memory/text.ts";
import type { SearchHit } from "../../../core/memory/search_hits.ts";

const at = Deno.args.indexOf("--sets");
const names = (at >= 0 ? Deno.args[at + 1] ?? "" : "set1").split(",");
const unlinked = Deno.args.includes("--unlinked");
for (const name of names) {
  if (isHeldOut(name)) throw new Error(`${name} is held out`);
  const set = await loadNamedSet(name);
  const { fixture, labels } = await storeInProcess(set, { unlinked });
  const text = (label: string) => set.memories.find((m) => m.label === label)?.text ?? "";
  for (const query of set.queries) {
    if (query.kind === "multi") continue;
    const hits: SearchHit[] = await fixture.memory.search(fixture.aria, {
      query: query.text,
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
    const ranked = hits.map((hit) => labels.get(hit.id)!);
    const want = query.expect[0]!;
    const rank = ranked.indexOf(want);
    if (rank < 1) continue;
    const w = hits[0]!.score_parts!;
    const e = hits[rank]!.score_parts!;
    const qterms = queryTerms(query.text);
    const held = (label: string) => {
      const own = new Set(termsOf(text(label)));
      return qterms.filter((t) => own.has(t));
    };
    const leads = [
      ["lex", 0.4 * (w.lexical - e.lexical)],
      ["ali", 0.35 * ((w.alignment ?? 0) - (e.alignment ?? 0))],
      ["vec", 0.25 * (w.vector - e.vector)],
    ].sort((a, b) => (b[1] as number) - (a[1] as number));
    const tie = Math.abs(hits[0]!.score - hits[rank]!.score) / hits[0]!.score < 0.03;
    const cause = w.relevance > e.relevance
      ? `rel:${leads[0]![0]}`
      : (w.adjustment !== e.adjustment ? "factor" : "nudge");
    const show = (p: NonNullable<SearchHit["score_parts"]>, score: number) =>
      `s${score.toFixed(3)} r${p.relevance.toFixed(3)} l${p.lexical.toFixed(2)} a${
        (p.alignment ?? 0).toFixed(2)
      } v${p.vector.toFixed(2)} adj${p.adjustment.toFixed(2)} n${p.nudge.toFixed(2)}`;
    console.log(
      `\n## ${name} ${unlinked ? "unlinked" : "linked"} ${query.kind} @${rank + 1} ${cause}${
        tie ? " tie" : ""
      } "${query.text}" [${qterms.join(" ")}]`,
    );
    console.log(
      `  W ${ranked[0]} ${show(w, hits[0]!.score)} {${held(ranked[0]!).join(" ")}} ${
        text(ranked[0]!)
      }`,
    );
    console.log(
      `  A ${want} ${show(e, hits[rank]!.score)} {${held(want).join(" ")}} ${text(want)}`,
    );
  }
  await fixture.close();
}
