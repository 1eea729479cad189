/**
 * `deno task sim [scenario.json] [--seed N] [--model ollama|scripted] [--ticks N] [--out DIR]
 * [--data-dir DIR]`: runs a chatroom simulation and writes its report. Without a file it runs the
 * sample scenario. Progress goes to stderr; the summary and the report paths to stdout.
 *
 * @module
 */
import { ConfigError } from "../config.ts";
import { createLogger } from "../log.ts";
import { createProgress } from "./progress.ts";
import { writeReport } from "./report_files.ts";
import { runSimulation } from "./runner.ts";
import { removeLeftoverRunDirs } from "./run_dirs.ts";
import {
  loadScenario,
  MODEL_CHOICES,
  SAMPLE_SCENARIO,
  type Scenario,
  ScenarioError,
  tickCount,
} from "./scenario.ts";

const USAGE =
  "usage: deno task sim [scenario.json] [--seed N] [--model ollama|scripted] [--ticks N] [--out DIR] [--data-dir DIR]";

/** The command line, parsed. */
export interface SimArgs {
  scenario: string | URL;
  seed?: number;
  model?: Scenario["model"];
  ticks?: number;
  out?: string;
  dataDir?: string;
}

function count(name: string, text: string | undefined, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new ScenarioError(`--${name} needs an integer of at least ${min}\n${USAGE}`);
  }
  return value;
}

/** Parses the arguments of `deno task sim`. */
export function parseSimArgs(args: string[]): SimArgs {
  const parsed: SimArgs = { scenario: SAMPLE_SCENARIO };
  let file: string | undefined;
  const queue = args.values();
  for (const arg of queue) {
    const [flag = "", inline] = arg.startsWith("--") ? arg.split(/=(.*)/s) : [arg];
    const value = () => inline ?? queue.next().value;
    if (flag === "--seed") parsed.seed = count("seed", value(), 0);
    else if (flag === "--ticks") parsed.ticks = count("ticks", value(), 1);
    else if (flag === "--out") parsed.out = value();
    else if (flag === "--data-dir") parsed.dataDir = value();
    else if (flag === "--model") {
      const model = value() ?? "";
      if (!(MODEL_CHOICES as readonly string[]).includes(model)) {
        throw new ScenarioError(`--model must be one of ${MODEL_CHOICES.join(", ")}\n${USAGE}`);
      }
      parsed.model = model as Scenario["model"];
    } else if (flag.startsWith("-") || file !== undefined) {
      throw new ScenarioError(`Unexpected argument "${arg}"\n${USAGE}`);
    } else file = flag;
  }
  if (file !== undefined) parsed.scenario = file;
  return parsed;
}

/** Applies command-line overrides to a scenario. */
export function applyOverrides(scenario: Scenario, args: SimArgs): Scenario {
  const next = { ...scenario };
  if (args.seed !== undefined) next.seed = args.seed;
  if (args.model !== undefined) next.model = args.model;
  if (args.ticks !== undefined) {
    next.ticks = args.ticks;
    delete next.duration_minutes;
  }
  if (args.out !== undefined) next.report_dir = args.out;
  if (args.dataDir !== undefined) next.data_dir = args.dataDir;
  return next;
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${Deno.cwd()}/${path.replace(/^\.\//, "")}`;
}

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const err = (text: string) => Deno.stderr.writeSync(new TextEncoder().encode(text));
  try {
    const parsed = parseSimArgs(args);
    const scenario = applyOverrides(await loadScenario(parsed.scenario), parsed);
    console.log(
      `Simulation ${scenario.name} (seed ${scenario.seed}): ${scenario.personas.length} personas, ` +
        `${scenario.topics.length} topics, ${
          tickCount(scenario)
        } ticks of ${scenario.tick_seconds} s`,
    );
    // Runs a crash (kill -9) left behind, of this and other processes that are gone.
    await removeLeftoverRunDirs();
    const progress = createProgress({ tty: Deno.stderr.isTerminal(), write: err });
    const report = await runSimulation(scenario, {
      log: createLogger("warn"),
      onModel: (model) => {
        if (model.notice) err(`Notice: ${model.notice}\n`);
        console.log(`Model: ${model.label}`);
      },
      onTick: (p) => progress.update(p),
    });
    progress.finish();
    const { summary, run } = report;
    console.log(
      `Done: ${summary.conversations} conversations, ${summary.turns} turns, ` +
        `${summary.simulated_minutes} simulated minutes in ${(run.wall_ms / 1000).toFixed(2)} s ` +
        `(${run.turns_per_second} turns/s; per turn p50 ${run.turn_ms.p50} ms, p99 ${run.turn_ms.p99} ms)`,
    );
    const paths = await writeReport(report, scenario.report_dir);
    console.log(`Report (JSON): ${absolute(paths.json)}`);
    console.log(`Report (HTML): ${absolute(paths.html)}`);
    return 0;
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof ConfigError) {
      err(`sim: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
