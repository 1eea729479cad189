/**
 * `MessageTurns.idsInUse` (mutation testing, session 44): the requests in flight and those of
 * every message waiting for a turn, one waiting message included, are ids a new request may
 * not take.
 */
import assert from "node:assert/strict";
import { MessageTurns, type MessageTurnsHost } from "./waiting_message.ts";

const call = (id: number) => ({ jsonrpc: "2.0", id, method: "m" });
const ignore = () => {};
const host: MessageTurnsHost = {
  endUnrun: ignore,
  uncount: ignore,
  stopping: () => false,
  stalled: ignore,
};
const routes = { start: ignore, dropped: ignore };

Deno.test("MessageTurns.idsInUse: in flight, then each waiting message's ids", () => {
  const turns = new MessageTurns(host);
  assert.deepEqual([...turns.idsInUse([1])], [1], "none waiting: the ones in flight");
  const held = [];
  for (let turn = 0; turn < 4; turn++) held.push(turns.enter(false));
  assert.ok(held.every((claim) => claim !== undefined), "every turn taken");
  turns.queue(call(5), 1, routes);
  assert.equal(turns.waiting, 1);
  assert.deepEqual([...turns.idsInUse([1])], [1, 5], "one waiting message");
  turns.queue([call(6), call(7)], 2, routes);
  assert.deepEqual([...turns.idsInUse([])], [5, 6, 7]);
  for (const claim of held) claim?.end();
});
