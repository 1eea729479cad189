/**
 * `bench:chat`'s fair side-by-side rounds: in which order the stacks (trees) are measured, the
 * quiet every measurement starts from, and the figures split by the position a stack held in its
 * rounds.
 *
 * Why it is needed: two runs of the same code (`--base` an identical tree) gave p50 9.73 against
 * 4.14 ms depending on which tree went first (session 33). What a measurement leaves behind falls
 * on the next one: the mind's jobs a burst of 960 chats queued (dozens still queued when the
 * round moved on), the collections of its heap, and the first measurement of a run also pays the
 * benchmark client's and the model server's own cold code.
 *
 * Why the stacks strictly alternate: the order used to be ABBA (A B | B A | B A | A B), which puts
 * every stack first equally often, but not behind the same gap. perf80 (session 48) found that it
 * gave the first stack its last two measurements back to back, so its heap stayed large and its
 * code warm, while the other's heap was shrunk by V8's memory reducer (it runs after ~8 s idle)
 * before its last one: an A/A run read p99 52.7 / 59.3 ms, first chats 47.5 / 53.7 ms and peak
 * RSS 327 / 306 MB for the same tree in the two rows. Now every round measures the stacks in the
 * same order (A B | A B | …), so every measurement follows the burst of the stack before it in
 * that rotation, and the run's first one follows an unmeasured lead-in burst of the last stack
 * ({@linkcode measurementPlan}). Each stack then always holds one position: what is left of an
 * order bias belongs to the row, and shows by swapping `--tree` and `--base` (or in an A/A run).
 *
 * @module
 */
import { settle } from "./_load.ts";

/**
 * The order of `count` stacks (their indexes) in each of `rounds` rounds: the same, 0 to
 * `count - 1`, in every round, so that the stacks strictly alternate across rounds and each one's
 * measurement always follows the same other stack's.
 */
export function roundOrders(count: number, rounds: number): number[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count ${count}`);
  if (!Number.isInteger(rounds) || rounds < 0) throw new RangeError(`rounds ${rounds}`);
  return Array.from({ length: rounds }, () => Array.from({ length: count }, (_, at) => at));
}

/** One burst of {@linkcode measurementPlan}. */
export interface PlannedBurst {
  /** The stack's index. */
  stack: number;
  /** Its concurrent sessions. */
  sessions: number;
  /** The round (0 the first), -1 for the lead-in. */
  round: number;
  /** The stack's position in its round (0 the first measured). */
  position: number;
  /** `false` for the lead-in: run like a measurement, its figures dropped. */
  measured: boolean;
}

/**
 * Every burst of a run of `count` stacks, `rounds` rounds and each of `sessions` per round, in
 * order: an unmeasured lead-in (the last stack at the last session count, when there is more than
 * one stack), then the rounds of {@linkcode roundOrders}. So every measurement, the first
 * included, follows a full burst of the same other stack (the one before it in the rotation), at
 * the session count that precedes it in every round.
 */
export function measurementPlan(
  { count, rounds, sessions }: { count: number; rounds: number; sessions: readonly number[] },
): PlannedBurst[] {
  const plan: PlannedBurst[] = [];
  if (count > 1 && rounds > 0 && sessions.length) {
    plan.push({
      stack: count - 1,
      sessions: sessions.at(-1)!,
      round: -1,
      position: count - 1,
      measured: false,
    });
  }
  roundOrders(count, rounds).forEach((order, round) => {
    for (const sessionCount of sessions) {
      for (const [position, stack] of order.entries()) {
        plan.push({ stack, sessions: sessionCount, round, position, measured: true });
      }
    }
  });
  return plan;
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
