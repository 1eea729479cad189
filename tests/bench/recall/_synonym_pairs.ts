/**
 * Debugging aid: how each content word of a set's synonym queries reaches the closest word of
 * its expected fact in word alignment (`preparedSimilarity`): a shared phrase, a WordNet relation
 * (by strength), a vector cosine from 0.45, from 0.25, or less; and the pairs specificity lowers.
 * Counted per half; `-v` lists each query's pairs (never for set 3, which is held out).
 *
 *   deno run -A tests/bench/recall/_synonym_pairs.ts [--set set5] [-v]
 */
import { LocalEmbedder } from "../../../core/memory/embedder.ts";
import { preparedSimilarity } from "../../../core/memory/meaning/alignment.ts";
import { contentStems } from "../../../core/memory/meaning/content_stems.ts";
import { loadRecallSet } from "./_set.ts";

const setAt = Deno.args.indexOf("--set");
const setName = setAt >= 0 ? Deno.args[setAt + 1] ?? "" : "";
const verbose = Deno.args.includes("-v") && setName !== "set3";
const set = setName === ""
  ? loadRecallSet()
  : loadRecallSet(new URL(`./${setName}/`, import.meta.url));
const byLabel = new Map(set.memories.map((memory) => [memory.label, memory.text]));
const vectors = await new LocalEmbedder().wordVectors();

/** How a query word reaches its best memory word. */
function reach(best: { similarity: number; cosine: number; related: number }): string {
  if (best.similarity >= 1) return "shared or phrase";
  if (best.related > 0) return `WordNet ${best.related.toFixed(2)}`;
  if (best.similarity >= 0.45) return "vector from 0.45";
  return best.similarity >= 0.25 ? "vector 0.25-0.45" : "below 0.25";
}

for (const half of ["a", "b"]) {
  const counts = new Map<string, number>();
  let lowered = 0;
  for (const query of set.queries) {
    if (query.kind !== "synonym" || query.half !== half) continue;
    const memoryWords = vectors.contentWords(byLabel.get(query.expect[0]!)!);
    const pairs: string[] = [];
    for (const { word } of contentStems(query.text)) {
      const asked = vectors.prepare(word);
      let best = { word: "-", similarity: 0, cosine: 0, related: 0 };
      for (const other of memoryWords) {
        const similarity = preparedSimilarity(asked, other);
        if (similarity <= best.similarity) continue;
        let cosine = 0;
        if (asked.unit && other.unit) {
          for (let d = 0; d < asked.unit.length; d++) cosine += asked.unit[d]! * other.unit[d]!;
        }
        const related = asked.related?.get(other.stem) ?? 0;
        best = { word: other.word, similarity, cosine, related };
      }
      const how = reach(best);
      counts.set(how, (counts.get(how) ?? 0) + 1);
      if (best.related === 0 && best.cosine - best.similarity > 0.05) lowered++;
      pairs.push(`${word}→${best.word} ${best.similarity.toFixed(2)} (${how})`);
    }
    if (verbose) console.log(`  "${query.text}": ${pairs.join(", ")}`);
  }
  const cells = [...counts].sort(([a], [b]) => a < b ? -1 : 1).map(([how, n]) => `${how} ${n}`);
  console.log(
    `${setName || "set1"} half ${half}: ${cells.join(" | ")} | lowered by specificity ${lowered}`,
  );
}
