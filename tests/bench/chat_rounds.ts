/**
 * `bench:chat`'s fair side-by-side rounds: in which order the stacks (trees) are measured in each
 * round, the quiet every measurement starts from, and the figures split by the position a stack
 * held in its rounds, so that an order bias shows instead of being merged into a tree's row.
 *
 * Why it is needed: two runs of the same code (`--base` an identical tree) gave p50 9.73 against
 * 4.14 ms depending on which tree went first (session 33). What a measurement leaves behind falls
 * on the next one: the mind's jobs a burst of 960 chats queued (dozens still queued when the
 * round moved on), the collections of its heap, and the first measurement of a run also pays the
 * benchmark client's and the model server's own cold code. Alternating forward and backward
 * rounds alone left a tree first in two rounds of three.
 *
 * @module
 */
import { settle } from "./_load.ts";

/**
 * The order of `count` stacks (their indexes) in each of `rounds` rounds: rotations of the
 * stacks, forward in the first `count` rounds, backward in the next `count`, and so on. For two
 * stacks that is AB, BA, BA, AB (ABBA): every stack holds every position equally often once
 * `rounds` is a multiple of `count`, and each stack follows each other one equally often once it
 * is a multiple of `2 × count`.
 */
export function roundOrders(count: number, rounds: number): number[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count ${count}`);
  if (!Number.isInteger(rounds) || rounds < 0) throw new RangeError(`rounds ${rounds}`);
  return Array.from({ length: rounds }, (_, round) => {
    const shift = round % count;
    const order = Array.from({ length: count }, (_, at) => (at + shift) % count);
    return Math.floor(round / count) % 2 ? order.reverse() : order;
  });
}

/**
 * Why `rounds` cannot balance `count` stacks' positions (undefined when it does): a tree first
 * more often than the other would carry the order's bias into its figures.
 */
export function unbalancedRounds(count: number, rounds: number): string | undefined {
  if (count < 2 || rounds % count === 0) return undefined;
  return `${rounds} rounds cannot put each of ${count} stacks first equally often ` +
    `(use a multiple of ${count}); the per-position lines show the bias`;
}

/** One measurement, and the position its stack held in its round (0 the first measured). */
export interface Placed<T> {
  position: number;
  run: T;
}

/** Runs grouped by position, positions in ascending order. */
export function byPosition<T>(placed: readonly Placed<T>[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const { position } of [...placed].sort((a, b) => a.position - b.position)) {
    groups.set(position, []);
  }
  for (const { position, run } of placed) groups.get(position)!.push(run);
  return groups;
}

/** What {@linkcode quiet} needs of a stack. */
export interface QuietStack {
  /** The persona server's REST base URL (its `/system/status` counts the mind's jobs). */
  apiUrl: string;
  /** Processes that must be idle: the persona server and its model server. */
  pids: readonly number[];
}

/**
 * Resolves once no stack has a mind job queued or running and every process is idle, or after
 * `timeoutMs` (saying so): one stack's leftover work must not run during another's measurement.
 * Returns the milliseconds it waited.
 */
export async function quiet(
  stacks: readonly QuietStack[],
  { timeoutMs = 60_000, pollMs = 200 } = {},
): Promise<number> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  for (const stack of stacks) {
    while (await jobsLeft(stack.apiUrl) > 0) {
      if (performance.now() > deadline) {
        console.error(`${stack.apiUrl}: mind jobs still queued after ${timeoutMs} ms`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  const left = Math.max(1000, deadline - performance.now());
  await Promise.all(
    stacks.flatMap((stack) => stack.pids.map((pid) => settle(pid, { timeoutMs: left }))),
  );
  return performance.now() - started;
}

/** The mind's jobs queued or running on a persona server. */
async function jobsLeft(apiUrl: string): Promise<number> {
  const { jobs } = await (await fetch(`${apiUrl}/system/status`)).json();
  return (jobs?.queued ?? 0) + (jobs?.running ?? 0);
}
