/**
 * An operation count, not a timing: the kind lookups (`kind_bridges.ts`: lexical-only
 * `candidates` calls of `KIND_SOURCES` memories) each search makes over recall sets' queries, with
 * the backend's kind ties (`kind_ties.ts`, `MemoryBackend.tiedKinds`) and with them hidden (every
 * asked word looked up, as before session 40), on two stores of the same set; each query's hits
 * (content and relevance) are compared between the two, which must agree. Held-out sets refused.
 *
 *   deno run -A tests/bench/kind_lookups.ts --sets set1,set2 [--unlinked]
 *
 * @module
 */
import { stringFlag } from "./_load.ts";
import { storeInProcess } from "./recall/_in_process.ts";
import { loadNamedSet, refuseHeldOut } from "./recall/_set.ts";
import type { CandidateQuery } from "../../core/memory/backend.ts";
import { KIND_SOURCES } from "../../core/memory/kind_bridges.ts";
import { FACT_LOOKUP_LIMIT } from "../../core/memory/fact_updates.ts";
import { RELATION_SOURCES } from "../../core/memory/relation_expansion.ts";

const names = (stringFlag(Deno.args, "sets") ?? "").split(",").filter(Boolean);
if (names.length === 0) throw new Error("usage: kind_lookups.ts --sets set1,set2 [--unlinked]");
refuseHeldOut(names);
// The other lexical-only lookups of a search take other sizes: a kind lookup is told by its own.
if ([FACT_LOOKUP_LIMIT, RELATION_SOURCES].includes(KIND_SOURCES)) {
  throw new Error("kind lookups are no longer told apart by their size");
}
const unlinked = Deno.args.includes("--unlinked");

let searches = 0;
let differ = 0;
const lookups = { tied: 0, hidden: 0 };
for (const name of names) {
  const set = loadNamedSet(name);
  const sides = [];
  for (const side of ["tied", "hidden"] as const) {
    const { fixture, backend } = await storeInProcess(set, { unlinked });
    const candidates = backend.candidates.bind(backend);
    backend.candidates = (query: CandidateQuery) => {
      if (query.lexicalOnly && query.limit === KIND_SOURCES) lookups[side]++;
      return candidates(query);
    };
    // An own property over the class's method: this store's searches see none.
    if (side === "hidden") Object.assign(backend, { tiedKinds: undefined });
    sides.push(fixture);
  }
  for (const query of set.queries) {
    const answers = [];
    for (const fixture of sides) {
      const hits = await fixture.memory.search(fixture.aria, {
        query: query.text,
        n_results: 10,
        min_importance: 0,
      });
      answers.push(JSON.stringify(hits.map((hit) => [hit.content, hit.relevance])));
    }
    searches++;
    if (answers[0] !== answers[1]) {
      differ++;
      console.log(`differs: ${name} "${query.text}"`);
    }
  }
  for (const fixture of sides) await fixture.close();
}
const per = (count: number) => (count / searches).toFixed(3);
console.log(
  `${names.length} sets${unlinked ? " (unlinked)" : ""}, ${searches} searches: kind lookups ` +
    `${lookups.tied} with ties (${per(lookups.tied)} a search), ${lookups.hidden} without ` +
    `(${per(lookups.hidden)}); hits that differ: ${differ}`,
);
