/**
 * Learning to rank on the open recall sets (issue 9): fits the blend's constants of
 * `core/memory/ranking.ts` (and `text_factor_shares.ts`) to the labelled queries, with leave-one-set-out cross-validation to
 * show whether a fit generalises. Held-out sets (3, 7, 8) are refused: judge a fit on them with
 * `_quick.ts` totals only, after putting its constants in those files.
 *
 *   deno run -A tests/bench/recall/_fit.ts [--save f.json | --load f.json] [--only a,b]
 *     [--min-gain x] [--logistic] [--curve name]
 *
 * `--save`/`--load` keep the collected searches (collecting takes about half a minute),
 * `--only` fits those constants alone (names of {@linkcode Params}), `--curve` prints the
 * figures of one constant over its grid instead of fitting. Figures of the session-19 fit are in
 * `core/memory/README.md` ("The blend's constants fitted to the open sets").
 *
 * 1. Collect (in process, `_in_process.ts`): every query of the open sets (set1 and its
 *    `multi/set1.json` questions, set2 and `multi/set2.json`, set4, set5 and `multi/set5.json`,
 *    set6 and `multi/set6.json`), stored linked and unlinked, searched with `explain: true` and
 *    `n_results` {@linkcode DEPTH}; for each hit its score parts (`lexical`, `alignment`,
 *    `similarity`, `relevance`, `importance`, `recency`, `adjustment`) and the flags of the
 *    factors `rank.ts` multiplies (the memory's voice, a name, an answer type, an intent, a
 *    relative or a change it holds, a link that replaced it), worked out with the functions
 *    search uses.
 * 2. Re-score offline for any {@linkcode Params}: relevance = the channels' weighted sum plus
 *    what the observed relevance held beyond it (inherited relevance, negation), score =
 *    relevance · nudge · the factors, times what the observed adjustment held beyond the
 *    factors (bounds below a replacement, an heir's inherited factors). Matches sort by score,
 *    fillers stay after them in their order. Coverage's moves (`coverage.ts`) and the candidate
 *    pool are those of the collected run: the model is an approximation, so it prints
 *    `today (model)` under `search (collected)` (the figures `_quick.ts` gives, at depth 30) and
 *    how many searches' top 5 differ, and a fit is checked with the real search (`_quick.ts`)
 *    before anything is adopted.
 * 3. Fit: coordinate ascent on the mean over sets of (recall@5 + MRR) / 2 (linked and unlinked
 *    alike), each constant over its grid ({@linkcode GRIDS}; `nudge` at most 0.1: importance and
 *    recency move a score by at most ±10 %), a move kept only when it gains more than
 *    {@linkcode MIN_GAIN}; rounds until nothing moves. Or (`--logistic`) gradient descent on a
 *    pairwise logistic loss ({@linkcode pairLoss}, with a ridge toward today's constants).
 *    Leave-one-set-out: fitted on four sets, scored on the fifth, for each open set; then
 *    fitted on all.
 *
 * @module
 */
import { storeInProcess } from "./_in_process.ts";
import { type LabelledQuery, loadRecallSet, type RecallSet, refuseHeldOut } from "./_set.ts";
import { WordVectors } from "../../../core/memory/meaning/word_vectors.ts";
import { analysedQuery } from "../../../core/memory/query_analysis.ts";
import { TextFactors } from "../../../core/memory/text_factors.ts";
import { asksOwn } from "../../../core/memory/query_kin.ts";
import { personaNameTerms } from "../../../core/memory/owner_names.ts";
import { ownedRelations } from "../../../core/memory/relation_owners.ts";
import { namesAnswerRemembered } from "../../../core/memory/answer_memo.ts";
import type { MemoryRecord } from "../../../core/memory/schema.ts";
import {
  type Case,
  CURRENT,
  GRIDS,
  type Hit,
  modelHit,
  type Params,
  reranked,
  round3,
} from "./_fit_model.ts";
import { fitLogistic } from "./_fit_logistic.ts";

export {
  type Case,
  CURRENT,
  type Flags,
  GRIDS,
  type Hit,
  modelHit,
  type Params,
  reranked,
  score,
} from "./_fit_model.ts";
export { fitLogistic } from "./_fit_logistic.ts";

/** How many hits each collected search returns (the re-ranked pool). */
const DEPTH = 30;
/** The smallest gain of the objective a move of coordinate ascent must make (`--min-gain`). */
let MIN_GAIN = 1e-4;
/** The open sets (folds of the cross-validation); `multi/<set>.json` joins its set. */
const OPEN_SETS = ["set1", "set2", "set4", "set5", "set6"] as const;
const MULTI = new Set(["set1", "set2", "set5", "set6"]);

/** recall@5 and reciprocal rank of one ranking. */
function measure(c: Case, ranked: string[]): { r5: number; rr: number } {
  const top = new Set(ranked.slice(0, 5));
  const { expect } = c.query;
  const r5 = expect.filter((label) => top.has(label)).length / expect.length;
  const at = ranked.findIndex((label) => expect.includes(label));
  return { r5, rr: at < 0 ? 0 : 1 / (at + 1) };
}

/** Per set: mean recall@5 and MRR of its cases (linked and unlinked) with `p`. */
function evaluate(
  cases: readonly Case[],
  p: Params | undefined,
): Map<string, { r5: number; mrr: number }> {
  const sums = new Map<string, { r5: number; mrr: number; n: number }>();
  for (const c of cases) {
    const { r5, rr } = measure(c, reranked(c, p));
    const sum = sums.get(c.set) ?? { r5: 0, mrr: 0, n: 0 };
    sum.r5 += r5;
    sum.mrr += rr;
    sum.n++;
    sums.set(c.set, sum);
  }
  return new Map([...sums].map(([set, s]) => [set, { r5: s.r5 / s.n, mrr: s.mrr / s.n }]));
}

/** The objective: mean over sets of (recall@5 + MRR) / 2. */
export function objective(cases: readonly Case[], p: Params | undefined): number {
  const bySet = [...evaluate(cases, p).values()];
  return bySet.reduce((sum, s) => sum + (s.r5 + s.mrr) / 2, 0) / bySet.length;
}

/** Coordinate ascent from `start` over `names`. */
export function ascend(
  cases: readonly Case[],
  start: Params,
  names: readonly (keyof Params)[],
): Params {
  let best = { ...start };
  let bestValue = objective(cases, best);
  for (let round = 0; round < 6; round++) {
    let moved = false;
    for (const name of names) {
      for (const value of GRIDS[name]) {
        if (value === best[name]) continue;
        const trial = { ...best, [name]: value };
        const trialValue = objective(cases, trial);
        if (trialValue > bestValue + MIN_GAIN) {
          best = trial;
          bestValue = trialValue;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  const total = best.lexical + best.alignment + best.vector;
  return {
    ...best,
    lexical: round3(best.lexical / total),
    alignment: round3(best.alignment / total),
    vector: round3(best.vector / total),
  };
}

/** Each constant's range in the logistic fit: its grid's. */
/** The set's memories with its `multi/` questions too, when it has them. */
function openSet(name: string): RecallSet {
  const set = loadRecallSet(name === "set1" ? undefined : new URL(`./${name}/`, import.meta.url));
  if (!MULTI.has(name)) return set;
  const file = new URL(`./multi/${name}.json`, import.meta.url);
  const { queries } = JSON.parse(Deno.readTextFileSync(file)) as { queries: LabelledQuery[] };
  return { memories: set.memories, queries: [...set.queries, ...queries] };
}

/** Every open query's hits with their score parts and factor flags. */
async function collect(sets: readonly string[]): Promise<Case[]> {
  refuseHeldOut(sets);
  const words = await WordVectors.shared();
  const cases: Case[] = [];
  for (const setName of sets) {
    const set = openSet(setName);
    for (const unlinked of [false, true]) {
      const { fixture, labels } = await storeInProcess(set, { unlinked });
      const ownName = new Set(personaNameTerms(fixture.aria));
      for (const query of set.queries) {
        const analysed = analysedQuery(query.text, words, { expand: true });
        const voice = analysed.voice;
        const names = analysed.names.filter((name) => !ownName.has(name));
        const asked = {
          intents: !analysed.asksIntent,
          own: asksOwn(query.text, voice, names),
          current: analysed.asksCurrent,
          names,
          relations: names.length > 0 ? ownedRelations(query.text) : [],
        };
        const text = new TextFactors(asked);
        const found = await fixture.memory.search(fixture.aria, {
          query: query.text,
          n_results: DEPTH,
          min_importance: 0,
          explain: true,
        });
        const hits = found.map((hit): Hit => {
          const record = hit as unknown as MemoryRecord;
          const parts = hit.score_parts!;
          const wanted = analysed.wanted;
          const flags = {
            voice: text.voice(record),
            named: text.named(record) !== 1,
            answerMiss: wanted !== undefined &&
              !namesAnswerRemembered(record.content, wanted, words),
            intent: text.intent(record) !== 1,
            relative: text.relative(record) !== 1,
            changed: text.changed(record) !== 1,
            linked: record.superseded_by !== null,
          };
          return modelHit(labels.get(hit.id)!, parts, flags, voice);
        });
        cases.push({ set: setName, unlinked, query, voice, hits });
      }
      await fixture.close();
    }
  }
  return cases;
}

function figuresLine(cases: readonly Case[], p: Params | undefined): string {
  const bySet = evaluate(cases, p);
  return [...bySet].map(([set, s]) => `${set} ${s.r5.toFixed(3)}/${s.mrr.toFixed(3)}`).join(" | ") +
    ` | objective ${objective(cases, p).toFixed(4)}`;
}

function changed(p: Params): string {
  return (Object.keys(p) as (keyof Params)[])
    .filter((name) => Math.abs(p[name] - CURRENT[name]) > 1e-9)
    .map((name) => `${name} ${CURRENT[name]}→${p[name]}`).join(", ") || "(none)";
}

if (import.meta.main) {
  const arg = (name: string) => {
    const at = Deno.args.indexOf(name);
    return at < 0 ? undefined : Deno.args[at + 1];
  };
  const load = arg("--load");
  const save = arg("--save");
  const only = arg("--only")?.split(",") as (keyof Params)[] | undefined;
  const names = only ?? (Object.keys(GRIDS) as (keyof Params)[]);
  MIN_GAIN = Number(arg("--min-gain") ?? MIN_GAIN);
  const fit = Deno.args.includes("--logistic") ? fitLogistic : ascend;
  const cases = load === undefined
    ? await collect(OPEN_SETS)
    : JSON.parse(Deno.readTextFileSync(load)) as Case[];
  if (save !== undefined) Deno.writeTextFileSync(save, JSON.stringify(cases));
  console.log(`${cases.length} searches (linked and unlinked), fitting ${names.join(", ")}`);
  console.log(`search (collected) ${figuresLine(cases, undefined)}`);
  console.log(`today (model)      ${figuresLine(cases, CURRENT)}`);
  const moved = cases.filter((c) =>
    reranked(c, CURRENT).slice(0, 5).join() !== reranked(c, undefined).slice(0, 5).join()
  ).length;
  console.log(`  the model's top 5 differs from search's in ${moved} of ${cases.length} searches`);
  const curve = arg("--curve") as keyof Params | undefined;
  if (curve !== undefined) {
    for (const value of GRIDS[curve]) {
      console.log(
        `${curve} ${String(value).padEnd(5)} ${figuresLine(cases, { ...CURRENT, [curve]: value })}`,
      );
    }
    Deno.exit(0);
  }
  console.log("\nleave one set out: fitted on the others, scored on the one left out");
  const held: string[] = [];
  for (const out of OPEN_SETS) {
    const train = cases.filter((c) =>
      c.set !== out
    );
    const test = cases.filter((c) => c.set === out);
    const fitted = fit(train, CURRENT, names);
    const before = evaluate(test, CURRENT).get(out)!;
    const after = evaluate(test, fitted).get(out)!;
    const gain = (after.r5 + after.mrr - before.r5 - before.mrr) / 2;
    held.push(`${out} ${gain >= 0 ? "+" : ""}${gain.toFixed(4)}`);
    console.log(
      `  ${out}: ${before.r5.toFixed(3)}/${before.mrr.toFixed(3)} → ${after.r5.toFixed(3)}/${
        after.mrr.toFixed(3)
      }  (train objective ${objective(train, CURRENT).toFixed(4)} → ${
        objective(train, fitted).toFixed(4)
      })  ${changed(fitted)}`,
    );
  }
  console.log(`  gains on the set left out: ${held.join(", ")}`);
  const all = fit(cases, CURRENT, names);
  console.log(`\nfitted on all open sets: ${changed(all)}`);
  console.log(`fitted (model)     ${figuresLine(cases, all)}`);
  console.log(JSON.stringify(all));
}
