/**
 * The listen hub's poll interval: `pollMs` when given, 0 included (a poll as soon as the event
 * loop turns), else POLL_MS. Read from the delay the hub hands `setTimeout`, so the test waits
 * for no time.
 */
import assert from "node:assert/strict";
import { ListenHub, POLL_MS } from "./listen_hub.ts";

/** The delays of the timers `run` sets (each still set as it would be). */
async function timerDelays(run: () => Promise<void>): Promise<number[]> {
  const delays: number[] = [];
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((handler: () => void, delay?: number) => {
    delays.push(delay ?? 0);
    return original(handler, delay);
  }) as typeof setTimeout;
  try {
    await run();
  } finally {
    globalThis.setTimeout = original;
  }
  return delays;
}

/** Admits one stream to `hub` and lets it go; the delays of the timers set meanwhile. */
function oneStream(hub: ListenHub): Promise<number[]> {
  return timerDelays(() => {
    const controller = new AbortController();
    // Admitting the first stream sets the poll timer; letting the last go clears it.
    const stream = hub.admit({
      keys: ["resources"],
      read: () => Promise.resolve(1),
      changed: () => {},
      signal: controller.signal,
    });
    controller.abort();
    stream.leave();
    return Promise.resolve();
  });
}

Deno.test("ListenHub polls every pollMs, 0 included, else every POLL_MS", async () => {
  assert.equal(POLL_MS, 1_000);
  assert.deepEqual(await oneStream(new ListenHub({ maxListens: 10, pollMs: 0 })), [0]);
  assert.deepEqual(await oneStream(new ListenHub({ maxListens: 10, pollMs: 7 })), [7]);
  assert.deepEqual(await oneStream(new ListenHub({ maxListens: 10 })), [POLL_MS]);
});

Deno.test("ListenHub keeps one poll timer for every stream, cleared when the last one goes", async () => {
  const hub = new ListenHub({ maxListens: 10, pollMs: 3_600_000 });
  const cleared: unknown[] = [];
  const clear = globalThis.clearTimeout;
  globalThis.clearTimeout = ((id?: number) => {
    cleared.push(id);
    clear(id);
  }) as typeof clearTimeout;
  try {
    const controller = new AbortController();
    const watch = {
      keys: ["resources"],
      read: () => Promise.resolve(1),
      changed: () => {},
      signal: controller.signal,
    };
    let streams: Array<{ leave(): void }> = [];
    const delays = await timerDelays(() => {
      streams = [hub.admit(watch), hub.admit(watch)];
      return Promise.resolve();
    });
    // The second stream shares the first one's timer.
    assert.deepEqual(delays, [3_600_000]);
    streams[0]!.leave();
    assert.equal(cleared.length, 0, "a stream still listens");
    streams[1]!.leave();
    // The last stream gone, the one timer is cleared (else it would fire with nobody listening).
    assert.equal(cleared.length, 1);
    assert.notEqual(cleared[0], undefined);
    controller.abort();
  } finally {
    globalThis.clearTimeout = clear;
  }
});
