/**
 * Follow-up work a request queues, and the pump the first such request starts, hold none of the
 * request's turn (core/turn_away.ts `outsideTurn`): a wait they mark gives nothing back.
 */
import assert from "node:assert/strict";
import { awayFromTurn, holdingTurn } from "../turn_away.ts";
import { loggedClaim } from "../testing/logged_claim.ts";
import { QuietWork } from "./quiet_work.ts";

Deno.test("QuietWork's pieces and its lazily started pump run outside the queuing request's turn", async () => {
  const quiet = new QuietWork({ log: { warn: () => {} }, quietMs: 0, maxDelayMs: 0 });
  const log: string[] = [];
  const ran: string[] = [];
  const piece = (name: string) => async () => {
    await awayFromTurn(() => Promise.resolve());
    ran.push(name);
  };
  // The first add starts the pump, inside the request.
  const first = holdingTurn(loggedClaim(log), () => quiet.add("first", piece("first")));
  const second = holdingTurn(loggedClaim(log), () => quiet.add("second", piece("second")));
  await Promise.all([first, second]);
  await quiet.drain();
  assert.deepEqual(ran, ["first", "second"]);
  assert.deepEqual(log, [], "no request's turn was given back or taken by its follow-up work");
});
