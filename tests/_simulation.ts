/**
 * Helpers of the simulation tests: the sample scenario with overrides, runs with a kept data
 * directory, and the transcript projection that reproducibility is judged on.
 *
 * @module
 */
import { createServices, type Services } from "../core/services.ts";
import { ManualClock } from "../core/clock.ts";
import type { Persona } from "../core/personas/mod.ts";
import {
  parseScenario,
  resolvePersonas,
  runSimulation,
  SAMPLE_SCENARIO,
  type Scenario,
  ScriptedModel,
  type SimulationReport,
} from "../core/simulation/mod.ts";
import { testConfig, testLogger } from "./_helpers.ts";

/** The sample scenario (scripted model) with `overrides`. */
export function sampleScenario(overrides: Record<string, unknown> = {}): Scenario {
  const json = JSON.parse(Deno.readTextFileSync(SAMPLE_SCENARIO));
  return parseScenario({ ...json, model: "scripted", ...overrides }, "sample");
}

/** Runs `scenario` in a kept temporary data directory; `inspect` sees the services after. */
export async function runKept(
  scenario: Scenario,
  inspect?: (services: Services, report: SimulationReport) => void | Promise<void>,
  env: Record<string, string> = {},
): Promise<SimulationReport> {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-simtest-" });
  try {
    const report = await runSimulation({ ...scenario, data_dir: dataDir }, {
      env: { ENV_FILE: "/nonexistent", ...env },
      dotenv: "",
      log: testLogger(),
    });
    if (inspect) {
      const services = await createServices(
        testConfig({ DATA_DIR: dataDir, SEED_PERSONAS: "false" }),
        {
          log: testLogger(),
          clock: new ManualClock(Date.parse(report.clock.end)),
        },
      );
      try {
        await inspect(services, report);
      } finally {
        await services.memory.close();
        await services.db.close();
      }
    }
    return report;
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** What "the same transcript" means: who talked with whom, when, about what, and every turn. */
export function transcript(report: SimulationReport) {
  return report.conversations.map((c) => ({
    participants: c.participants.map((p) => p.name),
    topic: c.topic,
    started_tick: c.started_tick,
    ended_tick: c.ended_tick,
    end_reason: c.end_reason,
    turns: c.turns.map((t) => ({
      tick: t.tick,
      speaker: t.speaker,
      content: t.content,
      continue_score: t.continue_score,
      reasons: t.reasons,
      response_type: t.response_type,
      quality: t.quality,
    })),
  }));
}

/** What {@linkcode withLoopServices} hands a test of the tick loop. */
export interface LoopWorld {
  services: Services;
  clock: ManualClock;
  roster: Persona[];
}

/**
 * Runs `fn` with services for driving `scenario`'s tick loop directly (`tickLoop`): a fresh
 * data directory, the scenario's clock and scripted model, its personas made; removed after.
 */
export async function withLoopServices(
  scenario: Scenario,
  fn: (world: LoopWorld) => Promise<void>,
): Promise<void> {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-simloop-" });
  const clock = new ManualClock(Date.parse(scenario.start_time));
  let roster: Persona[] = [];
  const services = await createServices(
    testConfig({
      DATA_DIR: dataDir,
      SEED_PERSONAS: "false",
      MEMORY_EXTRACTION: "false",
      MEMORY_REFLECTION: "false",
    }),
    {
      clock,
      log: testLogger(),
      llm: new ScriptedModel({ seed: scenario.seed, roster: () => roster }),
    },
  );
  try {
    roster = await resolvePersonas(scenario.personas, services.personas);
    await fn({ services, clock, roster });
  } finally {
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}
