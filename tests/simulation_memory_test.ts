/**
 * A run's retained memory is bounded by the room, not by its length: with `samples: "last"`
 * (what `simulation.run` uses) each relationship and energy series keeps one point however many
 * ticks run, and the summary, clock and transcript are the same as with every point kept.
 */
import assert from "node:assert/strict";
import { runSimulation, type SimulationReport } from "../core/simulation/mod.ts";
import { testLogger } from "./_helpers.ts";
import { sampleScenario, transcript } from "./_simulation.ts";

const run = (samples: "all" | "last") =>
  runSimulation(sampleScenario({ seed: 11, ticks: 240 }), {
    env: { ENV_FILE: "/nonexistent" },
    dotenv: "",
    log: testLogger(),
    samples,
  });

const points = (report: SimulationReport) =>
  [...report.relationships, ...report.energy].map((series) => series.points.length);

Deno.test("samples: last keeps one point per series after 240 ticks, with the same summary", async () => {
  const all = await run("all");
  const last = await run("last");
  assert.ok(all.summary.turns >= 20, `enough turns to compare (${all.summary.turns})`);
  assert.ok(points(all).every((n) => n === 241), "every tick kept by default (the report file)");
  assert.ok(points(last).length > 0 && points(last).every((n) => n === 1), "one point each");
  assert.deepEqual(last.summary, all.summary);
  assert.deepEqual(last.clock, all.clock);
  assert.deepEqual(transcript(last), transcript(all));
  assert.deepEqual(
    last.relationships.map((s) => ({ pair: s.pair, point: s.points[0] })),
    all.relationships.map((s) => ({ pair: s.pair, point: s.points.at(-1) })),
    "the kept point is the last one",
  );
  assert.deepEqual(
    last.energy.map((s) => ({ name: s.name, point: s.points[0] })),
    all.energy.map((s) => ({ name: s.name, point: s.points.at(-1) })),
  );
});
