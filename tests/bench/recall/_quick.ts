/**
 * Debugging aid for the recall sets (not the benchmark: `deno task bench:recall` is): all three
 * sets stored in an in-process `:memory:` SQLite memory service, updates linked and unlinked, and
 * recall@5 / MRR per kind printed on one line each, in about ten seconds. `-v` lists the
 * queries whose expected memory is not first (or, for `multi`, not all in the top 5);
 * `--sets set1,set4` picks the sets (default the open sets 1, 2, 4, 5 and 6; the later open sets 9,
 * 10, 11, 12, 13, 14, 15 and 16, each written fresh to check the ranking generalises, by name). Sets 3, 7 and 8 are
 * held out: asked for by name, they print their overall totals only, never per kind or misses. `--halves` adds a line per half of a set written in two (a, looked at
 * while tuning; b, held out), `--half a` keeps only that half's queries (figures and misses).
 * `--encoder` stores and searches with the sentence encoder beside the local embedder
 * (`MEMORY_ENCODER=use-lite`, `core/memory/embedder_encoder.ts`); `--cascade` with it only for the
 * queries whose ranking without it is weak (`core/memory/encoder_cascade.ts`), and says how many.
 * `multi-set1` (and `multi-set2`, `multi-set5`, `multi-set6`, `multi-set15`, `multi-set16`,
 * `multi-set17`) is that set's memories with the several-facts questions of `multi/set1.json`
 * (session 18; set 15's session 34, set 16's session 35, set 17's session 36; open).
 *
 *   deno run -A tests/bench/recall/_quick.ts [-v] [--sets set1,set2,set4,set5,set6] [--halves] [--half a|b] [--encoder] [--cascade]
 */
import { EncoderEmbedder } from "../../../core/memory/embedder_encoder.ts";
import { type FirstPassHit, weakEvidence } from "../../../core/memory/encoder_cascade.ts";
import { storeInProcess } from "./_in_process.ts";
import {
  figures,
  isHeldOut,
  KINDS,
  loadNamedSet,
  type QueryOutcome,
  refuseHeldOut,
} from "./_set.ts";

const verbose = Deno.args.includes("-v");
const setsAt = Deno.args.indexOf("--sets");
const setNames = setsAt >= 0
  ? Deno.args[setsAt + 1]!.split(",")
  : ["set1", "set2", "set4", "set5", "set6"];
if (verbose) refuseHeldOut(setNames);
const halfAt = Deno.args.indexOf("--half");
const onlyHalf = halfAt >= 0 ? Deno.args[halfAt + 1] : undefined;
const byHalves = Deno.args.includes("--halves");
// `--cascade`: the encoder only for queries whose ranking without it is weak (`weakEvidence`).
let weak = 0;
let firstPasses = 0;
const cascade = Deno.args.includes("--cascade")
  ? (first: readonly FirstPassHit[]) => {
    firstPasses++;
    return weakEvidence(first) && ++weak > 0;
  }
  : undefined;
const embedder = Deno.args.includes("--encoder") || cascade
  ? new EncoderEmbedder({ cascade })
  : undefined;
const lines: string[] = [];
for (const setName of setNames) {
  const set = loadNamedSet(setName);
  for (const unlinked of [false, true]) {
    const { fixture, labels } = await storeInProcess(set, { unlinked, embedder });
    const outcomes: QueryOutcome[] = [];
    for (const query of set.queries) {
      if (onlyHalf !== undefined && query.half !== onlyHalf) continue;
      const hits = await fixture.memory.search(fixture.aria, {
        query: query.text,
        n_results: 10,
        min_importance: 0,
      });
      outcomes.push({ query, ranked: hits.map((hit) => labels.get(hit.id)!) });
    }
    await fixture.close();
    const name = `${setName} ${unlinked ? "unlinked" : "linked"}`;
    if (cascade) {
      lines.push(`${name.padEnd(14)} | encoder ran on ${weak} of ${firstPasses} queries`);
      weak = firstPasses = 0;
    }
    const halves = byHalves ? ["a", "b"] : [];
    for (const half of [undefined, ...halves]) {
      const ofHalf = outcomes.filter((o) => half === undefined || o.query.half === half);
      if (ofHalf.length === 0) continue;
      const kinds = isHeldOut(setName) ? ["overall"] : [...KINDS, "overall"];
      const cells = kinds.flatMap((kind) => {
        const result = figures(ofHalf.filter((o) => kind === "overall" || o.query.kind === kind));
        if (result.count === 0) return [];
        const newer = result.newerFirst === undefined
          ? ""
          : ` newer first ${result.newerFirst.toFixed(2)}`;
        const digits = kind === "overall" ? 3 : 2;
        return `${kind} ${result.recallAt5.toFixed(digits)}/${result.mrr.toFixed(digits)}${newer}`;
      });
      const title = half === undefined ? name : `${name} ${half}`;
      lines.push(`${title.padEnd(14)} | ${cells.join(" | ")}`);
    }
    if (!verbose) continue;
    for (const { query, ranked } of outcomes) {
      const missing = query.expect.filter((label) => !ranked.slice(0, 5).includes(label));
      if (missing.length > 0 || (query.kind !== "multi" && ranked[0] !== query.expect[0])) {
        console.log(
          `  ${name} ${query.kind} "${query.text}" want ${query.expect} got ${ranked.slice(0, 6)}`,
        );
      }
    }
  }
}
console.log(lines.join("\n"));
