/**
 * The scenario of a chatroom simulation (`*.scenario.json`): who is in the room, what they may
 * talk about, how long the run lasts, the seed and the model. Every field is documented in
 * `core/simulation/README.md`; unknown fields are refused so that a typo never silently changes a
 * run.
 *
 * @module
 */
import { z } from "zod";
import { SETTINGS } from "../settings.ts";
import { namedRow, PersonaCreate } from "../personas/mod.ts";

/** Where the sample scenario lives; `deno task sim` runs it when given no file. */
export const SAMPLE_SCENARIO = new URL("./scenarios/tavern.scenario.json", import.meta.url);

/** The models a scenario can ask for (Ollama falls back to scripted when it is absent). */
export const MODEL_CHOICES = ["ollama", "scripted"] as const;

/** One persona of the room: a name (existing or built-in persona) or a full definition. */
export const ScenarioPersona = z.union([z.string().trim().min(1).max(64), PersonaCreate]);

const settingValue = z.union([z.string(), z.number(), z.boolean()]);

/** The scenario file's shape, with defaults. */
export const Scenario = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and - (1-64)"),
  description: z.string().max(2000).default(""),
  seed: z.number().int().min(0).max(0xffff_ffff),
  model: z.enum(MODEL_CHOICES).default("ollama"),
  ollama_model: z.string().trim().min(1).nullable().default(null),
  ticks: z.number().int().positive().max(1_000_000).optional(),
  duration_minutes: z.number().positive().optional(),
  tick_seconds: z.number().positive().max(86_400).default(30),
  max_turns: z.number().int().positive().nullable().default(null),
  max_concurrent: z.number().int().min(1).max(64).default(2),
  group_size: z.strictObject({
    min: z.number().int().min(2).max(8),
    max: z.number().int().min(2).max(8),
  }).refine((size) => size.min <= size.max, "min must not exceed max")
    .default({ min: 2, max: 2 }),
  start_chance: z.number().min(0).max(1).default(0.5),
  min_start_energy: z.number().min(0).max(100).default(40),
  token_budget: z.number().int().positive().nullable().default(null),
  topics: z.array(z.string().trim().min(1).max(64)).min(1).max(64),
  start_time: z.iso.datetime().default("2026-01-01T18:00:00Z"),
  data_dir: z.string().min(1).nullable().default(null),
  report_dir: z.string().min(1).default("reports"),
  settings: z.record(z.string(), settingValue).refine(
    (settings) => Object.keys(settings).every((name) => name in SETTINGS),
    { message: "holds a name that is not a setting (see core/config.ts)" },
  ).default({}),
  personas: z.array(ScenarioPersona).min(2).max(64),
}).refine((s) => (s.ticks === undefined) !== (s.duration_minutes === undefined), {
  message: "give exactly one of ticks and duration_minutes",
  path: ["ticks"],
});

/** A validated scenario. */
export type Scenario = z.output<typeof Scenario>;

/** A scenario file that cannot be used; the message says what is wrong, one issue per line. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
}

/** Validates parsed JSON as a scenario; `source` names it in errors. */
export function parseScenario(json: unknown, source = "scenario"): Scenario {
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) =>
      `  ${issue.path.join(".") || "(root)"}: ${issue.message}`
    );
    throw new ScenarioError(`Invalid scenario ${source}:\n${lines.join("\n")}`);
  }
  // Names are one persona as persona names go (any case, same name or look-alike): such a pair
  // would be one persona twice in the room.
  const names = parsed.data.personas.map((p) => ({ name: typeof p === "string" ? p : p.name }));
  const twice = names.find((entry, i) => namedRow(names.slice(0, i), entry.name));
  if (twice) {
    throw new ScenarioError(`Invalid scenario ${source}: persona "${twice.name}" is listed twice`);
  }
  return parsed.data;
}

/** Reads and validates a scenario file. */
export async function loadScenario(path: string | URL): Promise<Scenario> {
  const source = path instanceof URL ? path.pathname : path;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new ScenarioError(`Cannot read scenario ${source}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`Scenario ${source} is not JSON: ${(error as Error).message}`);
  }
  return parseScenario(json, source);
}

/** The number of ticks the scenario runs (from `ticks`, or `duration_minutes`). */
export function tickCount(scenario: Scenario): number {
  return scenario.ticks ?? Math.ceil(scenario.duration_minutes! * 60 / scenario.tick_seconds);
}
