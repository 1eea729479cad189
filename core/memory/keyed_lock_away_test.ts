/**
 * A request waiting for a KeyedLock gives its turn back meanwhile (core/turn_away.ts): the
 * holder may be a request of the same connection that needs a turn to finish.
 */
import assert from "node:assert/strict";
import { holdingTurn } from "../turn_away.ts";
import { KeyedLock } from "./keyed_lock.ts";
import { loggedClaim } from "../testing/logged_claim.ts";

Deno.test("KeyedLock: a waiter gives its turn back until the holder is done, then takes one before it runs", async () => {
  const lock = new KeyedLock();
  let release = () => {};
  const holder = lock.run("p1", () => new Promise<void>((resolve) => release = resolve));
  const log: string[] = [];
  const claim = loggedClaim(log);
  const waiter = holdingTurn(claim, () => lock.run("p1", () => Promise.resolve(log.push("ran"))));
  await Promise.resolve();
  assert.deepEqual(log, ["leave"], "away while the holder runs");
  release();
  await Promise.all([holder, waiter]);
  assert.deepEqual(log, ["leave", "back", "ran"]);
});

Deno.test("KeyedLock: a request that finds the lock free keeps its turn", async () => {
  const lock = new KeyedLock();
  const log: string[] = [];
  const claim = loggedClaim(log);
  await holdingTurn(claim, () => lock.run("p1", () => Promise.resolve(log.push("ran"))));
  assert.deepEqual(log, ["ran"]);
});
