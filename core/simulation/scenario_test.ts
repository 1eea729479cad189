import assert from "node:assert/strict";
import {
  loadScenario,
  parseScenario,
  SAMPLE_SCENARIO,
  ScenarioError,
  tickCount,
} from "./scenario.ts";

const minimal = { name: "mini", seed: 1, ticks: 10, topics: ["music"], personas: ["Aria", "Kira"] };

Deno.test("the sample scenario is valid and runs 120 ticks of 30 s with five personas", async () => {
  const sample = await loadScenario(SAMPLE_SCENARIO);
  assert.equal(sample.name, "tavern_evening");
  assert.equal(tickCount(sample), 120);
  assert.equal(sample.personas.length, 5);
  assert.ok(SAMPLE_SCENARIO.pathname.endsWith(".scenario.json"));
});

Deno.test("defaults fill what a scenario leaves out", () => {
  const scenario = parseScenario(minimal);
  assert.equal(scenario.model, "ollama");
  assert.equal(scenario.tick_seconds, 30);
  assert.deepEqual(scenario.group_size, { min: 2, max: 2 });
  assert.equal(scenario.max_concurrent, 2);
  assert.equal(scenario.start_chance, 0.5);
  assert.equal(scenario.report_dir, "reports");
  assert.equal(scenario.data_dir, null);
  assert.equal(scenario.start_time, "2026-01-01T18:00:00Z");
});

Deno.test("a duration becomes ticks; exactly one of the two is required", () => {
  const { ticks: _, ...noTicks } = minimal;
  assert.equal(
    tickCount(parseScenario({ ...noTicks, duration_minutes: 61, tick_seconds: 60 })),
    61,
  );
  assert.equal(tickCount(parseScenario({ ...noTicks, duration_minutes: 1, tick_seconds: 45 })), 2);
  assert.throws(
    () => parseScenario(noTicks),
    /ticks: give exactly one of ticks and duration_minutes/,
  );
  assert.throws(() => parseScenario({ ...minimal, duration_minutes: 5 }), /exactly one/);
});

Deno.test("mistakes are refused with the field named", () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ ...minimal, personas: ["Aria"] }, /personas: /],
    [{ ...minimal, personas: ["Aria", "aria"] }, /persona "aria" is listed twice/],
    [{ ...minimal, topics: [] }, /topics: /],
    [{ ...minimal, model: "gpt" }, /model: /],
    [
      { ...minimal, settings: { NOT_A_SETTING: 1 } },
      /settings: holds a name that is not a setting/,
    ],
    [{ ...minimal, group_size: { min: 3, max: 2 } }, /group_size: min must not exceed max/],
    [{ ...minimal, name: "has space" }, /name: /],
    [{ ...minimal, tick_second: 5 }, /Unrecognized key/i],
    [
      { ...minimal, personas: ["Aria", { name: "Zed", personality_traits: { openness: 2 } }] },
      /personas\.1/,
    ],
  ];
  for (const [json, message] of cases) {
    assert.throws(() => parseScenario(json, "t.json"), (error: Error) => {
      assert.ok(error instanceof ScenarioError);
      assert.match(error.message, /t\.json/);
      assert.match(error.message, message);
      return true;
    });
  }
});

Deno.test("an unreadable or non-JSON file is a ScenarioError", async () => {
  await assert.rejects(loadScenario("/nonexistent/x.scenario.json"), /Cannot read scenario/);
  const path = await Deno.makeTempFile({ suffix: ".scenario.json" });
  try {
    await Deno.writeTextFile(path, "{ not json");
    await assert.rejects(loadScenario(path), /is not JSON/);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("a scenario listing a persona twice by look-alike names is refused; similar names pass", () => {
  for (
    const twice of [["Aria", "\uff21\uff52\uff49\uff41"], ["Kira", "K\u0456ra"], ["Mila", "MILA"]]
  ) {
    assert.throws(
      () => parseScenario({ ...minimal, personas: twice }),
      new RegExp(`persona "${twice[1]}" is listed twice`),
      JSON.stringify(twice),
    );
  }
  for (
    const two of [["Kira", "Kiran"], ["Maria", "\u041c\u0430\u0440\u0438\u044f"], [
      "Jose",
      "Jos\u00e9",
    ]]
  ) {
    assert.deepEqual(parseScenario({ ...minimal, personas: two }).personas, two);
  }
});
