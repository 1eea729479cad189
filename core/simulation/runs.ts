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
import { Busy, Cancelled, NotFound } from "../errors.ts";
import { type BackgroundRun, playInBackground } from "./background_run.ts";
import type { Logger } from "../log.ts";
import type { SimulationReport } from "./report.ts";
import { renderReportHtml } from "./report_html.ts";
import {
  BUILT_IN_SCENARIOS,
  newRunView,
  requestedScenario,
  type RunRequest,
  type RunStatus,
  type RunView,
} from "./run_view.ts";
import { type RunOptions, runSimulation } from "./runner.ts";
import { removeLeftoverRunDirs } from "./run_dirs.ts";
import type { Scenario } from "./scenario.ts";
import { settlesWithin } from "./settles_within.ts";
import { KEPT_POINTS } from "./thin_report.ts";

/** Most simulations at once: background runs and `simulation.run`'s together. */
export const MAX_SIMULATIONS = 2;

/**
 * Longest wait, in ms, for cancelled simulations to stop: a run asked for while only cancelled
 * ones (which stop at their next tick) fill the slots waits for them rather than being refused,
 * and `cancel` answers once its run has stopped. Past it the run is refused as busy (and the
 * cancel answers with the run still `running`).
 */
export const STOP_WAIT_MS = 5_000;

/** A simulation played in its request: the request's signal, and when it has stopped. */
interface Played {
  signal: AbortSignal;
  stopped: Promise<void>;
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
   * (up to 10,000), thinned evenly to this (first and last kept; with 1, the last only) once done. Default
   * {@linkcode KEPT_POINTS}.
   */
  keepPoints?: number;
  /** Longest wait for cancelled simulations to stop, in ms. Default {@linkcode STOP_WAIT_MS}. */
  stopWaitMs?: number;
  /** Where runs' temporary directories are made (default: the system's, `run_dirs.ts`). */
  tempRoot?: string;
}

/** The server's simulation runs. */
export class SimulationRuns {
  readonly #options: SimulationRunsOptions;
  readonly #runs = new Map<string, BackgroundRun>();
  /** Simulations played in their request (`simulation.run`) now. */
  readonly #played = new Set<Played>();
  /** The cleanup of crashed runs' directories, once started. */
  #leftovers: Promise<string[]> | undefined;

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
      // Nothing is stopping: waiting would free no slot, so the refusal is at once.
      if (stopping.length === 0) throw busy(playing);
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

  #background(): BackgroundRun[] {
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
      () =>
        runSimulation(scenario, {
          tempRoot: this.#options.tempRoot,
          ...options,
          dotenv: "",
          samples: "last",
        }),
      options.signal,
    );
  }

  /**
   * Starts a run in the background; Busy while another one runs, or too many in requests (once
   * cancelled ones have stopped, as {@linkcode inRequest} waits for them).
   */
  async start(request: RunRequest): Promise<RunView> {
    const scenario = requestedScenario(request);
    const run: BackgroundRun = {
      view: newRunView(scenario, this.#options.now()),
      controller: new AbortController(),
      report: null,
      finished: Promise.resolve(),
    };
    await this.#admit(() => {
      this.#runs.set(run.view.run_id, run);
      this.#forgetOld();
      run.finished = playInBackground(run, scenario, {
        ...this.#options,
        keepPoints: this.#options.keepPoints ?? KEPT_POINTS,
      });
    }, { background: true });
    return structuredClone(run.view);
  }

  /** Forgets the oldest finished runs beyond `keep`. */
  #forgetOld(): void {
    const finished = [...this.#runs.values()].filter((run) => run.view.status !== "running");
    const excess = finished.length - (this.#options.keep ?? 10);
    for (const run of finished.slice(0, Math.max(0, excess))) this.#runs.delete(run.view.run_id);
  }

  #run(id: string): BackgroundRun {
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

  /**
   * Removes, once, the temporary directories of runs whose process was killed outright (those of
   * live processes stay; see run_dirs.ts), and logs how many; the server does it at start, and
   * {@linkcode SimulationRuns.close} waits for it. Resolves with the paths removed.
   */
  removeLeftovers(): Promise<string[]> {
    this.#leftovers ??= removeLeftoverRunDirs({
      root: this.#options.tempRoot,
      log: this.#options.log,
    });
    return this.#leftovers;
  }

  /** Cancels every running run and waits for them to clean up (server shutdown). */
  async close(): Promise<void> {
    await this.#leftovers;
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
