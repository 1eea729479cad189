/**
 * The chatroom simulation's tick loop. Time is a {@linkcode ManualClock}; each tick:
 *   1. the clock moves `tick_seconds` (energy, fatigue and mood regenerate and drift as time
 *      passes, by the emotion rules);
 *   2. every active conversation takes one turn through the dialogue engine, in order of start
 *      (a closing turn ends it and starts the participants' cooldowns);
 *   3. while fewer than `max_concurrent` conversations run and at least `group_size.min` idle
 *      personas are available (no cooldown, enough energy, not too tired: the engine's rules)
 *      and rested (social energy ≥ `min_start_energy`), each roll under `start_chance` starts
 *      one with a seeded group and topic, which takes its first turn;
 *   4. relationships and energy are sampled for the report.
 * The run stops when the ticks run out (or after `max_turns` turns); every conversation still
 * active is then ended with reason `simulation_ended`.
 *
 * @module
 */
import { createServices, type Services } from "../app.ts";
import { isoTime, ManualClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { createLogger, type Logger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import { chooseModel } from "./model_choice.ts";
import { SeededRandom } from "./random.ts";
import {
  type ConversationRecord,
  percentile,
  REPORT_FORMAT,
  type SimulationReport,
  summarize,
} from "./report.ts";
import { resolvePersonas, Sampler } from "./room.ts";
import { type Scenario, tickCount } from "./scenario.ts";
import { chooseGroup, chooseTopic, groupSize } from "./scheduler.ts";

/** Where a run stands, for progress output. */
export interface TickProgress {
  tick: number;
  ticks: number;
  active: number;
  conversations: number;
  turns: number;
  maxTurns: number | null;
}

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
}

interface Live {
  record: ConversationRecord;
  participants: Persona[];
}

/** Runs `scenario` to its end and returns the report (not yet written anywhere). */
export async function runSimulation(
  scenario: Scenario,
  options: RunOptions = {},
): Promise<SimulationReport> {
  const temporary = scenario.data_dir === null;
  const dataDir = scenario.data_dir ?? await Deno.makeTempDir({ prefix: "persona-sim-" });
  const settings = Object.fromEntries(
    Object.entries(scenario.settings).map(([name, value]) => [name, String(value)]),
  );
  const config = loadConfig({
    env: {
      ...(options.env ?? Deno.env.toObject()),
      ...settings,
      ...(scenario.ollama_model ? { DEFAULT_MODEL: scenario.ollama_model } : {}),
      DATA_DIR: dataDir,
      SEED_PERSONAS: "false",
    },
    dotenv: options.dotenv,
  });
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
  const services = createServices(config, { clock, log, llm: model.llm });
  try {
    roster = resolvePersonas(scenario.personas, services.personas);
    const started = performance.now();
    const loop = await tickLoop(scenario, services, clock, roster, options);
    const wallMs = performance.now() - started;
    // Every turn becomes memories of everyone present (the engine's rule); count them per persona.
    const memories: Record<string, number> = {};
    for (const persona of roster) {
      memories[persona.id] = (await services.memory.list(persona, { limit: 0, offset: 0 })).total;
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
    services.db.close();
    if (temporary) await Deno.remove(dataDir, { recursive: true });
  }
}

const round3 = (value: number) => Number.isNaN(value) ? 0 : Math.round(value * 1000) / 1000;

async function tickLoop(
  scenario: Scenario,
  services: Services,
  clock: ManualClock,
  roster: Persona[],
  options: RunOptions,
) {
  const { dialogues, states, relationships } = services;
  const random = new SeededRandom(scenario.seed);
  const sampler = new Sampler(roster, { states, relationships, clock });
  const ticks = tickCount(scenario);
  const conversations: ConversationRecord[] = [];
  const turnMs: number[] = [];
  let active: Live[] = [];
  let tick = 0;
  const full = () => scenario.max_turns !== null && turnMs.length >= scenario.max_turns;

  const finish = (live: Live, reason: string | null) => {
    const view = reason ? dialogues.end(live.record.id, reason) : dialogues.status(live.record.id);
    live.record.end_reason = view.end_reason;
    live.record.ended_tick = tick;
    live.record.ended_at = view.ended_at;
    for (const persona of live.participants) {
      live.record.cooldown_until[persona.name] = states.interaction(persona).cooldown_until;
    }
    active = active.filter((other) => other !== live);
  };

  const turn = async (live: Live) => {
    const before = performance.now();
    try {
      const result = await dialogues.turn(live.record.id);
      turnMs.push(performance.now() - before);
      live.record.turns.push({
        turn_number: result.turn_number,
        tick,
        at: isoTime(clock.now()),
        speaker_id: result.speaker_id,
        speaker: result.speaker_name,
        speaker_reason: result.speaker_reason,
        content: result.content,
        continue_score: result.continue_score,
        factors: result.factors,
        reasons: result.reasons,
        response_type: result.response_type,
        quality: result.quality,
      });
      if (result.ended) finish(live, null);
    } catch (error) {
      // A model that fails (Ollama down mid-run) ends that conversation, not the whole run.
      if (!(error instanceof AppError) || error.code !== "llm_unavailable") throw error;
      live.record.error = error.message;
      services.log.warn("A turn failed; its conversation ends", { error: error.message });
      finish(live, "llm_error");
    }
  };

  const startConversations = async () => {
    while (active.length < scenario.max_concurrent && !full()) {
      const busy = new Set(active.flatMap((live) => live.participants.map((p) => p.id)));
      // Available by the engine's rules, and rested enough to want company (a persona that
      // just crossed MIN_SOCIAL_ENERGY would tire out after a single line).
      const candidates = roster
        .filter((p) => !busy.has(p.id) && states.unavailability(p) === null)
        .map((persona) => ({ persona, socialEnergy: states.current(persona).social_energy }))
        .filter((c) => c.socialEnergy >= scenario.min_start_energy);
      const size = groupSize(random, scenario.group_size, candidates.length);
      if (size === 0 || random.next() >= scenario.start_chance) return;
      const group = chooseGroup(random, candidates, {
        size,
        affinity: (a, b) => relationships.compatibility(a.id, b.id).overall,
      });
      const topic = chooseTopic(random, scenario.topics, group);
      const view = dialogues.start(
        group.map((p) => p.id),
        topic,
        scenario.token_budget ?? undefined,
      );
      const live: Live = {
        participants: group,
        record: {
          index: conversations.length + 1,
          id: view.conversation_id,
          participants: group.map((p) => ({ id: p.id, name: p.name })),
          topic,
          started_tick: tick,
          started_at: view.started_at,
          ended_tick: null,
          ended_at: null,
          end_reason: null,
          turns: [],
          cooldown_until: {},
        },
      };
      conversations.push(live.record);
      active.push(live);
      await turn(live);
    }
  };

  sampler.sample(0);
  while (tick < ticks && !full()) {
    tick++;
    clock.advance(scenario.tick_seconds * 1000);
    for (const live of [...active]) {
      if (full()) break;
      await turn(live);
    }
    await startConversations();
    sampler.sample(tick);
    options.onTick?.({
      tick,
      ticks,
      active: active.length,
      conversations: conversations.length,
      turns: turnMs.length,
      maxTurns: scenario.max_turns,
    });
  }
  for (const live of [...active]) finish(live, "simulation_ended");
  return { sampler, conversations, turnMs, ticksRun: tick };
}
