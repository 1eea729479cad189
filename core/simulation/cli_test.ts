import assert from "node:assert/strict";
import { applyOverrides, parseSimArgs } from "./cli.ts";
import { parseScenario, SAMPLE_SCENARIO, ScenarioError } from "./scenario.ts";

Deno.test("no arguments run the sample scenario", () => {
  assert.deepEqual(parseSimArgs([]), { scenario: SAMPLE_SCENARIO });
});

Deno.test("flags override the scenario; both --flag value and --flag=value work", () => {
  const args = parseSimArgs([
    "my.scenario.json",
    "--seed",
    "9",
    "--model=scripted",
    "--ticks",
    "5",
    "--out",
    "o",
    "--data-dir=d",
  ]);
  assert.equal(args.scenario, "my.scenario.json");
  const base = parseScenario({
    name: "x",
    seed: 1,
    duration_minutes: 10,
    topics: ["a"],
    personas: ["Aria", "Kira"],
  });
  const next = applyOverrides(base, args);
  assert.equal(next.seed, 9);
  assert.equal(next.model, "scripted");
  assert.equal(next.ticks, 5);
  assert.equal(next.duration_minutes, undefined, "--ticks replaces a duration");
  assert.equal(next.report_dir, "o");
  assert.equal(next.data_dir, "d");
  assert.equal(base.seed, 1, "the scenario itself is not changed");
});

Deno.test("bad arguments are refused with the usage", () => {
  for (
    const args of [["--seed", "-1"], ["--ticks", "0"], ["--model", "gpt"], ["a.json", "b.json"], [
      "--colour",
    ]]
  ) {
    assert.throws(
      () => parseSimArgs(args),
      (error: Error) =>
        error instanceof ScenarioError && /usage: deno task sim/.test(error.message),
    );
  }
});
