/**
 * Pins of connection.ts that mutation testing (mut63) found loose: with one request running, a
 * second request with the same id is refused (the running one's id is in use: a cancel names
 * one), and the running request still answers once.
 */
import assert from "node:assert/strict";
import { heldRequests, openLoopConnection, rpcRequest } from "./testing.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
const { hold, holding } = heldRequests();

Deno.test("a request reusing the id of the one request running is refused; the first still answers", async () => {
  const { connection, sent } = openLoopConnection({ handlers: [hold], maxInflight: 8 });
  holding.length = 0;
  connection.receive(JSON.stringify(rpcRequest(1, "test.hold")));
  for (let hops = 0; hops < 20 && holding.length < 1; hops++) await macrotask();
  assert.equal(holding.length, 1);
  connection.receive(JSON.stringify(rpcRequest(1, "test.hold")));
  for (let hops = 0; hops < 5; hops++) await macrotask();
  assert.equal(holding.length, 1, "the second request never ran");
  assert.equal(sent.length, 1, "it was refused at once");
  assert.equal(sent[0]!.id, 1);
  assert.ok(sent[0]!.error !== undefined, JSON.stringify(sent[0]));
  holding.shift()!();
  while (connection.inflight > 0) await macrotask();
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1], { jsonrpc: "2.0", id: 1, result: {} });
  connection.close("test over");
});
