/**
 * `Claim` on its own (mutation testing, session 44), over turns that note what it asks: the
 * turn goes back only once no flow of the request is on the CPU, forked flows count until they
 * finish, a claim coming back takes a turn at once or waits, and an ended claim asks nothing.
 */
import assert from "node:assert/strict";
import { Claim, type ClaimedTurns } from "./claim.ts";

/** Turns noting each call; `retake` answers `free` (a turn was free). */
function notingTurns(free = true): ClaimedTurns & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    free: () => void log.push("free"),
    retake: (_claim, pastLimit) => {
      log.push(`retake ${pastLimit ? "past the limit" : "in turn"}`);
      return free;
    },
    forget: () => void log.push("forget"),
  };
}

Deno.test("Claim: the turn goes back once the request's last flow on the CPU leaves", () => {
  const turns = notingTurns();
  const claim = new Claim(turns);
  claim.fork(2);
  claim.leave();
  claim.leave();
  assert.deepEqual(turns.log, [], "a forked flow is still on the CPU");
  claim.leave();
  assert.deepEqual(turns.log, ["free"]);
});

Deno.test("Claim: a forked flow that finished is no longer on the CPU", () => {
  const turns = notingTurns();
  const claim = new Claim(turns);
  claim.fork(1);
  claim.finished();
  assert.deepEqual(turns.log, []);
  claim.leave();
  assert.deepEqual(turns.log, ["free"]);
});

Deno.test("Claim: a flow that came back counts again", () => {
  const turns = notingTurns();
  const claim = new Claim(turns);
  claim.leave();
  assert.equal(claim.back(), undefined, "a turn was free");
  claim.fork(1);
  claim.leave();
  assert.deepEqual(turns.log, ["free", "retake in turn"], "the forked flow is on the CPU");
  claim.leave();
  assert.deepEqual(turns.log, ["free", "retake in turn", "free"]);
});

Deno.test("Claim: a claim with no turn free waits until resumed; resumed otherwise does nothing", async () => {
  const turns = notingTurns(false);
  const claim = new Claim(turns);
  claim.resumed();
  claim.leave();
  const waiting = claim.back();
  assert.ok(waiting instanceof Promise);
  let resumed = false;
  void waiting.then(() => resumed = true);
  claim.resumed();
  await waiting;
  assert.equal(resumed, true);
  claim.leave();
  assert.deepEqual(turns.log, ["free", "retake in turn", "free"], "held again after resumed");
});

Deno.test("Claim: resumed while away leaves it away: it still asks for a turn when it comes back", () => {
  const turns = notingTurns();
  const claim = new Claim(turns);
  claim.leave();
  claim.resumed();
  assert.equal(claim.back(), undefined);
  assert.deepEqual(turns.log, ["free", "retake in turn"]);
});
