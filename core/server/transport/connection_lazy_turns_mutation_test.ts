/**
 * A connection's lazily made turns, through its exported behaviour (mut62): turns made by an
 * exchange on an idle connection hold no turn for a message that is not there, and turns let go
 * once the connection is idle are made again whole, so each time RUNNING_PER_CONNECTION run.
 */
import assert from "node:assert/strict";
import { heldRequests, openLoopConnection, rpcRequest } from "./testing.ts";
import { RUNNING_PER_CONNECTION } from "./turns.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Ends each `test.hold` request still running, oldest first. */
const { hold, holding } = heldRequests();

function setup() {
  return openLoopConnection({ handlers: [hold], maxInflight: 2 * RUNNING_PER_CONNECTION });
}

/** Lets the handlers that can start do so. */
async function started(count: number): Promise<number> {
  for (let hops = 0; hops < 20 && holding.length < count; hops++) await macrotask();
  return holding.length;
}

Deno.test("exchanges on an idle connection run RUNNING_PER_CONNECTION at once: its first turns hold no phantom turn", async () => {
  const { connection } = setup();
  holding.length = 0;
  const replies = [];
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) {
    replies.push(connection.exchange(rpcRequest(id, "test.hold")));
  }
  assert.equal(await started(RUNNING_PER_CONNECTION), RUNNING_PER_CONNECTION);
  // One past the turns waits.
  replies.push(connection.exchange(rpcRequest(99, "test.hold")));
  await macrotask();
  assert.equal(holding.length, RUNNING_PER_CONNECTION);
  while (holding.length > 0 || connection.inflight > 0) {
    holding.shift()?.();
    await macrotask();
  }
  await Promise.all(replies);
  connection.close("test over");
});

Deno.test("after its turns were let go, a connection's next burst runs RUNNING_PER_CONNECTION at once again", async () => {
  const { connection, sent } = setup();
  holding.length = 0;
  for (let round = 0; round < 2; round++) {
    for (let id = 1; id <= RUNNING_PER_CONNECTION + 1; id++) {
      connection.receive(JSON.stringify(rpcRequest(round * 10 + id, "test.hold")));
    }
    assert.equal(await started(RUNNING_PER_CONNECTION), RUNNING_PER_CONNECTION, `round ${round}`);
    await macrotask();
    assert.equal(holding.length, RUNNING_PER_CONNECTION, `round ${round}: one waits`);
    while (connection.inflight > 0) {
      holding.shift()?.();
      await macrotask();
    }
  }
  assert.equal(sent.length, 2 * (RUNNING_PER_CONNECTION + 1));
  connection.close("test over");
});

Deno.test("a message alone on a connection whose turns are made (by a refused exchange) holds one of them", async () => {
  const { connection, sent } = setup();
  holding.length = 0;
  // An exchange past maxBatch is refused before it begins: the turns its host made stay made.
  const tooLarge = Array.from({ length: 11 }, (_, i) => rpcRequest(100 + i, "test.hold"));
  await connection.exchange(tooLarge);
  connection.receive(JSON.stringify(rpcRequest(1, "test.hold")));
  assert.equal(await started(1), 1);
  for (let id = 2; id <= RUNNING_PER_CONNECTION + 1; id++) {
    connection.receive(JSON.stringify(rpcRequest(id, "test.hold")));
  }
  assert.equal(await started(RUNNING_PER_CONNECTION), RUNNING_PER_CONNECTION);
  await macrotask();
  assert.equal(holding.length, RUNNING_PER_CONNECTION, "the alone message counts: one waits");
  while (connection.inflight > 0) {
    holding.shift()?.();
    await macrotask();
  }
  assert.equal(sent.length, RUNNING_PER_CONNECTION + 1);
  connection.close("test over");
});

Deno.test("a connection with no turns made has no waiting message to cancel", () => {
  const { connection } = setup();
  assert.equal(connection.cancelWaiting(1), false);
  connection.close("test over");
});
