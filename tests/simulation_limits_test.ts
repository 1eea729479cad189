/**
 * The tick loop's scenario limits, exactly (review28 S07-S09, S11): never more conversations at
 * once than `max_concurrent`, exactly `max_turns` turns, a persona at exactly
 * `min_start_energy` may start one, and only a model that is unavailable ends a conversation
 * quietly: any other error fails the run.
 */
import assert from "node:assert/strict";
import { AppError } from "../core/errors.ts";
import { type Scenario, type SimulationReport, tickLoop } from "../core/simulation/mod.ts";
import { runKept, sampleScenario, withLoopServices } from "./_simulation.ts";

/** The most conversations going at the end of any tick. */
function mostAtOnce(report: SimulationReport): number {
  let most = 0;
  for (let tick = 1; tick <= report.clock.ticks_planned; tick++) {
    const going = report.conversations.filter((c) =>
      c.started_tick <= tick && (c.ended_tick === null || c.ended_tick > tick ||
        (c.end_reason === "simulation_ended" && c.ended_tick === tick))
    );
    most = Math.max(most, going.length);
  }
  return most;
}

for (const max of [1, 2]) {
  Deno.test(`simulation: never more than max_concurrent (${max}) conversations at once`, async () => {
    const report = await runKept(sampleScenario({
      ticks: 40,
      seed: 3,
      start_chance: 1,
      max_concurrent: max,
      group_size: { min: 2, max: 2 },
    }));
    assert.equal(mostAtOnce(report), max, "the limit is reached, never passed");
  });
}

Deno.test("simulation: max_turns is the exact number of turns played", async () => {
  const report = await runKept(sampleScenario({ ticks: 100, start_chance: 1, max_turns: 5 }));
  assert.equal(report.summary.turns, 5);
  const played = report.conversations.reduce((sum, c) => sum + c.turns.length, 0);
  assert.equal(played, 5);
});

Deno.test("simulation: a persona at exactly min_start_energy may start a conversation", async () => {
  // Everyone starts rested (social energy 100); the threshold is 100 itself.
  const report = await runKept(
    sampleScenario({ ticks: 1, start_chance: 1, min_start_energy: 100 }),
  );
  assert.ok(report.conversations.length >= 1, "a conversation starts at tick 1");
  assert.equal(report.conversations[0]!.started_tick, 1);
});

Deno.test("simulation: an error other than an unavailable model fails the run", async () => {
  const scenario: Scenario = sampleScenario({ ticks: 30, start_chance: 1, seed: 4 });
  await withLoopServices(scenario, async ({ services, clock, roster }) => {
    const ended: string[] = [];
    let closing: Promise<unknown> = Promise.resolve();
    // Another client ends the conversations under the run: their next turn is refused
    // (invalid_input), which is not a model being down.
    const ending = tickLoop(scenario, {
      services,
      clock,
      roster,
      onTick: ({ tick, active }) => {
        if (tick !== 2 || active === 0) return;
        ended.push("asked");
        closing = services.dialogues.list({ status: "active", limit: 50 }).then((views) =>
          Promise.all(views.map((view) => services.dialogues.end(view.conversation_id, "other")))
        );
      },
    });
    await assert.rejects(ending, (error) => error instanceof AppError, "the run fails");
    await closing;
    assert.deepEqual(ended, ["asked"]);
  });
});
