/**
 * Two trees' recalls timed message by message in ONE process (`_recall_paired.ts`,
 * `_series_paired.ts`): for a loaded machine, load that comes and goes falls on both alike. Each
 * text is asked of both, the order alternating (ABBA), each timed in main-thread CPU.
 *
 * @module
 */
import { percentile } from "./_load.ts";
import { threadClock } from "./_thread_clock.ts";

const clock = threadClock();

/** One tree's way to ask a text. */
export type Ask = (text: string) => Promise<unknown>;

/** Summed CPU (ms) of each side and the per-text ratios (tree / base). */
export interface Paired {
  tree: number;
  base: number;
  ratios: number[];
}

/** Asks each of `texts` of both (tree first on even `i + offset`), timing each on this thread. */
export async function pairedAsks(
  sides: { tree: Ask; base: Ask },
  texts: readonly string[],
  offset = 0,
): Promise<Paired> {
  const paired: Paired = { tree: 0, base: 0, ratios: [] };
  for (const [i, text] of texts.entries()) {
    const order = (i + offset) % 2 === 0 ? [sides.tree, sides.base] : [sides.base, sides.tree];
    const spent = new Map<Ask, number>();
    for (const ask of order) {
      const start = clock();
      await ask(text);
      spent.set(ask, clock() - start);
    }
    paired.tree += spent.get(sides.tree)!;
    paired.base += spent.get(sides.base)!;
    paired.ratios.push(spent.get(sides.tree)! / spent.get(sides.base)!);
  }
  return paired;
}

/** `Paired`'s line: µs per recall of each, the sum ratio and the median per-text ratio. */
export function pairedLine(paired: Paired, what: string): string {
  const count = paired.ratios.length;
  const load = Deno.loadavg().map((value) => value.toFixed(2)).join(" ");
  const median = percentile([...paired.ratios].sort((a, b) => a - b), 50);
  return `${count} recalls each${what}, load ${load}: tree ${
    (paired.tree * 1000 / count).toFixed(0)
  } µs, base ${(paired.base * 1000 / count).toFixed(0)} µs per recall; sum ratio ${
    (paired.tree / paired.base).toFixed(3)
  }×, median per-message ratio ${median.toFixed(3)}×`;
}
