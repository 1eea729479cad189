/**
 * A legacy batch whose client has gone before its exchange begins: none of its calls runs, each
 * is answered cancelled (review21: the batch watched only for a later abort, so it all ran).
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { ManualClock } from "../../clock.ts";
import { SessionRegistry } from "../../sessions/mod.ts";
import { Dispatcher } from "../rpc/dispatcher.ts";
import type { Handler } from "../rpc/handler.ts";
import { HandlerRegistry } from "../rpc/registry.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { Connection } from "./connection.ts";
import { connectionOptions } from "./connection_options.ts";
import type { LoopContext } from "./testing.ts";
import { answerBatch } from "./mcp_http_reply.ts";

Deno.test("answerBatch: a batch whose client left before the exchange runs nothing", async () => {
  let ran = 0;
  const counted: Handler<LoopContext, z.ZodObject<Record<string, never>>, { ran: number }> = {
    method: "test.count",
    description: "Counts its runs",
    params: z.strictObject({}),
    handle: () => ({ ran: ++ran }),
  };
  const clock = new ManualClock();
  const connection = Connection.open({
    dispatcher: new Dispatcher<LoopContext>({
      registry: new HandlerRegistry<LoopContext>([counted]),
      context: (scope) => scope,
      log: testLogger(),
    }),
    sessions: new SessionRegistry(() => clock.now()),
    clock,
    log: testLogger(),
    options: connectionOptions(testConfig()),
  }, { kind: "websocket", outbound: () => {} });
  const client = new AbortController();
  client.abort(new Error("gone"));
  const request = new Request("http://127.0.0.1/mcp", {
    method: "POST",
    signal: client.signal,
  });
  const response = await answerBatch({
    request,
    inbound: [
      { jsonrpc: "2.0", id: 1, method: "test.count", params: {} },
      { jsonrpc: "2.0", id: 2, method: "test.count", params: {} },
    ],
    connection,
  });
  const replies = await response.json() as Array<{ id: number; result?: unknown; error?: unknown }>;
  assert.equal(ran, 0, "no call of the batch ran");
  assert.deepEqual(replies.map((reply) => [reply.id, "result" in reply]), [[1, false], [2, false]]);
});
