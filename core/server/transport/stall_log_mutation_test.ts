/**
 * `StallLog`'s edges (mut59): the first warning counts no stall before it, the count starts again
 * after each warning, and one rate limit serves every connection of a logger.
 */
import assert from "node:assert/strict";
import type { LogFields, Logger } from "../../log.ts";
import { STALL_LOG_EVERY_MS, StallLog, stallLogFor } from "./stall_log.ts";
import { TURN_STALL_MS } from "./turns.ts";

function noting() {
  const warned: Array<[string, LogFields | undefined]> = [];
  const ignore = () => {};
  const log: Logger = {
    debug: ignore,
    info: ignore,
    error: ignore,
    warn: (message, fields) => void warned.push([message, fields]),
  };
  return { log, warned };
}

Deno.test("StallLog: the first warning says no stall went unlogged; after each the count starts again", () => {
  const { log, warned } = noting();
  let now = 0;
  const stalls = new StallLog(log, { now: () => now });
  stalls.stalled("a");
  assert.deepEqual(warned, [[
    "A request went on past its connection's turns: none came free meanwhile",
    { session: "a", stall_ms: TURN_STALL_MS, stalls_not_logged: 0 },
  ]]);
  now += 1;
  stalls.stalled("b");
  now += STALL_LOG_EVERY_MS;
  stalls.stalled("c");
  assert.equal(warned[1]![1]?.stalls_not_logged, 1);
  now += STALL_LOG_EVERY_MS;
  stalls.stalled("d");
  assert.equal(warned.length, 3, "an interval after the last warning, not after the first");
  assert.equal(warned[2]![1]?.stalls_not_logged, 0, "counted again from the last warning");
  now += STALL_LOG_EVERY_MS - 1;
  stalls.stalled("e");
  assert.equal(warned.length, 3, "the interval runs from the last warning");
});

Deno.test("stallLogFor gives one StallLog per logger: its connections share the rate limit", () => {
  const first = noting();
  const second = noting();
  const stalls = stallLogFor(first.log);
  assert.equal(stallLogFor(first.log), stalls);
  assert.notEqual(stallLogFor(second.log), stalls);
  stallLogFor(first.log).stalled("one");
  stallLogFor(first.log).stalled("two");
  assert.equal(first.warned.length, 1, "the second connection's stall is counted, not logged");
  stallLogFor(second.log).stalled("three");
  assert.equal(second.warned.length, 1, "another logger has a limit of its own");
});
