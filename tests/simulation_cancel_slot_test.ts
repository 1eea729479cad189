/**
 * A cancelled `simulation.run` gives its slot back: a run asked for right after the cancel (in
 * the same breath, before the cancelled one has stopped at its next tick) waits for it to stop
 * rather than being refused as busy. `simulation.cancel` answers once its run has stopped, so a
 * `simulation.start` right after it is not refused either. Over a real WebSocket.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

const LONG = { model: "scripted", ticks: 10_000, seed: 3 };

Deno.test("simulation.run right after notifications/cancelled of one of two runs is played, not busy", async () => {
  await withTestServer(async ({ client }) => {
    // Two long runs fill the slots; each says it is under way with its first progress.
    for (const id of ["a", "b"]) {
      void client.request("simulation.run", { ...LONG, _meta: { progressToken: id } }, id);
    }
    for (const id of ["a", "b"]) {
      await client.waitForNotification((n) =>
        n.method === "notifications/progress" && n.params.progressToken === id
      );
    }
    // The cancel and the next run leave in one go, as a client does after stopping a call.
    client.notify("notifications/cancelled", { requestId: "a", reason: "stopped by the user" });
    const next = await client.request("simulation.run", { ...LONG, ticks: 5 }, "c");
    assert.equal("error" in next, false, JSON.stringify(next));
    assert.equal((next.result as { summary: { ticks_run: number } }).summary.ticks_run, 5);
    // The limit still holds: with the second long run and one more under way, another is busy.
    void client.request("simulation.run", { ...LONG, _meta: { progressToken: "d" } }, "d");
    await client.waitForNotification((n) =>
      n.method === "notifications/progress" && n.params.progressToken === "d"
    );
    const busy = await client.request("simulation.run", { ...LONG, ticks: 5 }, "e");
    assert.equal((busy.error as { code: number } | undefined)?.code, -32003, JSON.stringify(busy));
    client.notify("notifications/cancelled", { requestId: "b" });
    client.notify("notifications/cancelled", { requestId: "d" });
  });
});

Deno.test("simulation.cancel answers once the run stopped; simulation.start right after runs", async () => {
  await withTestServer(async ({ client }) => {
    const first = await client.call<{ run_id: string }>("simulation.start", {
      scenario: "tavern_evening",
      ...LONG,
    });
    const cancelled = await client.call<{ status: string }>("simulation.cancel", {
      run_id: first.run_id,
    });
    assert.equal(cancelled.status, "cancelled");
    const second = await client.call<{ run_id: string; status: string }>("simulation.start", {
      scenario: "tavern_evening",
      ...LONG,
      ticks: 5,
    });
    assert.equal(second.status, "running");
    await client.call("simulation.cancel", { run_id: second.run_id });
  });
});
