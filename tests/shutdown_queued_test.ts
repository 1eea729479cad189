/**
 * At a server shutdown, a message waiting for a turn gets its -32008 over the WebSocket, as the
 * requests running do: it is answered while the socket is still open, not from the socket's close
 * event, when the answer no longer reaches the client. A real WebSocket; an order, not a time:
 * whether the reply came before the socket's close event.
 */
import assert from "node:assert/strict";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { delay, RpcClient, startTestServer } from "./_helpers.ts";
import { holdAndNote } from "./_fair_turns.ts";

/** How many 10 ms polls to wait for the holds before giving up (a bound, not an assertion). */
const POLL_LIMIT = 1_000;

async function until(ready: () => boolean, what: string): Promise<void> {
  for (let polls = 0; !ready(); polls++) {
    if (polls >= POLL_LIMIT) throw new Error(`never ${what}`);
    await delay(10);
  }
}

Deno.test("a message waiting for a turn at shutdown is answered -32008 before the socket closes", async () => {
  const server = await startTestServer();
  const { holding } = holdAndNote(server);
  const client = await RpcClient.connect(server.wsUrl);
  const replies = new Map<number, Record<string, unknown>>();
  const sent: Promise<unknown>[] = [];
  const send = (method: string, params: object, id: number) =>
    sent.push(client.request(method, params, id).then((reply) => replies.set(id, reply)));
  send("test.hold", {}, 1);
  await until(() => holding.length === 1, "held the first turn");
  for (let id = 2; id <= RUNNING_PER_CONNECTION; id++) send("test.hold", {}, id);
  const queued = RUNNING_PER_CONNECTION + 1;
  send("test.noted", { n: queued }, queued);
  await until(() => holding.length === RUNNING_PER_CONNECTION, "held every turn");
  await server.shutdown();
  await client.closed;
  const waited = replies.get(queued);
  assert.ok(waited !== undefined, "the queued message was answered before the socket closed");
  assert.equal((waited.error as { code: number }).code, -32008);
  for (let id = 1; id <= RUNNING_PER_CONNECTION; id++) {
    assert.equal((replies.get(id)?.error as { code: number } | undefined)?.code, -32008);
  }
});
