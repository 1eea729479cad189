/**
 * Test support for the fairness tests (tests/fair_turns*_test.ts): a server whose heavy requests
 * are shaped like a memory search on a cold store, a cheap request that says how many heavy ones
 * finished before it ran, requests held until the test lets them end, and a transaction holding
 * the pool's connection or an advisory lock.
 *
 * @module
 */
import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { BATCH_CONCURRENCY } from "../core/server/rpc/batch.ts";
import type { RunningServer } from "../core/server/server.ts";
import { delay, startTestServer } from "./_helpers.ts";

/** Heavy requests one client sends. */
export const HEAVY = 50;
/** How long the shared load takes (a shape of the load, not an assertion: counts are). */
const LOAD_MS = 50;

/**
 * The bound: the heavy requests already running when the cheap one arrives (a connection's
 * turns, or a batch's workers), and one more round of them started before the socket is read.
 */
export const BOUND = 2 * Math.max(RUNNING_PER_CONNECTION, BATCH_CONCURRENCY);

/** Work of a fixed size (no clock): a heavy request is ~20 of these, between awaits. */
function burn(rounds: number): number {
  let x = 1;
  for (let i = 0; i < rounds; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_647;
  return x;
}

/**
 * A server with `test.heavy` and `test.cheap`, which answers how many heavy requests had
 * finished. A heavy request is shaped like a memory search on a cold store: the first one starts
 * a load on another thread (a timer here) that every heavy request awaits, then each runs CPU
 * work whose awaits resolve at once. On a server without turns, every heavy request received by
 * then wakes from the load in one go and runs before another socket is read.
 */
export async function fairServer() {
  const server = await startTestServer();
  const counts = { finished: 0 };
  let loaded: Promise<void> | undefined;
  let opened: () => void = () => {};
  const open = new Promise<void>((resolve) => opened = resolve);
  server.dispatcher.registry.add(defineHandler({
    method: "test.heavy",
    description: "Awaits a shared load, then CPU work in steps whose awaits resolve at once",
    params: z.strictObject({}),
    handle: async () => {
      loaded ??= new Promise<void>((resolve) => setTimeout(resolve, LOAD_MS)).then(opened);
      await loaded;
      let x = 0;
      for (let step = 0; step < 20; step++) {
        x += burn(200_000);
        await Promise.resolve();
      }
      counts.finished++;
      return { x };
    },
  }));
  server.dispatcher.registry.add(defineHandler({
    method: "test.cheap",
    description: "Answers how many heavy requests finished before it ran",
    params: z.strictObject({}),
    handle: () => ({ heavy_finished: counts.finished }),
  }));
  return { server, counts, open };
}

/** A `test.heavy` request with `id`. */
export function heavy(id: number) {
  return { jsonrpc: "2.0", id, method: "test.heavy", params: {} };
}

/**
 * Adds to `server` `test.hold` (ends when the test calls the next of `holding`, or once it is
 * cancelled: `cancelledHold` resolves then) and `test.noted` (notes `n` in `ran` when it runs).
 */
export function holdAndNote(server: RunningServer): {
  holding: Array<() => void>;
  ran: number[];
  cancelledHold: Promise<void>;
} {
  const holding: Array<() => void> = [];
  const ran: number[] = [];
  let told!: () => void;
  const cancelledHold = new Promise<void>((resolve) => told = resolve);
  server.dispatcher.registry.add(defineHandler({
    method: "test.hold",
    description: "Ends when the test lets it, or once cancelled",
    params: z.strictObject({}),
    handle: (_params, ctx) =>
      new Promise<object>((resolve, reject) => {
        holding.push(() => resolve({}));
        ctx.signal.addEventListener("abort", () => {
          told();
          reject(ctx.signal.reason);
        });
      }),
  }));
  server.dispatcher.registry.add(defineHandler({
    method: "test.noted",
    description: "Notes that it ran",
    params: z.strictObject({ n: z.number() }),
    handle: (params) => {
      ran.push(params.n);
      return { n: params.n };
    },
  }));
  return { holding, ran, cancelledHold };
}

/** How many 10 ms polls `untilHolding` waits before giving up (a bound, not an assertion). */
const HOLD_POLL_LIMIT = 1_000;

/**
 * A batch of `holdCount` `test.hold` items (ids 0 on) that take every worker, then `test.noted`
 * items 15 and 16, which wait unstarted behind them (tests/batch_ids_in_use*_test.ts).
 */
export function holdsThenNoted(holdCount: number): object[] {
  const holds = Array.from(
    { length: holdCount },
    (_, id) => ({ jsonrpc: "2.0", id, method: "test.hold", params: {} }),
  );
  const noted = [15, 16].map((id) => ({
    jsonrpc: "2.0",
    id,
    method: "test.noted",
    params: { n: id },
  }));
  return [...holds, ...noted];
}

/** Resolves once `count` holds of `holding` run; throws if they never do. */
export async function untilHolding(holding: unknown[], count: number): Promise<void> {
  for (let polls = 0; holding.length < count; polls++) {
    if (polls >= HOLD_POLL_LIMIT) throw new Error("the batch's holds never ran");
    await delay(10);
  }
}

/**
 * Adds to `server` `test.hold_pool` (holds the pool's connection in a transaction until the test
 * calls `release`; `heldPool` resolves once it has it) and `test.transaction` (reads in a
 * transaction of its own), for the pool tests (tests/fair_turns_pool*_test.ts).
 */
export function holdPoolAndTransact(server: RunningServer): {
  heldPool: Promise<void>;
  release: () => void;
} {
  const db = server.services.db;
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let holdingPool!: () => void;
  const heldPool = new Promise<void>((resolve) => holdingPool = resolve);
  server.dispatcher.registry.add(defineHandler({
    method: "test.hold_pool",
    description: "Holds the pool's connection in a transaction until the test lets it go",
    params: z.strictObject({}),
    handle: () =>
      db.transaction(async () => {
        holdingPool();
        await released;
        return {};
      }),
  }));
  server.dispatcher.registry.add(defineHandler({
    method: "test.transaction",
    description: "Reads in a transaction of its own",
    params: z.strictObject({}),
    handle: () => db.transaction(async () => ({ row: await db.get("SELECT 1 AS n") })),
  }));
  return { heldPool, release };
}

/** How many times the lock's holder looks for the taker's wait before it gives up (a bound). */
const LOCK_WAIT_LOOKS = 1_000;

/**
 * Adds to `server` `test.hold_lock` (takes advisory lock `key` in a transaction, then `held`
 * resolves; `waited` resolves once PostgreSQL shows `test.take_lock`'s transaction waiting for
 * it, or rejects after `options.looks` ({@linkcode LOCK_WAIT_LOOKS}) looks without, and the lock
 * is let go when the test calls `release`) and `test.take_lock` (takes `key` in
 * a transaction of its own).
 */
export function holdLockAndTake(
  server: RunningServer,
  key: string,
  options: { looks?: number } = {},
): {
  held: Promise<void>;
  waited: Promise<void>;
  release: () => void;
} {
  const db = server.services.db;
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let holding!: () => void;
  const held = new Promise<void>((resolve) => holding = resolve);
  let waiting!: () => void;
  let neverWaited!: (error: Error) => void;
  // Rejects when the wait never showed up, so that a test awaiting it fails rather than going on.
  const waited = new Promise<void>((resolve, reject) => {
    waiting = resolve;
    neverWaited = reject;
  });
  let takerPid: number | undefined;
  server.dispatcher.registry.add(defineHandler({
    method: "test.hold_lock",
    description: "Holds an advisory lock until the test lets it go",
    params: z.strictObject({}),
    handle: () =>
      db.transaction(async () => {
        await db.lock(key);
        holding();
        const looks = options.looks ?? LOCK_WAIT_LOOKS;
        for (let look = 0; look < looks; look++) {
          const ungranted = takerPid !== undefined && await db.get(
            "SELECT 1 AS n FROM pg_locks WHERE pid = $1 AND NOT granted",
            takerPid,
          );
          if (ungranted) {
            waiting();
            await released;
            return {};
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        // Going on would run the test without the lock wait it exists to check.
        const never = new Error(`the taker never waited for the lock (${looks} looks)`);
        neverWaited(never);
        throw never;
      }),
  }));
  server.dispatcher.registry.add(defineHandler({
    method: "test.take_lock",
    description: "Takes the advisory lock in a transaction of its own",
    params: z.strictObject({}),
    handle: () =>
      db.transaction(async () => {
        takerPid = (await db.get<{ pid: number }>("SELECT pg_backend_pid() AS pid"))?.pid;
        await db.lock(key);
        return { locked: true };
      }),
  }));
  return { held, waited, release };
}
