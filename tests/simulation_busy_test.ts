/**
 * `simulation.run` plays in its request, so it is bounded like `simulation.start`: at most two
 * simulations at once; one more is answered with the busy code (-32003), as `simulation.start`
 * is while its run goes on.
 */
import assert from "node:assert/strict";
import type { RpcCallError } from "./_helpers.ts";
import { withTestServer } from "./_helpers.ts";

Deno.test("simulation.run: a third simulation at once is busy (-32003); the other two finish", async () => {
  await withTestServer(async ({ client }) => {
    const params = { model: "scripted", ticks: 600, seed: 3 };
    const calls = await Promise.allSettled(
      [1, 2, 3].map(() =>
        client.call<{ summary: { ticks_run: number } }>("simulation.run", params)
      ),
    );
    const busy = calls.flatMap((c) => c.status === "rejected" ? [c.reason as RpcCallError] : []);
    assert.equal(busy.length, 1, "one of three refused");
    assert.equal(busy[0]!.code, -32003);
    assert.match(busy[0]!.message, /at most 2 at once/);
    for (const call of calls) {
      if (call.status === "fulfilled") assert.equal(call.value.summary.ticks_run, 600);
    }
    const after = await client.call<{ summary: { ticks_run: number } }>("simulation.run", {
      ...params,
      ticks: 5,
    });
    assert.equal(after.summary.ticks_run, 5, "free again once they finished");
  });
});
