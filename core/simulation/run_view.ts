/**
 * What a background simulation run is asked with and shows: the request (a built-in scenario by
 * name, with overrides), the run's view as the `simulation.*` methods answer it, and the
 * scenario a request resolves to.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import type { SimulationReport } from "./report.ts";
import { type MODEL_CHOICES, parseScenario, type Scenario, tickCount } from "./scenario.ts";
import sampleScenario from "./scenarios/tavern.scenario.json" with { type: "json" };

/** The scenarios a server offers, by name: the sample ones shipped in `scenarios/`. */
export const BUILT_IN_SCENARIOS: readonly Scenario[] = [parseScenario(sampleScenario, "tavern")];

/** Where a run is. */
export type RunStatus = "running" | "done" | "failed" | "cancelled";

/** What starts a run: a built-in scenario by name, with overrides. */
export interface RunRequest {
  scenario: string;
  seed?: number;
  ticks?: number;
  model?: (typeof MODEL_CHOICES)[number];
}

/** A run as the methods show it. */
export interface RunView {
  run_id: string;
  scenario: string;
  seed: number;
  status: RunStatus;
  /** The model's label once chosen (`scripted (...)` or the Ollama model). */
  model: string | null;
  /** A notice about the model (e.g. Ollama unreachable, scripted instead). */
  model_notice: string | null;
  progress: { tick: number; ticks: number; conversations: number; turns: number };
  started_at: string;
  finished_at: string | null;
  /** Why it failed; null otherwise. */
  error: string | null;
  /** The report's summary once done. */
  summary: SimulationReport["summary"] | null;
}

/**
 * The scenario `request` asks for: the built-in one it names with its overrides, on a temporary
 * data directory; InvalidInput naming the built-in ones when it names none of them.
 */
export function requestedScenario(request: RunRequest): Scenario {
  const base = BUILT_IN_SCENARIOS.find((scenario) => scenario.name === request.scenario);
  if (!base) {
    const names = BUILT_IN_SCENARIOS.map((scenario) => scenario.name).join(", ");
    throw new InvalidInput(`Unknown scenario "${request.scenario}" (available: ${names})`, [
      { field: "scenario", message: `must be one of ${names}` },
    ]);
  }
  return {
    ...base,
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.model === undefined ? {} : { model: request.model }),
    ...(request.ticks === undefined ? {} : { ticks: request.ticks, duration_minutes: undefined }),
    data_dir: null,
  };
}

/** The view of a run of `scenario` just started (at `startedAt`, in ms): running, at tick 0. */
export function newRunView(scenario: Scenario, startedAt: number): RunView {
  return {
    run_id: `sim_${crypto.randomUUID()}`,
    scenario: scenario.name,
    seed: scenario.seed,
    status: "running",
    model: null,
    model_notice: null,
    progress: { tick: 0, ticks: tickCount(scenario), conversations: 0, turns: 0 },
    started_at: new Date(startedAt).toISOString(),
    finished_at: null,
    error: null,
    summary: null,
  };
}
