/**
 * Runs a chatroom simulation: prepares the data directory, the settings, the clock and the
 * model, makes the scenario's personas real, runs the tick loop (`tick_loop.ts`) and assembles
 * the report.
 *
 * @module
 */
import { createServices } from "../services.ts";
import { isoTime, ManualClock } from "../clock.ts";
import { type Config, loadConfig } from "../config.ts";
import { createLogger, type Logger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import { chooseModel } from "./model_choice.ts";
import { percentile, REPORT_FORMAT, type SimulationReport, summarize } from "./report.ts";
import { resolvePersonas } from "./room.ts";
import { type Scenario, tickCount } from "./scenario.ts";
import { tickLoop, type TickProgress } from "./tick_loop.ts";
import { makeRunDir } from "./run_dirs.ts";

export type { TickProgress };

/** Options of {@linkcode runSimulation}. */
export interface RunOptions {
  /** Environment the settings are read from (default: the process environment). */
  env?: Record<string, string | undefined>;
  /** Dotenv text (default: the ENV_FILE in the working directory, if any). */
  dotenv?: string;
  log?: Logger;
  /** Called after every tick. */
  onTick?: (progress: TickProgress) => void;
  /** Called once the model is chosen (before the first tick). */
  onModel?: (model: SimulationReport["model"]) => void;
  /** Stops the run (it then rejects with the signal's reason). */
  signal?: AbortSignal;
  /**
   * `"all"` (default): the report's `relationships` and `energy` hold a point per tick (for the
   * charts and the JSON file). `"last"`: each series holds only its final point, which is all
   * the summary reads; the summary is the same, and the run's memory no longer grows with the
   * ticks × pairs (`simulation.run` returns no series).
   */
  samples?: "all" | "last";
  /** Where a temporary data directory is made (default: the system's, `run_dirs.ts`). */
  tempRoot?: string;
}

export { TEMP_PREFIX } from "./run_dirs.ts";

/** A temporary run's `DATA_DIR` until its directory is made (after the settings are checked). */
const NOT_YET_MADE = "(temporary)";

/**
 * The settings of a run of `scenario`: the caller's environment and `.env` (its model server,
 * timeouts, rules), then the scenario's `settings`, and last what makes the run its own world,
 * whatever those say: storage is always SQLite in the run's data directory with memories in the
 * same file (never the deployment's PostgreSQL, Chroma or pgvector: a run on a PostgreSQL
 * deployment wrote its personas into the shared database, session 19). Throws
 * {@linkcode ConfigError} naming the setting when one is out of range; makes nothing.
 */
export function simulationConfig(
  scenario: Scenario,
  options: Pick<RunOptions, "env" | "dotenv"> & { dataDir?: string } = {},
): Config {
  const settings = Object.fromEntries(
    Object.entries(scenario.settings).map(([name, value]) => [name, String(value)]),
  );
  return loadConfig({
    env: {
      ...(options.env ?? Deno.env.toObject()),
      ...settings,
      ...(scenario.ollama_model ? { DEFAULT_MODEL: scenario.ollama_model } : {}),
      DATA_DIR: options.dataDir ?? scenario.data_dir ?? NOT_YET_MADE,
      STORAGE: "sqlite",
      MEMORY_BACKEND: "sqlite",
      // Empty is unset: neither the environment's nor `.env`'s server is ever reached.
      DATABASE_URL: "",
      CHROMA_URL: "",
      SEED_PERSONAS: "false",
      // The simulation runs no job runner, and its scripted model answers no JSON: the mind's
      // background work (facts, reflection) is left out of simulated time.
      MEMORY_EXTRACTION: "false",
      MEMORY_REFLECTION: "false",
    },
    dotenv: options.dotenv,
  });
}

/**
 * Runs `scenario` to its end and returns the report (not yet written anywhere). The settings
 * are checked before a temporary directory is made, and the directory is removed however the run
 * ends (done, failed, cancelled).
 */
export async function runSimulation(
  scenario: Scenario,
  options: RunOptions = {},
): Promise<SimulationReport> {
  const temporary = scenario.data_dir === null;
  const checked = simulationConfig(scenario, options);
  // Locked while the run lasts, so that a start after a crash (kill -9) removes it (run_dirs.ts).
  const made = temporary ? await makeRunDir(options.tempRoot) : undefined;
  const dataDir = scenario.data_dir ?? made!.path;
  try {
    return await runIn({ ...checked, DATA_DIR: dataDir }, { scenario, options, temporary });
  } finally {
    await made?.dispose();
  }
}

async function runIn(
  config: Config,
  { scenario, options, temporary }: { scenario: Scenario; options: RunOptions; temporary: boolean },
): Promise<SimulationReport> {
  const dataDir = config.DATA_DIR;
  const log = options.log ?? createLogger("warn");
  const clock = new ManualClock(Date.parse(scenario.start_time));
  let roster: Persona[] = [];
  const model = await chooseModel(scenario.model, {
    config,
    seed: scenario.seed,
    roster: () => roster,
    personaModels: scenario.personas.flatMap((p) =>
      typeof p === "object" && p.model ? [p.model] : []
    ),
  });
  const reportModel = { kind: model.kind, label: model.label, notice: model.notice };
  options.onModel?.(reportModel);
  // A temporary data directory is the run's alone: no other process writes its database.
  const services = await createServices(config, {
    clock,
    log,
    llm: model.llm,
    soleWriter: temporary,
  });
  try {
    roster = await resolvePersonas(scenario.personas, services.personas);
    const started = performance.now();
    const loop = await tickLoop(scenario, {
      services,
      clock,
      roster,
      onTick: options.onTick,
      signal: options.signal,
      lastSamplesOnly: options.samples === "last",
    });
    const wallMs = performance.now() - started;
    // Every turn becomes memories of everyone present (the engine's rule); count them per persona.
    const memories: Record<string, number> = {};
    for (const persona of roster) {
      memories[persona.id] = await services.memory.count(persona);
    }
    const relationships = loop.sampler.relationships();
    const energy = loop.sampler.energy();
    const turnMs = loop.turnMs;
    return {
      format: REPORT_FORMAT,
      scenario,
      seed: scenario.seed,
      model: reportModel,
      clock: {
        start: scenario.start_time,
        end: isoTime(clock.now()),
        tick_seconds: scenario.tick_seconds,
        ticks_planned: tickCount(scenario),
      },
      settings: {
        DIALOGUE_MAX_TURNS: config.DIALOGUE_MAX_TURNS,
        DIALOGUE_MAX_MINUTES: config.DIALOGUE_MAX_MINUTES,
        DIALOGUE_COOLDOWN_S: config.DIALOGUE_COOLDOWN_S,
        CONTINUE_HIGH: config.CONTINUE_HIGH,
        CONTINUE_LOW: config.CONTINUE_LOW,
        MIN_SOCIAL_ENERGY: config.MIN_SOCIAL_ENERGY,
        MAX_FATIGUE: config.MAX_FATIGUE,
        SOCIAL_ENERGY_REGEN_PER_HOUR: config.SOCIAL_ENERGY_REGEN_PER_HOUR,
        FATIGUE_RECOVERY_PER_HOUR: config.FATIGUE_RECOVERY_PER_HOUR,
      },
      personas: roster.map((p) => ({
        id: p.id,
        name: p.name,
        personality_traits: p.personality_traits,
        topic_preferences: p.topic_preferences,
      })),
      conversations: loop.conversations,
      relationships,
      energy,
      summary: summarize({ conversations: loop.conversations, relationships, energy }, {
        ticksRun: loop.ticksRun,
        minutes: loop.sampler.minutes(),
        memories,
      }),
      run: {
        data_dir: temporary ? "(temporary, removed after the run)" : dataDir,
        wall_ms: Math.round(wallMs * 100) / 100,
        turns_per_second: turnMs.length ? Math.round(turnMs.length / (wallMs / 1000)) : 0,
        turn_ms: {
          p50: round3(percentile(turnMs, 50)),
          p99: round3(percentile(turnMs, 99)),
          mean: round3(turnMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, turnMs.length)),
        },
      },
    };
  } finally {
    await services.memory.close();
    await services.db.close();
  }
}

const round3 = (value: number) => Number.isNaN(value) ? 0 : Math.round(value * 1000) / 1000;
