/**
 * deno.json runs Deno.serve without its legacy abort (`"unstable": ["no-legacy-abort"]`): with it,
 * every answered request's signal was aborted, and an upgraded WebSocket's request (which Deno
 * keeps for the socket's life) held an AbortSignal, a DOMException and its captured stack, ~500
 * bytes an idle socket (core/server/README.md, "Memory of an idle socket").
 */
import assert from "node:assert/strict";

Deno.test("an answered request's signal is not aborted (deno.json: no-legacy-abort)", async () => {
  let seen: Request | undefined;
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, (request) => {
    seen = request;
    return new Response("ok");
  });
  try {
    const response = await fetch(`http://127.0.0.1:${server.addr.port}/`);
    assert.equal(await response.text(), "ok");
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(seen?.signal.aborted, false, "only a client that leaves aborts it");
  } finally {
    await server.shutdown();
  }
});
