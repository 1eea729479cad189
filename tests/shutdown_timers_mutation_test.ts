/**
 * A server's shutdown stops the memory guard's sampling interval (review37: removing the stop
 * left every test green; the interval is unref'd, so only a count of intervals shows it).
 */
import assert from "node:assert/strict";
import { startServer } from "../core/server/server.ts";
import { testConfig, testLogger } from "./_helpers.ts";
import { intervalsLeft } from "./_interval_spy.ts";

Deno.test("a server's shutdown leaves no interval running", async () => {
  const config = testConfig({ SERVER_HOST: "127.0.0.1", SERVER_PORT: "0", MEMORY_GUARD_MB: "64" });
  const { left, peak } = await intervalsLeft(async () => {
    const server = await startServer(config, { log: testLogger() });
    await server.shutdown();
  });
  assert.ok(peak > 0, "the memory guard samples on an interval");
  assert.equal(left, 0, `${left} interval(s) left running`);
});
