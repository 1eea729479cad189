/**
 * `awayFromTurn`'s `goOnAtOnce` (mutation testing, session 44): the claim is asked to go on at
 * once only when the caller says so when the wait ends; by default it takes its turn in order.
 */
import assert from "node:assert/strict";
import { awayFromTurn, holdingTurn, type TurnClaim } from "./turn_away.ts";

/** A claim noting each `back`'s `atOnce`. */
function noting(backs: (boolean | undefined)[]): TurnClaim {
  return {
    leave: () => {},
    back: (atOnce) => void backs.push(atOnce),
    fork: () => {},
    finished: () => {},
  };
}

Deno.test("awayFromTurn takes the turn back in order unless goOnAtOnce says otherwise", async () => {
  const backs: (boolean | undefined)[] = [];
  const claim = noting(backs);
  await holdingTurn(claim, () => awayFromTurn(() => Promise.resolve()));
  await holdingTurn(claim, () => awayFromTurn(() => Promise.resolve(), {}));
  await holdingTurn(
    claim,
    () => awayFromTurn(() => Promise.resolve(), { goOnAtOnce: () => false }),
  );
  await holdingTurn(claim, () => awayFromTurn(() => Promise.resolve(), { goOnAtOnce: () => true }));
  assert.deepEqual(backs, [false, false, false, true]);
});

Deno.test("awayFromTurn asks goOnAtOnce when the wait ends, not when it starts", async () => {
  const backs: (boolean | undefined)[] = [];
  let holds = false;
  await holdingTurn(noting(backs), () =>
    awayFromTurn(() => {
      holds = true;
      return Promise.resolve();
    }, { goOnAtOnce: () => holds }));
  assert.deepEqual(backs, [true]);
});
