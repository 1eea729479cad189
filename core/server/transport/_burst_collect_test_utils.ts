/**
 * What the burst collector's tests share: a collector over counters the test moves.
 *
 * @module
 */
import { BurstCollector, type BurstCollectorOptions } from "./burst_collect.ts";

/** Waits (bounded by turns, not by a timed assertion) until `done()` holds. */
export async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500 && !done(); turn++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A collector of a 3-socket burst over an allocation counter and a count of calls the test moves
 * (no least gap between collections unless `options` set one), and its collections.
 */
export function testCollector(options: Partial<BurstCollectorOptions> = {}) {
  const counter = { bytes: 0, looks: 0, perLook: 0 };
  const calls = { running: 0, tally: 0 };
  const collections: number[] = [];
  const collector = new BurstCollector({
    collect: () => void collections.push(counter.looks),
    allocated: () => {
      counter.looks++;
      counter.bytes += counter.perLook;
      return counter.bytes;
    },
    burst: 3,
    checkMs: 1,
    minGapMs: 0,
    calls: () => calls,
    collected: () => {},
    ...options,
  });
  return { collector, counter, collections, calls };
}
