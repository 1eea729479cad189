/**
 * A server whose start fails (its port in use) leaves no timer running: the memory guard's
 * sampling used to start before the listeners opened and was never stopped (review34 F7). It is
 * unref'd, so a process still exits, but an embedder or a test that retries kept an interval
 * holding the services, the log and the WebSocket endpoint.
 */
import assert from "node:assert/strict";
import { startServer } from "../core/server/server.ts";
import { testConfig, testLogger } from "./_helpers.ts";
import { intervalsLeft } from "./_interval_spy.ts";

Deno.test({
  name: "a start that fails on a port in use leaves no interval running (review34 F7)",
  sanitizeResources: false,
  async fn() {
    using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const config = testConfig({
      SERVER_HOST: "127.0.0.1",
      SERVER_PORT: String(taken.addr.port),
      MEMORY_GUARD_MB: "64",
    });
    const { left } = await intervalsLeft(() =>
      assert.rejects(startServer(config, { log: testLogger() }))
    );
    assert.equal(left, 0, `${left} interval(s) left running`);
  },
});
