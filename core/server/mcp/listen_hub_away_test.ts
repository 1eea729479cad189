/**
 * The listen hub's poll timer holds no request's turn (core/turn_away.ts `outsideTurn`). The
 * first listen's request sets it, and a timer keeps the async context it is made in; each poll
 * sets the next, so every poll ran as that request: its claim stayed referenced while any stream
 * listened, and a wait a poll's read marked gave that request's turn back and took it again.
 */
import assert from "node:assert/strict";
import { awayFromTurn, holdingTurn } from "../../turn_away.ts";
import { loggedClaim } from "../../testing/logged_claim.ts";
import { ListenHub } from "./listen_hub.ts";

/** Polls the test waits for after the stream's first reading. */
const POLLS = 2;

Deno.test("the listen hub's polls run outside the turn of the request that opened the first stream", async () => {
  const log: string[] = [];
  let reads = 0;
  let polledEnough!: () => void;
  const polled = new Promise<void>((resolve) => polledEnough = resolve);
  const hub = new ListenHub({ maxListens: 10, pollMs: 1 });
  const controller = new AbortController();
  const claim = loggedClaim(log);
  const stream = holdingTurn(claim, () =>
    hub.admit({
      keys: ["resources"],
      // A read marks its wait, as a read of the database does.
      read: async () => {
        await awayFromTurn(() => Promise.resolve());
        if (++reads === 1 + POLLS) polledEnough();
        return 1;
      },
      changed: () => {},
      signal: controller.signal,
    }));
  try {
    // The first reading is the request's own (it runs holding its turn): its leave and back.
    await holdingTurn(claim, () => stream.start());
    assert.deepEqual(log, ["leave", "back"], "the stream's first reading is the request's");
    log.length = 0;
    await polled;
    assert.deepEqual(log, [], "no poll gave the request's turn back or took it again");
  } finally {
    controller.abort();
    stream.leave();
  }
});
