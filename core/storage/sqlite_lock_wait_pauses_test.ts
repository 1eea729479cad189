/**
 * The pauses of a call waiting for another connection's lock (`sqlite_lock_wait.ts`), on a fake
 * clock: 5 ms doubling to 200 ms, the last one cut to the limit, Busy once the limit has passed
 * (at once for a limit of 0), and the time waited in its data.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import {
  FIRST_LOCK_PAUSE_MS,
  isLocked,
  LOCKED_RETRY_MS,
  LockWait,
  LONGEST_LOCK_PAUSE_MS,
} from "./sqlite_lock_wait.ts";

/**
 * Runs `body` with `Date.now` at a fake time that each `setTimeout` moves on by its delay (and
 * fires at once): returns the delays asked for.
 */
async function onFakeClock(body: () => Promise<void>): Promise<number[]> {
  const realNow = Date.now;
  const realTimeout = globalThis.setTimeout;
  let now = 1_000_000;
  const delays: number[] = [];
  Date.now = () => now;
  globalThis.setTimeout = ((fn: () => void, delay = 0) => {
    delays.push(delay);
    now += delay;
    queueMicrotask(fn);
    return 0;
  }) as unknown as typeof setTimeout;
  try {
    await body();
  } finally {
    Date.now = realNow;
    globalThis.setTimeout = realTimeout;
  }
  return delays;
}

/** Pauses until `wait` throws; returns its error. */
async function pauseUntilBusy(wait: LockWait): Promise<Busy> {
  for (let i = 0; i < 1_000; i++) {
    try {
      await wait.pause();
    } catch (error) {
      assert.ok(error instanceof Busy, String(error));
      return error;
    }
  }
  throw new Error("never gave up");
}

Deno.test("lock pauses double from 5 ms to 200 ms and the last is cut to the limit", async () => {
  let busy: Busy | undefined;
  const delays = await onFakeClock(async () => {
    busy = await pauseUntilBusy(new LockWait(1_000));
  });
  assert.equal(FIRST_LOCK_PAUSE_MS, 5);
  assert.equal(LONGEST_LOCK_PAUSE_MS, 200);
  // 5+10+20+40+80+160+200+200+200 = 915: the last pause is what is left of the 1,000 ms.
  assert.deepEqual(delays, [5, 10, 20, 40, 80, 160, 200, 200, 200, 85]);
  assert.deepEqual(busy!.data, {
    reason: "database_locked",
    waited_ms: 1_000,
    retry_after_ms: LOCKED_RETRY_MS,
  });
});

Deno.test("a short limit's pause is cut to what is left, never past it", async () => {
  let busy: Busy | undefined;
  const delays = await onFakeClock(async () => {
    busy = await pauseUntilBusy(new LockWait(12));
  });
  assert.deepEqual(delays, [5, 7]);
  assert.equal((busy!.data as { waited_ms: number }).waited_ms, 12);
});

Deno.test("a limit of 0 does not wait at all: the first pause is Busy", async () => {
  const delays = await onFakeClock(async () => {
    const busy = await pauseUntilBusy(new LockWait(0));
    assert.equal((busy.data as { waited_ms: number }).waited_ms, 0);
  });
  assert.deepEqual(delays, [], "no pause was awaited");
});

Deno.test("only SQLite's own 'database is locked' is a lock", () => {
  const sqlite = (message: string) =>
    Object.assign(new Error(message), { code: "ERR_SQLITE_ERROR" });
  assert.equal(isLocked(sqlite("database is locked")), true);
  assert.equal(isLocked(new Error("database is locked")), false, "not SQLite's error");
  assert.equal(isLocked(sqlite("database or disk is full")), false);
});
