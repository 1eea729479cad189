/** A turn stall is logged at warn, at most once per STALL_LOG_EVERY_MS, the rest counted in. */
import assert from "node:assert/strict";
import type { LogFields, Logger } from "../../log.ts";
import { STALL_LOG_EVERY_MS, StallLog } from "./stall_log.ts";

Deno.test("STALL_LOG_EVERY_MS is 10000", () => {
  assert.equal(STALL_LOG_EVERY_MS, 10_000);
});

Deno.test("StallLog warns of a stall once per STALL_LOG_EVERY_MS and counts the ones not logged", () => {
  const warned: LogFields[] = [];
  const ignore = () => {};
  const log: Logger = {
    debug: ignore,
    info: ignore,
    error: ignore,
    warn: (_message, fields) => void warned.push(fields ?? {}),
  };
  let now = 1_000;
  const stalls = new StallLog(log, { now: () => now });
  stalls.stalled("s1");
  assert.equal(warned.length, 1, "the first stall is logged");
  assert.equal(warned[0]!.session, "s1");
  assert.equal(warned[0]!.stall_ms, 250);
  now += STALL_LOG_EVERY_MS - 1;
  stalls.stalled("s2");
  stalls.stalled("s3");
  assert.equal(warned.length, 1, "within the interval: counted, not logged");
  now += 1;
  stalls.stalled("s4");
  assert.equal(warned.length, 2);
  assert.deepEqual(warned[1], { session: "s4", stall_ms: 250, stalls_not_logged: 2 });
});
