/**
 * A call through the LLM queue gives its caller's connection turn back while it waits for a slot
 * and for the model, and takes it again before the caller goes on (core/turn_away.ts).
 */
import assert from "node:assert/strict";
import { holdingTurn } from "../turn_away.ts";
import { RequestQueue } from "./queue.ts";
import { loggedClaim } from "../testing/logged_claim.ts";

Deno.test("RequestQueue.run gives the caller's turn back for the wait and the call, and takes it again after", async () => {
  const queue = new RequestQueue(1, 10);
  const log: string[] = [];
  const claim = loggedClaim(log);
  const answer = await holdingTurn(claim, async () => {
    const text = await queue.run(() => {
      log.push("model called");
      return Promise.resolve("hello");
    });
    log.push("went on");
    return text;
  });
  assert.equal(answer, "hello");
  assert.deepEqual(log, ["leave", "model called", "back", "went on"]);
});
