/**
 * Child of `simulation_world_test.ts`: runs that fail, are cancelled, or have bad settings, in a
 * process whose `TMPDIR` is the test's own directory (given in the child's environment, never set
 * in the test's process: parallel test modules share one process and its environment, and a
 * module that switched `TMPDIR` made the others' temporary data directories inside a directory
 * it then removed). Prints `ok` when no run directory is left at any step.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runSimulation, TEMP_PREFIX } from "../core/simulation/mod.ts";
import { testLogger } from "./_helpers.ts";
import { sampleScenario } from "./_simulation.ts";

const dir = Deno.env.get("TMPDIR")!;

/** The run's temporary directories left in `dir`. */
function leftIn(): string[] {
  return [...Deno.readDirSync(dir)].map((entry) => entry.name)
    .filter((name) => name.startsWith(TEMP_PREFIX));
}

const options = { env: { ENV_FILE: "/nonexistent" }, dotenv: "", log: testLogger() };
const failing = runSimulation(sampleScenario({ ticks: 40 }), {
  ...options,
  onModel: () => {
    assert.equal(leftIn().length, 1, "made in this TMPDIR");
    throw new Error("the model callback failed");
  },
});
await assert.rejects(failing, /the model callback failed/);
assert.deepEqual(leftIn(), [], "removed after an error");
const controller = new AbortController();
const cancelled = runSimulation(sampleScenario({ ticks: 400 }), {
  ...options,
  signal: controller.signal,
  onTick: (progress) => progress.tick === 2 && controller.abort(new Error("enough")),
});
await assert.rejects(cancelled, /enough/);
assert.deepEqual(leftIn(), [], "removed after a cancel");
await assert.rejects(
  runSimulation(sampleScenario({ ticks: 3, settings: { DIALOGUE_MAX_TURNS: 1 } }), options),
  /DIALOGUE_MAX_TURNS/,
);
assert.deepEqual(leftIn(), [], "bad settings make nothing");
console.log("ok");
