/**
 * What sessions keep after a flood, measured on the heap after a forced GC (the test task runs
 * with --expose-gc): 10,000 session-creating requests through the real endpoints (MCP initialize
 * and POST /api/sessions), with MAX_SESSIONS at 1,000 and, for the side-by-side figure, at
 * 100,000 (no cap reached).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../core/clock.ts";
import { buildServer } from "../core/server/server.ts";
import { EVICTION_GRACE_MS } from "../core/sessions/registry.ts";
import { createMcpHttpEndpoint } from "../core/server/transport/mcp_http.ts";
import { MCP_INITIALIZE, testConfig, testLogger } from "./_helpers.ts";

const gc = (globalThis as { gc?: () => void }).gc;

function heapMiB(): number {
  gc!();
  gc!();
  return Deno.memoryUsage().heapUsed / 1048576;
}

/** Heap kept by 10,000 session-creating requests with MAX_SESSIONS at `cap`, and the count. */
async function retained(cap: number): Promise<{ mib: number; sessions: number }> {
  // Each session idle for the grace period by the next request, so past the cap one is evicted
  // (and its memory freed) for every new one rather than the newcomer refused.
  const clock = new ManualClock();
  const server = await buildServer(testConfig({ MAX_SESSIONS: String(cap) }), {
    log: testLogger(),
    databasePath: ":memory:",
    clock,
  });
  const mcp = createMcpHttpEndpoint(server.connections);
  try {
    const before = heapMiB();
    for (let n = 0; n < 10_000; n++) {
      clock.advance(EVICTION_GRACE_MS);
      const response = n % 2 === 0
        ? await mcp.handle(
          new Request("http://127.0.0.1/mcp", {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: MCP_INITIALIZE,
          }),
        )
        : await server.rest.request("/api/sessions", { method: "POST" });
      await response.body?.cancel();
      assert.ok(response.ok, `request ${n}: ${response.status}`);
    }
    return { mib: heapMiB() - before, sessions: server.services.sessions.counts().total };
  } finally {
    for (const session of server.services.sessions.all()) server.services.sessions.close(session);
    server.services.db.close();
  }
}

Deno.test({
  name: "10,000 session-creating requests keep MAX_SESSIONS sessions and about their memory only",
  ignore: gc === undefined,
  async fn() {
    const capped = await retained(1_000);
    const uncapped = await retained(100_000);
    if (Deno.env.get("TEST_LOG")) {
      console.log(
        `  heap kept: ${capped.mib.toFixed(1)} MiB for ${capped.sessions} sessions (cap 1,000); ` +
          `${uncapped.mib.toFixed(1)} MiB for ${uncapped.sessions} (no cap reached)`,
      );
    }
    assert.equal(capped.sessions, 1_000);
    assert.equal(uncapped.sessions, 10_000);
    // Each idle session kept costs ~60 bytes of heap since its parts are made on first use
    // (session 20: 2.9 MiB capped against 3.4 uncapped; a few hundred bytes before): 9,000 more
    // are over a quarter of a MiB.
    assert.ok(uncapped.mib - capped.mib > 0.25, "the cap bounds what is kept");
    assert.ok(capped.mib < 10, `kept ${capped.mib.toFixed(1)} MiB`);
  },
});
