/**
 * What a client may ask of a simulation run played in its request (`simulation.run`): a scenario
 * (or the sample one) with a few overrides. The run always plays in a temporary world and writes
 * no files, so the scenario's `data_dir` is refused and its `report_dir` unused; settings are
 * limited to the rules of social life and dialogue (a client never points the server at another
 * host or folder).
 *
 * @module
 */
import { type Config, ConfigError } from "../config.ts";
import { InvalidInput } from "../errors.ts";
import { simulationConfig } from "./runner.ts";
import {
  loadScenario,
  type MODEL_CHOICES,
  parseScenario,
  SAMPLE_SCENARIO,
  type Scenario,
  ScenarioError,
  tickCount,
} from "./scenario.ts";

/** Most ticks one run may play when asked over the wire. */
export const MAX_TICKS = 10_000;

/** Settings a client's scenario may change: the rules of the simulated world. */
const RULE_SETTINGS =
  /^(DIALOGUE_|CONTINUE_|EMOTION_|SOCIAL_ENERGY_|FATIGUE_|MIN_SOCIAL_ENERGY$|MAX_FATIGUE$|LLM_TEMPERATURE$|LLM_MAX_TOKENS$|PROMPT_)/;

/** What a client asks to run: its scenario (by default the sample) and overrides. */
export interface ClientScenarioRequest {
  /** A scenario in the scenario file's format, not yet validated. */
  scenario?: Record<string, unknown>;
  seed?: number;
  ticks?: number;
  model?: (typeof MODEL_CHOICES)[number];
}

function invalid(field: string, message: string): InvalidInput {
  return new InvalidInput(`Invalid scenario: ${field} ${message}`, [{ field, message }]);
}

/**
 * The scenario to run: the client's (validated) or the sample, with the overrides applied. Its
 * settings are checked as the run will read them over `config` (the server's), so an
 * out-of-range value is -32602 naming it, before the run makes anything.
 */
export async function scenarioFor(
  params: ClientScenarioRequest,
  config: Config,
): Promise<Scenario> {
  let scenario: Scenario;
  try {
    scenario = params.scenario
      ? parseScenario(params.scenario, "(from the request)")
      : await loadScenario(SAMPLE_SCENARIO);
  } catch (error) {
    if (error instanceof ScenarioError) throw invalid("scenario", error.message);
    throw error;
  }
  if (params.scenario && scenario.data_dir !== null) {
    throw invalid("scenario.data_dir", "cannot be set: runs always play in a temporary world");
  }
  for (const name of Object.keys(scenario.settings)) {
    if (!RULE_SETTINGS.test(name)) {
      throw invalid(`scenario.settings.${name}`, "is not a rule of the simulated world");
    }
  }
  const next: Scenario = { ...scenario, data_dir: null };
  if (params.seed !== undefined) next.seed = params.seed;
  if (params.model !== undefined) next.model = params.model;
  if (params.ticks !== undefined) {
    next.ticks = params.ticks;
    delete next.duration_minutes;
  }
  if (tickCount(next) > MAX_TICKS) {
    throw invalid("scenario.ticks", `must be at most ${MAX_TICKS} (it runs ${tickCount(next)})`);
  }
  checkSettings(next, config);
  return next;
}

/** Throws -32602 naming the scenario setting the run's settings would refuse. */
function checkSettings(scenario: Scenario, config: Config): void {
  try {
    simulationConfig(scenario, { env: runEnvironment(config), dotenv: "" });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // "Invalid setting NAME=value: why" (loadConfig's one line).
    const [, name = "", shown = "", why = error.message] =
      /^Invalid setting (\w+)=(.*?): (.*)$/s.exec(error.message) ?? [];
    const own = Object.hasOwn(scenario.settings, name);
    throw invalid(
      own ? `scenario.settings.${name}` : "scenario.settings",
      `${own ? "" : `${name} `}${why.replace(/^expected /, "must be ")} (got ${shown})`,
    );
  }
}

/**
 * The server's own settings as the run's environment (its model server, timeouts and rules); the
 * runner keeps storage and memory in the run's temporary SQLite file whatever they say.
 */
export function runEnvironment(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(config)) {
    if (["string", "number", "boolean"].includes(typeof value)) env[name] = String(value);
  }
  return { ...env, EMBED_MODEL: "", ENV_FILE: "/nonexistent" };
}
