/**
 * `simulation.run` plays at most `MAX_TICKS` (10 000) ticks when asked over the wire, as `ticks`
 * or as a scenario's length (`duration_minutes` / `tick_seconds`): past it, -32602 naming the
 * field, before anything runs (the bound keeps one request's time and memory in check).
 */
import assert from "node:assert/strict";
import { RpcCallError, type RpcClient, withTestServer } from "./_helpers.ts";

/** Asserts `call` is refused with -32602 naming `field`. */
async function refused(call: Promise<unknown>, field: string): Promise<void> {
  await assert.rejects(call, (error) => {
    assert.ok(error instanceof RpcCallError, String(error));
    assert.equal(error.code, -32602);
    assert.ok(JSON.stringify({ message: error.message, data: error.data }).includes(field));
    return true;
  });
}

Deno.test("simulation.run refuses more than 10 000 ticks, as ticks or as a scenario's length", async () => {
  await withTestServer(async ({ client }) => {
    const rpc = client as RpcClient;
    await refused(rpc.call("simulation.run", { ticks: 10_001, model: "scripted" }), "ticks");
    const scenario = {
      name: "long",
      seed: 1,
      model: "scripted",
      duration_minutes: 6_000, // 12 000 ticks of 30 s
      topics: ["tea"],
      personas: ["Ada", "Bo"],
    };
    await refused(rpc.call("simulation.run", { scenario }), "scenario.ticks");
  });
});
