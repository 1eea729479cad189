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

/**
 * Longest wait, in ms, for cancelled simulations to stop: a run asked for while only cancelled
 * ones (which stop at their next tick) fill the slots waits for them rather than being refused,
 * and `cancel` answers once its run has stopped. Past it the run is refused as busy (and the
 * cancel answers with the run still `running`).
 */
export const STOP_WAIT_MS = 5_000;

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

/** A simulation played in its request: the request's signal, and when it has stopped. */
interface Played {
  signal: AbortSignal;
  stopped: Promise<void>;
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
  /** Longest wait for cancelled simulations to stop, in ms. Default {@linkcode STOP_WAIT_MS}. */
  stopWaitMs?: number;
}

/** Most points per series of a kept report: about as many as a chart is pixels wide. */
export const KEPT_POINTS = 500;

/** The server's simulation runs. */
export class SimulationRuns {
  readonly #options: SimulationRunsOptions;
  readonly #runs = new Map<string, Run>();
  /** Simulations played in their request (`simulation.run`) now. */
  readonly #played = new Set<Played>();

  /** Creates an empty list of runs. */
  constructor(options: SimulationRunsOptions) {
    this.#options = options;
  }

  /** The scenarios that can be run. */
  scenarios(): Scenario[] {
    return [...BUILT_IN_SCENARIOS];
  }

  /**
   * Plays `work` (a simulation run in its request, cancelled by `signal`) when fewer than
   * {@linkcode MAX_SIMULATIONS} simulations run; Busy otherwise. Cancelled simulations still
   * stopping are not counted: the call waits for them to stop (up to {@linkcode STOP_WAIT_MS}),
   * so a run asked for right after a cancel is not refused, and no more than the limit ever play.
   */
  async inRequest<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const stopped = Promise.withResolvers<void>();
    const played: Played = {
      signal: signal ?? new AbortController().signal,
      stopped: stopped.promise,
    };
    await this.#admit(() => this.#played.add(played), { signal });
    try {
      return await work();
    } finally {
      this.#played.delete(played);
      stopped.resolve();
    }
  }

  /**
   * Counts a new simulation in (`enter`, called in the same step as the last check, so two
   * callers never take one slot) once it may start: Busy when {@linkcode MAX_SIMULATIONS} that
   * are not cancelled run (or a background one runs, with `background`); while cancelled ones
   * still stopping fill the slots, waits for them (see {@linkcode STOP_WAIT_MS}).
   */
  async #admit<T>(
    enter: () => T,
    { signal, background = false }: { signal?: AbortSignal; background?: boolean },
  ): Promise<T> {
    const deadline = this.#options.now() + this.#stopWait;
    for (;;) {
      signal?.throwIfAborted();
      const runs = this.#background();
      const live = runs.filter((run) => !run.controller.signal.aborted);
      if (background && live[0]) {
        throw new Busy(`Simulation ${live[0].view.run_id} is still running; wait or cancel it`, {
          run_id: live[0].view.run_id,
        });
      }
      const playing = live.length + [...this.#played].filter((p) => !p.signal.aborted).length;
      if (playing >= MAX_SIMULATIONS) throw busy(playing);
      const stopping = [
        ...[...this.#played].filter((played) => played.signal.aborted).map((p) => p.stopped),
        ...runs.filter((run) => run.controller.signal.aborted).map((run) => run.finished),
      ];
      // Background runs go one at a time: a cancelled one still stopping is waited for too.
      const blocked = playing + stopping.length >= MAX_SIMULATIONS ||
        (background && runs.length > 0);
      if (!blocked) return enter();
      const left = deadline - this.#options.now();
      if (left <= 0 || !await settlesWithin(stopping, { ms: left, signal })) {
        throw busy(playing + stopping.length);
      }
    }
  }

  /** The background runs still running (cancelled ones that have not stopped included). */
  get #stopWait(): number {
    return this.#options.stopWaitMs ?? STOP_WAIT_MS;
  }

  #background(): Run[] {
    return [...this.#runs.values()].filter((run) => run.view.status === "running");
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
    return this.inRequest(
      () => runSimulation(scenario, { ...options, dotenv: "", samples: "last" }),
      options.signal,
    );
  }

  /**
   * Starts a run in the background; Busy while another one runs, or too many in requests (once
   * cancelled ones have stopped, as {@linkcode inRequest} waits for them).
   */
  async start(request: RunRequest): Promise<RunView> {
    const base = BUILT_IN_SCENARIOS.find((scenario) => scenario.name === request.scenario);
    if (!base) {
      const names = BUILT_IN_SCENARIOS.map((scenario) => scenario.name).join(", ");
      throw new InvalidInput(`Unknown scenario "${request.scenario}" (available: ${names})`, [
        { field: "scenario", message: `must be one of ${names}` },
      ]);
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
    await this.#admit(() => {
      this.#runs.set(run.view.run_id, run);
      this.#forgetOld();
      run.finished = this.#execute(run, scenario);
    }, { background: true });
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

  /**
   * Cancels a running run and answers once it has stopped (it stops at its next tick; after
   * {@linkcode STOP_WAIT_MS} the answer says it is still `running`); a finished one is left as
   * it is.
   */
  async cancel(id: string): Promise<RunView> {
    const run = this.#run(id);
    if (run.view.status === "running") {
      run.controller.abort(new Cancelled("Simulation cancelled"));
      await settlesWithin([run.finished], { ms: this.#stopWait });
    }
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

function busy(running: number): Busy {
  return new Busy(
    `${running} simulations are running (at most ${MAX_SIMULATIONS} at once); wait for one to finish`,
    { limit: MAX_SIMULATIONS },
  );
}

/**
 * Whether one of `promises` settles within `ms` (false past it); rejects with `signal`'s reason
 * when it aborts first.
 */
async function settlesWithin(
  promises: readonly Promise<unknown>[],
  { ms, signal }: { ms: number; signal?: AbortSignal },
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      ...promises.map((promise) => promise.then(() => true, () => true)),
      new Promise<boolean>((resolve) => timer = setTimeout(() => resolve(false), ms)),
      new Promise<never>((_, reject) => {
        onAbort = () => reject(signal?.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
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
