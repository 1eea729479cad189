/**
 * One background simulation run (`simulation.start`) as it plays: its progress, model and outcome
 * written onto its view as they come, its report thinned once done.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { SimulationReport } from "./report.ts";
import type { RunView } from "./run_view.ts";
import { runSimulation } from "./runner.ts";
import type { Scenario } from "./scenario.ts";
import { thinned } from "./thin_report.ts";

/** A background run: what the methods show, how to cancel it, its report once done. */
export interface BackgroundRun {
  view: RunView;
  controller: AbortController;
  report: SimulationReport | null;
  /** Settles when the run has finished, however it ended. */
  finished: Promise<void>;
}

/** What {@linkcode playInBackground} plays with. */
export interface BackgroundPlayOptions {
  /** The settings the run reads. */
  env: Record<string, string>;
  log: Logger;
  now: () => number;
  /** Most points the kept report's series hold. */
  keepPoints: number;
  /** Where the run's temporary directory is made (default: the system's). */
  tempRoot?: string;
}

/**
 * Plays `scenario` as `run`, cancelled by its controller; never rejects: the run's view ends
 * `done`, `cancelled` or `failed` (with why, logged), and its finishing time is set.
 */
export async function playInBackground(
  run: BackgroundRun,
  scenario: Scenario,
  options: BackgroundPlayOptions,
): Promise<void> {
  const { signal } = run.controller;
  try {
    run.report = await runSimulation(scenario, {
      env: options.env,
      dotenv: "",
      log: options.log,
      tempRoot: options.tempRoot,
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
    run.report = thinned(run.report, options.keepPoints);
    run.view.summary = run.report.summary;
    run.view.status = "done";
  } catch (error) {
    if (signal.aborted) run.view.status = "cancelled";
    else {
      run.view.status = "failed";
      run.view.error = error instanceof Error ? error.message : String(error);
      options.log.warn("Simulation failed", { run_id: run.view.run_id, error });
    }
  } finally {
    run.view.finished_at = new Date(options.now()).toISOString();
  }
}
