/**
 * `sideBySide` (core/turn_away.ts) against a claim that notes what is done with it (mut59): a
 * request's `count` flows fork `count - 1` more flows and finish all but the last; one flow runs
 * with no fork; each flow's first wait leaves and its last comes back; a rejection is thrown once
 * every flow settled, inside a request or outside one, and the values come back in the flows'
 * order.
 */
import assert from "node:assert/strict";
import { awayFromTurn, holdingTurn, sideBySide, type TurnClaim } from "./turn_away.ts";

function noted(): { claim: TurnClaim; log: string[] } {
  const log: string[] = [];
  return {
    log,
    claim: {
      leave: () => void log.push("leave"),
      back: () => void log.push("back"),
      fork: (extra) => void log.push(`fork ${extra}`),
      finished: () => void log.push("finished"),
    },
  };
}

Deno.test("sideBySide outside a request only runs the flows, their values in order", async () => {
  let n = 0;
  assert.deepEqual(await sideBySide(3, () => Promise.resolve(++n)), [1, 2, 3]);
  assert.deepEqual(await sideBySide(0, () => Promise.resolve(1)), []);
});

Deno.test("sideBySide outside a request throws a flow's rejection only once every flow settled", async () => {
  // Promise.all would reject as soon as flow 0 failed, while flow 1 still waited (fix160).
  let release!: () => void;
  const later = new Promise<void>((resolve) => release = resolve);
  let laterFinished = false;
  let n = 0;
  const outcome = sideBySide(2, async () => {
    if (n++ === 0) throw new Error("flow 0 failed at once");
    await later;
    laterFinished = true;
    return 1;
  });
  let seen = false;
  outcome.catch(() => seen = true);
  // A macrotask: every settled promise's callbacks have run by then.
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(seen, false, "rejected while flow 1 still waited");
  release();
  await assert.rejects(outcome, /flow 0 failed at once/);
  assert.equal(laterFinished, true);
});

Deno.test("sideBySide: one flow forks nothing; N flows fork N - 1 and finish all but the last", async () => {
  for (const count of [1, 2, 3, 5]) {
    const { claim, log } = noted();
    let n = 0;
    const values = await holdingTurn(claim, () => sideBySide(count, () => Promise.resolve(n++)));
    assert.deepEqual(values, Array.from({ length: count }, (_, i) => i));
    const expected = count === 1 ? [] : [`fork ${count - 1}`, ...Array(count - 1).fill("finished")];
    assert.deepEqual(log, expected, `${count} flows`);
  }
});

Deno.test("sideBySide: each flow's wait leaves at its start and comes back at its end", async () => {
  const { claim, log } = noted();
  await holdingTurn(claim, () =>
    sideBySide(2, async () => {
      await awayFromTurn(() => Promise.resolve());
    }));
  assert.equal(log.filter((entry) => entry === "leave").length, 2, log.join());
  assert.equal(log.filter((entry) => entry === "back").length, 2, log.join());
});

Deno.test("sideBySide in a request throws the first rejection once every flow settled; all fulfilled, none", async () => {
  const settled: number[] = [];
  let n = 0;
  const failing = () =>
    sideBySide(3, async () => {
      const mine = n++;
      await new Promise((resolve) => setTimeout(resolve, mine === 0 ? 0 : 5));
      settled.push(mine);
      if (mine === 1) throw new Error("flow 1 failed");
      return mine;
    });
  await assert.rejects(holdingTurn(noted().claim, failing), /flow 1 failed/);
  assert.deepEqual(settled.sort(), [0, 1, 2], "every flow settled first");
  const values = await holdingTurn(noted().claim, () => sideBySide(2, () => Promise.resolve("ok")));
  assert.deepEqual(values, ["ok", "ok"]);
});
