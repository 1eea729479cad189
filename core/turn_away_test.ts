/**
 * awayFromTurn: outside a request it only waits; inside one it gives the request's turn back
 * before the wait and takes it again after it (also when the wait throws), once however deep
 * the waits nest.
 */
import assert from "node:assert/strict";
import { awayFromTurn, holdingTurn, outsideTurn, type TurnClaim } from "./turn_away.ts";

/** A claim that notes what is done with it; `back` waits for `turn` when given one. */
function noted(turn?: Promise<void>): { claim: TurnClaim; log: string[] } {
  const log: string[] = [];
  return {
    log,
    claim: {
      leave: () => void log.push("leave"),
      back: () => {
        log.push("back");
        return turn?.then(() => void log.push("turn came"));
      },
      fork: () => {},
      finished: () => {},
    },
  };
}

Deno.test("awayFromTurn outside a request only waits", async () => {
  assert.equal(await awayFromTurn(() => Promise.resolve(7)), 7);
});

Deno.test("awayFromTurn gives the turn back for the wait and goes on once it is taken again", async () => {
  let turnCame!: () => void;
  const { claim, log } = noted(new Promise((resolve) => turnCame = resolve));
  const done = holdingTurn(claim, async () => {
    const value = await awayFromTurn(() => {
      log.push("waiting");
      return Promise.resolve(7);
    });
    log.push(`went on with ${value}`);
  });
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(log, ["leave", "waiting", "back"], "it waits for its turn before it goes on");
  turnCame();
  await done;
  assert.deepEqual(log, ["leave", "waiting", "back", "turn came", "went on with 7"]);
});

Deno.test("awayFromTurn takes the turn again when the wait throws; a nested wait gives nothing back twice", async () => {
  const { claim, log } = noted();
  await holdingTurn(claim, async () => {
    await assert.rejects(
      awayFromTurn(async () => {
        await awayFromTurn(() => Promise.resolve());
        throw new Error("the model failed");
      }),
      /the model failed/,
    );
  });
  assert.deepEqual(log, ["leave", "back"]);
});

Deno.test("awayFromTurn: one flow waiting on two things at once leaves with the first and comes back with the last", async () => {
  const { claim, log } = noted();
  let releaseFirst!: () => void;
  let releaseSecond!: () => void;
  const first = new Promise<void>((resolve) => releaseFirst = resolve);
  const second = new Promise<void>((resolve) => releaseSecond = resolve);
  const done = holdingTurn(claim, async () => {
    await Promise.all([awayFromTurn(() => first), awayFromTurn(() => second)]);
    log.push("went on");
  });
  await Promise.resolve();
  assert.deepEqual(log, ["leave"], "two waits open, the turn given back once");
  releaseFirst();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(log, ["leave"], "one wait still open: the flow stays away");
  releaseSecond();
  await done;
  assert.deepEqual(log, ["leave", "back", "went on"]);
});

Deno.test("outsideTurn: background work started inside a request holds none of its turn", async () => {
  const { claim, log } = noted();
  await holdingTurn(claim, () =>
    outsideTurn(async () => {
      assert.equal(await awayFromTurn(() => Promise.resolve(3)), 3);
      // Also after an await, and on a timer it set: the promises it makes hold no turn either.
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.equal(await awayFromTurn(() => Promise.resolve(4)), 4);
    }));
  assert.deepEqual(log, [], "the request's turn is neither given back nor taken");
  assert.equal(outsideTurn(() => 5), 5, "outside a request it only runs");
});
