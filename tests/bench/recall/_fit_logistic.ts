/**
 * `_fit.ts --logistic`: gradient descent on a pairwise logistic loss ({@linkcode fitLogistic}),
 * with a ridge toward today's constants, over the model of `_fit_model.ts`.
 *
 * @module
 */
import { type Case, CURRENT, GRIDS, type Params, round3, score } from "./_fit_model.ts";

function clampTo(name: keyof Params, value: number): number {
  const grid = GRIDS[name];
  return Math.min(grid.at(-1)!, Math.max(grid[0]!, value));
}

/**
 * The pairs the logistic loss compares: each expected hit with every other match that search
 * ranked in the first {@linkcode PAIR_DEPTH} (matches only: a filler never moves).
 */
const PAIR_DEPTH = 10;
/** The logistic loss's scale: a score ratio of e^0.1 (10 %) is one unit. */
const TEMPERATURE = 0.1;
/** L2 pull of each constant toward today's (per unit of its grid's range, squared). */
const RIDGE = 0.01;

/**
 * Pairwise logistic loss (RankNet) of `cases` with `p`: the mean over pairs (an expected hit,
 * a hit that is not) of log(1 + e^−(ln s₊ − ln s₋)/T), plus the ridge toward today's constants.
 */
function pairLoss(cases: readonly Case[], p: Params, names: readonly (keyof Params)[]): number {
  let loss = 0;
  let pairs = 0;
  for (const c of cases) {
    const expected = new Set(c.query.expect);
    const scored = c.hits.filter((hit) => !hit.filler).map((hit, i) => ({
      hit,
      i,
      log: Math.log(Math.max(1e-9, score(hit, c.voice, p))),
    }));
    const positives = scored.filter((s) => expected.has(s.hit.label));
    const negatives = scored.filter((s) => !expected.has(s.hit.label) && s.i < PAIR_DEPTH);
    for (const pos of positives) {
      for (const neg of negatives) {
        const margin = (pos.log - neg.log) / TEMPERATURE;
        loss += margin > 30 ? Math.exp(-margin) : Math.log1p(Math.exp(-margin));
        pairs++;
      }
    }
  }
  let ridge = 0;
  for (const name of names) {
    const range = GRIDS[name].at(-1)! - GRIDS[name][0]!;
    ridge += ((p[name] - CURRENT[name]) / range) ** 2;
  }
  return loss / Math.max(1, pairs) + RIDGE * ridge;
}

/** Gradient descent (finite differences, projected on each constant's range) of `pairLoss`. */
export function fitLogistic(
  cases: readonly Case[],
  start: Params,
  names: readonly (keyof Params)[],
): Params {
  let p = { ...start };
  let step = 0.05;
  let value = pairLoss(cases, p, names);
  for (let iteration = 0; iteration < 60 && step > 1e-4; iteration++) {
    const gradient = names.map((name) => {
      const h = 1e-3;
      const up = pairLoss(cases, { ...p, [name]: p[name] + h }, names);
      const down = pairLoss(cases, { ...p, [name]: p[name] - h }, names);
      return (up - down) / (2 * h);
    });
    const norm = Math.hypot(...gradient) || 1;
    const trial = { ...p };
    names.forEach((name, i) => {
      const range = GRIDS[name].at(-1)! - GRIDS[name][0]!;
      trial[name] = clampTo(name, p[name] - step * range * gradient[i]! / norm);
    });
    const trialValue = pairLoss(cases, trial, names);
    if (trialValue < value) {
      p = trial;
      value = trialValue;
      step *= 1.2;
    } else {
      step /= 2;
    }
  }
  const total = p.lexical + p.alignment + p.vector;
  const rounded = { ...p };
  for (const name of names) rounded[name] = round3(p[name]);
  return {
    ...rounded,
    lexical: round3(p.lexical / total),
    alignment: round3(p.alignment / total),
    vector: round3(p.vector / total),
  };
}
