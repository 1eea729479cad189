/**
 * A server whose start fails (its port in use) leaves no timer running: the memory guard's
 * sampling used to start before the listeners opened and was never stopped (review34 F7). It is
 * unref'd, so a process still exits, but an embedder or a test that retries kept an interval
 * holding the services, the log and the WebSocket endpoint.
 */
import assert from "node:assert/strict";
import { startServer } from "../core/server/server.ts";
import { testConfig, testLogger } from "./_helpers.ts";

Deno.test({
  name: "a start that fails on a port in use leaves no interval running (review34 F7)",
  sanitizeResources: false,
  async fn() {
    using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    type Timer = ReturnType<typeof setInterval>;
    const running = new Set<Timer>();
    const { setInterval: set, clearInterval: clear } = globalThis;
    globalThis.setInterval = ((...args: Parameters<typeof set>) => {
      const id = set(...args);
      running.add(id);
      return id;
    }) as typeof set;
    globalThis.clearInterval = ((id?: Timer) => {
      if (id !== undefined) running.delete(id);
      clear(id);
    }) as typeof clear;
    try {
      const config = testConfig({
        SERVER_HOST: "127.0.0.1",
        SERVER_PORT: String(taken.addr.port),
        MEMORY_GUARD_MB: "64",
      });
      await assert.rejects(startServer(config, { log: testLogger() }));
    } finally {
      globalThis.setInterval = set;
      globalThis.clearInterval = clear;
    }
    assert.equal(running.size, 0, `${running.size} interval(s) left running`);
    for (const id of running) clear(id);
  },
});
