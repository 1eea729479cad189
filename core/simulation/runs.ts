/**
 * Simulations started from the running server (the dashboard's Simulation page, the
 * `simulation.*` methods). Each plays on a temporary data directory, never the server's own
 * personas, and holds a temporary world and most of a CPU while it runs. Background runs
 * (`simulation.start`) are one at a time, with live progress, cancellation, and the last reports
 * kept in memory; `simulation.run` plays one inside its request. At most
 * {@linkcode MAX_SIMULATIONS} run at once, both kinds counted together. `deno task sim`
 * (`cli.ts`) is the command-line way to the same runner.
 *
 * @module
 */
import { Busy, Cancelled, InvalidInput, NotFound } from "../errors.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { SimulationReport } from "./report.ts";
import { renderReportHtml } from "./report_html.ts";
import { type RunOptions, runSimulation } from "./runner.ts";
import { type MODEL_CHOICES, parseScenario, type Scenario, tickCount } from "./scenario.ts";
import sampleScenario from "./scenarios/tavern.scenario.json" with { type: "json" };

/** The scenarios a server offers, by name: the sample ones shipped in `scenarios/`. */
export const BUILT_IN_SCENARIOS: readonly Scenario[] = [parseScenario(sampleScenario, "tavern")];

/** Most simulations at once: background runs and `simulation.run`'s together. */
export const MAX_SIMULATIONS = 2;

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

interface Run {
  view: RunView;
  controller: AbortController;
  report: SimulationReport | null;
  /** Settles when the run has finished, however it ended. */
  finished: Promise<void>;
}

/** What {@linkcode SimulationRuns} is built from. */
export interface SimulationRunsOptions {
  /** The settings runs use (the server's own, so OLLAMA_HOST and DEFAULT_MODEL carry over). */
  env: Record<string, string>;
  log: Logger;
  now: () => number;
  /** How many finished runs (and reports) are kept; older ones are forgotten. Default 10. */
  keep?: number;
  /**
   * Most points a kept report's series (relationships, energy) hold: a run samples every tick
   * (up to 10,000), thinned evenly to this (first and last kept) once done. Default
   * {@linkcode KEPT_POINTS}.
   */
  keepPoints?: number;
}

/** Most points per series of a kept report: about as many as a chart is pixels wide. */
export const KEPT_POINTS = 500;

/** The server's simulation runs. */
export class SimulationRuns {
  readonly #options: SimulationRunsOptions;
  readonly #runs = new Map<string, Run>();
  /** Simulations played in their request (`simulation.run`) now. */
  #inRequest = 0;

  /** Creates an empty list of runs. */
  constructor(options: SimulationRunsOptions) {
    this.#options = options;
  }

  /** The scenarios that can be run. */
  scenarios(): Scenario[] {
    return [...BUILT_IN_SCENARIOS];
  }

  /**
   * Plays `work` (a simulation run in its request) when fewer than
   * {@linkcode MAX_SIMULATIONS} simulations run; Busy otherwise.
   */
  async inRequest<T>(work: () => Promise<T>): Promise<T> {
    const running = this.#inRequest + this.counts().running;
    if (running >= MAX_SIMULATIONS) {
      throw new Busy(
        `${running} simulations are running (at most ${MAX_SIMULATIONS} at once); wait for one to finish`,
        { limit: MAX_SIMULATIONS },
      );
    }
    this.#inRequest++;
    try {
      return await work();
    } finally {
      this.#inRequest--;
    }
  }

  /**
   * Plays `scenario` inside the request that asks for it (`simulation.run`), counted as
   * {@linkcode inRequest} does. Its series keep only their last points: such a request returns
   * the summary alone, which is all they are read for.
   */
  play(
    scenario: Scenario,
    options: Omit<RunOptions, "samples" | "dotenv">,
  ): Promise<SimulationReport> {
    return this.inRequest(() =>
      runSimulation(scenario, { ...options, dotenv: "", samples: "last" })
    );
  }

  /** Starts a run in the background; Busy while another one runs, or too many in requests. */
  start(request: RunRequest): RunView {
    const base = BUILT_IN_SCENARIOS.find((scenario) => scenario.name === request.scenario);
    if (!base) {
      const names = BUILT_IN_SCENARIOS.map((scenario) => scenario.name).join(", ");
      throw new InvalidInput(`Unknown scenario "${request.scenario}" (available: ${names})`, [
        { field: "scenario", message: `must be one of ${names}` },
      ]);
    }
    const running = [...this.#runs.values()].find((run) => run.view.status === "running");
    if (running) {
      throw new Busy(`Simulation ${running.view.run_id} is still running; wait or cancel it`, {
        run_id: running.view.run_id,
      });
    }
    if (this.#inRequest >= MAX_SIMULATIONS) {
      throw new Busy(
        `${this.#inRequest} simulations are running (at most ${MAX_SIMULATIONS} at once); wait for one to finish`,
        { limit: MAX_SIMULATIONS },
      );
    }
    const scenario: Scenario = {
      ...base,
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.model === undefined ? {} : { model: request.model }),
      ...(request.ticks === undefined ? {} : { ticks: request.ticks, duration_minutes: undefined }),
      data_dir: null,
    };
    const run: Run = {
      view: {
        run_id: `sim_${crypto.randomUUID()}`,
        scenario: scenario.name,
        seed: scenario.seed,
        status: "running",
        model: null,
        model_notice: null,
        progress: { tick: 0, ticks: tickCount(scenario), conversations: 0, turns: 0 },
        started_at: new Date(this.#options.now()).toISOString(),
        finished_at: null,
        error: null,
        summary: null,
      },
      controller: new AbortController(),
      report: null,
      finished: Promise.resolve(),
    };
    this.#runs.set(run.view.run_id, run);
    this.#forgetOld();
    run.finished = this.#execute(run, scenario);
    return structuredClone(run.view);
  }

  async #execute(run: Run, scenario: Scenario): Promise<void> {
    const { signal } = run.controller;
    try {
      run.report = await runSimulation(scenario, {
        env: this.#options.env,
        dotenv: "",
        log: this.#options.log,
        // A cancellable run: it yields to the server's other clients every time slice.
        signal,
        onModel: (model) => {
          run.view.model = model.label;
          run.view.model_notice = model.notice ?? null;
        },
        onTick: (progress) => {
          // Throwing here stops the tick loop; the runner still cleans its data directory up.
          signal.throwIfAborted();
          run.view.progress = {
            tick: progress.tick,
            ticks: progress.ticks,
            conversations: progress.conversations,
            turns: progress.turns,
          };
        },
      });
      run.report = thinned(run.report, this.#options.keepPoints ?? KEPT_POINTS);
      run.view.summary = run.report.summary;
      run.view.status = "done";
    } catch (error) {
      if (signal.aborted) run.view.status = "cancelled";
      else {
        run.view.status = "failed";
        run.view.error = error instanceof Error ? error.message : String(error);
        this.#options.log.warn("Simulation failed", { run_id: run.view.run_id, error });
      }
    } finally {
      run.view.finished_at = new Date(this.#options.now()).toISOString();
    }
  }

  /** Forgets the oldest finished runs beyond `keep`. */
  #forgetOld(): void {
    const finished = [...this.#runs.values()].filter((run) => run.view.status !== "running");
    const excess = finished.length - (this.#options.keep ?? 10);
    for (const run of finished.slice(0, Math.max(0, excess))) this.#runs.delete(run.view.run_id);
  }

  #run(id: string): Run {
    const run = this.#runs.get(id);
    if (!run) {
      throw new NotFound(`No simulation run "${id}" (finished runs are kept a while)`, {
        run_id: id,
      });
    }
    return run;
  }

  /** One run. */
  get(id: string): RunView {
    return structuredClone(this.#run(id).view);
  }

  /** Every run kept, newest first. */
  list(): RunView[] {
    return [...this.#runs.values()].reverse().map((run) => structuredClone(run.view));
  }

  /** Runs by status (for metrics). */
  counts(): Record<RunStatus, number> {
    const counts: Record<RunStatus, number> = { running: 0, done: 0, failed: 0, cancelled: 0 };
    for (const run of this.#runs.values()) counts[run.view.status]++;
    return counts;
  }

  /** Cancels a running run; a finished one is left as it is. */
  cancel(id: string): RunView {
    const run = this.#run(id);
    if (run.view.status === "running") run.controller.abort(new Cancelled("Simulation cancelled"));
    return structuredClone(run.view);
  }

  /** Waits until the run has finished (tests, shutdown). */
  async settled(id: string): Promise<RunView> {
    await this.#run(id).finished;
    return this.get(id);
  }

  /** The report of a finished run. */
  report(id: string): SimulationReport {
    const run = this.#run(id);
    if (!run.report) {
      throw new NotFound(`Simulation "${id}" has no report (it is ${run.view.status})`, {
        run_id: id,
        status: run.view.status,
      });
    }
    return run.report;
  }

  /** The report of a finished run as its self-contained HTML page. */
  reportHtml(id: string): string {
    return renderReportHtml(this.report(id));
  }

  /** Cancels every running run and waits for them to clean up (server shutdown). */
  async close(): Promise<void> {
    const runs = [...this.#runs.values()];
    for (const run of runs) {
      if (run.view.status === "running") run.controller.abort(new Cancelled("Server stopping"));
    }
    await Promise.all(runs.map((run) => run.finished));
  }
}

/** `report` with each series thinned evenly to at most `most` points, its first and last kept. */
function thinned(report: SimulationReport, most: number): SimulationReport {
  return {
    ...report,
    relationships: report.relationships.map((series) => ({
      ...series,
      points: evenly(series.points, most),
    })),
    energy: report.energy.map((series) => ({ ...series, points: evenly(series.points, most) })),
  };
}

function evenly<T>(points: readonly T[], most: number): T[] {
  if (points.length <= most) return [...points];
  if (most < 1) return [];
  if (most < 2) return points.slice(-most);
  const step = (points.length - 1) / (most - 1);
  return Array.from({ length: most }, (_, i) => points[Math.round(i * step)]!);
}

/** `config` as environment variables, so that a run reads the server's own settings. */
export function settingsEnv(config: Config): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      // An optional setting left unset stays unset (not the text "undefined").
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(",") : String(value)]),
  );
}
