/**
 * Streamable HTTP during a graceful shutdown's drain (`mcp_http_drain.ts`): the
 * `notifications/cancelled` of a call the drain waits for is accepted (202) and ends the call
 * (-32800) at once, instead of a 503 that let it run on for SHUTDOWN_GRACE_MS; a new call in the
 * session, and any POST outside one, still get 503 -32008. Over real HTTP.
 */
import assert from "node:assert/strict";
import { startTestServer, waitUntilCancelled } from "../../../tests/_helpers.ts";
import { cancel, initializeRequest, open, post, running, wait } from "./_mcp_http_test_utils.ts";

Deno.test("draining: a session's cancel ends its call in flight; new calls still get 503", async () => {
  // A grace far longer than the test: only the cancel can end the call.
  const server = await startTestServer({ SHUTDOWN_GRACE_MS: "30000" });
  server.dispatcher.registry.add(waitUntilCancelled("test.wait"));
  const headers = await open(server);
  const json = { ...headers, Accept: "application/json" };
  const pending = post(server, wait(9), json);
  await running(server, json, 9);
  const stopping = server.shutdown();
  try {
    // Draining once a POST outside any session is refused.
    for (;;) {
      const probe = await post(server, { jsonrpc: "2.0", id: 1, method: "ping" });
      await probe.body?.cancel();
      if (probe.status === 503) break;
    }
    const refused = await post(server, wait(10), json);
    assert.equal(refused.status, 503, "a new call in the session");
    assert.equal(refused.headers.get("retry-after"), "1");
    const body = await refused.json();
    assert.equal(body.id, 10);
    assert.equal(body.error.code, -32008);
    const batch = await post(server, [cancel(9), { jsonrpc: "2.0", id: 11, method: "ping" }], json);
    assert.equal(batch.status, 503, "a batch holding a call: refused whole, the cancel in it too");
    await batch.body?.cancel();
    const opened = await post(server, initializeRequest());
    assert.equal(opened.status, 503, "no new session");
    await opened.body?.cancel();

    const cancelled = await post(server, cancel(9), headers);
    assert.equal(cancelled.status, 202, "the cancel is accepted");
    await cancelled.body?.cancel();
    const answered = await pending;
    assert.equal(answered.status, 200);
    const reply = await answered.json();
    assert.equal(reply.id, 9);
    assert.equal(
      reply.error.code,
      -32800,
      "cancelled by the client, not -32008 at the grace's end",
    );
  } finally {
    await stopping;
  }
});
