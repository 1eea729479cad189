/**
 * Pins of connection.ts that mutation testing (mut63, mut64) found loose: a cancel that takes a
 * request out of a batch waiting for its turn gives its place under the in-flight cap back, so a
 * request sent after it is admitted, not refused -32006.
 */
import assert from "node:assert/strict";
import { heldRequests, notedRequests, openLoopConnection, rpcRequest } from "./testing.ts";
import { RUNNING_PER_CONNECTION } from "./turns.ts";

const ran: number[] = [];
const { hold, holding } = heldRequests();
const noted = notedRequests((n) => ran.push(n));

Deno.test("a request cancelled out of a waiting batch frees its place under the in-flight cap", async () => {
  const { connection, sent } = openLoopConnection({
    handlers: [hold, noted],
    maxInflight: RUNNING_PER_CONNECTION + 2,
  });
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) {
    connection.receive(JSON.stringify(rpcRequest(id, "test.hold")));
  }
  // The batch fills the cap: two requests waiting for a turn.
  connection.receive(JSON.stringify([11, 12].map((n) => rpcRequest(n, "test.noted", { n }))));
  connection.receive(JSON.stringify({
    jsonrpc: "2.0",
    method: "notifications/cancelled",
    params: { requestId: 11 },
  }));
  connection.receive(JSON.stringify(rpcRequest(13, "test.noted", { n: 13 })));
  assert.equal(sent.length, 0, "request 13 took the cancelled request's place: nothing refused");
  for (const end of holding.splice(0)) end();
  await connection.settled();
  assert.deepEqual(ran.toSorted(), [12, 13]);
  assert.ok(!sent.some((reply) => reply.error !== undefined), JSON.stringify(sent));
  connection.close("test over");
});
