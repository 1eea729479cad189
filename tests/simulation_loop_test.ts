/**
 * The simulation's tick loop against the engine and the event loop: a tick that reads the
 * room's states once for its starts and its sample must still sample what is true at its end,
 * and a cancellable run (the server's `simulation.start`) must let socket I/O through.
 */
import assert from "node:assert/strict";
import type { EmotionStatus } from "../core/emotions/mod.ts";
import { runSimulation, tickLoop } from "../core/simulation/mod.ts";
import { testLogger } from "./_helpers.ts";
import { sampleScenario, withLoopServices } from "./_simulation.ts";

const r3 = (value: number) => Math.round(value * 1000) / 1000;

Deno.test("every tick's energy sample is the room's state at the end of that tick", async () => {
  const scenario = sampleScenario({
    ticks: 150,
    seed: 5,
    start_chance: 0.6,
    max_concurrent: 2,
    group_size: { min: 2, max: 3 },
  });
  await withLoopServices(scenario, async ({ services, clock, roster }) => {
    // Read when each tick ends: on SQLite the read runs at the call (no transaction is open
    // then), so each promise holds that moment's states even though it is awaited later.
    const reads: Array<{ tick: number; states: Promise<EmotionStatus[]> }> = [];
    const loop = await tickLoop(scenario, {
      services,
      clock,
      roster,
      onTick: ({ tick }) => reads.push({ tick, states: services.emotions.statuses(roster) }),
    });
    const startTicks = new Set(loop.conversations.map((c) => c.started_tick));
    assert.ok(startTicks.size >= 8, `conversations started on ${startTicks.size} ticks`);
    assert.equal(reads.length, loop.ticksRun);
    for (const { tick, states } of reads) {
      const now = await states;
      for (const [i, series] of loop.sampler.energy().entries()) {
        const point = series.points.find((p) => p.tick === tick)!;
        const { state, unavailable } = now[i]!;
        const at = `${series.name} at tick ${tick}${startTicks.has(tick) ? " (a start)" : ""}`;
        assert.equal(point.social_energy, r3(state.social_energy), at);
        assert.equal(point.fatigue, r3(state.interaction_fatigue), at);
        assert.equal(point.mood, r3(state.mood), at);
        assert.equal(point.available, unavailable === null, at);
      }
    }
  });
});

Deno.test("a cancellable run lets socket I/O through between ticks, even ticks without a turn", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("pong"),
  );
  const ticks = 20_000;
  const controller = new AbortController();
  let tick = 0;
  // No conversation ever starts: only the loop's own yield between ticks lets I/O in.
  const run = runSimulation(sampleScenario({ ticks, start_chance: 0 }), {
    env: { ENV_FILE: "/nonexistent" },
    dotenv: "",
    log: testLogger(),
    signal: controller.signal,
    onTick: (progress) => (tick = progress.tick),
  });
  try {
    const answer = await fetch(`http://127.0.0.1:${server.addr.port}/`);
    assert.equal(await answer.text(), "pong");
    assert.ok(tick < ticks, `answered while the run went on (tick ${tick} of ${ticks})`);
    controller.abort(new Error("cancelled by the test"));
    await assert.rejects(run, /cancelled by the test/);
  } finally {
    controller.abort();
    await run.catch(() => {});
    await server.shutdown();
  }
});
