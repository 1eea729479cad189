/**
 * A dialogue turn waiting for the one before it (which waits on the model) gives its
 * connection's turn back meanwhile (core/turn_away.ts): five turns of one conversation on one
 * socket would otherwise hold all of its turns, and the one coming back from the model none.
 */
import assert from "node:assert/strict";
import { holdingTurn } from "../turn_away.ts";
import { TurnGate } from "./turn_gate.ts";
import { loggedClaim } from "../testing/logged_claim.ts";

Deno.test("TurnGate: a turn waiting for the one before it gives its connection's turn back, and takes it again before it runs", async () => {
  const gate = new TurnGate();
  let endFirst!: () => void;
  const first = gate.run("talk", () => new Promise<void>((resolve) => endFirst = resolve));
  const log: string[] = [];
  const claim = loggedClaim(log);
  const second = holdingTurn(claim, () => gate.run("talk", () => Promise.resolve(log.push("ran"))));
  await Promise.resolve();
  assert.deepEqual(log, ["leave"], "away while the turn before it runs");
  endFirst();
  await Promise.all([first, second]);
  assert.deepEqual(log, ["leave", "back", "ran"]);
});
