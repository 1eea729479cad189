/**
 * `subscriptions/listen` over Streamable HTTP from a client that accepts no SSE (attack15 #2): it
 * can only be answered with a stream, so it is refused at once with 406 instead of hanging and
 * holding a MAX_LISTENS place.
 */
import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";
import { modernHeaders, modernRequest } from "./_mcp_modern.ts";

Deno.test("a JSON-only subscriptions/listen gets 406 at once and holds no MAX_LISTENS place", async () => {
  const server = await startTestServer({ MAX_LISTENS: "1" });
  try {
    const listen = modernRequest(1, "subscriptions/listen", {
      notifications: { resourcesListChanged: true },
    });
    for (const accept of ["application/json", "application/json, text/event-stream;q=0"]) {
      const response = await fetch(server.mcpUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: accept, ...modernHeaders(listen) },
        body: JSON.stringify(listen),
        // Only so that a regression fails instead of hanging the suite: no timing is asserted.
        signal: AbortSignal.timeout(20_000),
      });
      assert.equal(response.status, 406, accept);
      const body = await response.json();
      assert.equal(body.id, 1);
      assert.equal(body.error.code, -32600);
      assert.match(body.error.message, /text\/event-stream/);
    }

    // The one MAX_LISTENS place is free: a listen that accepts SSE is acknowledged.
    const controller = new AbortController();
    const stream = await fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        ...modernHeaders(listen),
      },
      body: JSON.stringify(listen),
      signal: controller.signal,
    });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get("content-type")!, /text\/event-stream/);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("notifications/subscriptions/acknowledged")) {
      const { value, done } = await reader.read();
      assert.ok(!done, "the stream is acknowledged before it ends");
      seen += value;
    }
    controller.abort();
    await reader.cancel().catch(() => {});
  } finally {
    await server.shutdown();
  }
});
