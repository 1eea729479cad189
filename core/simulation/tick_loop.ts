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
import type { Services } from "../services.ts";
import { isoTime, type ManualClock } from "../clock.ts";
import { AppError } from "../errors.ts";
import type { EmotionStatus } from "../emotions/mod.ts";
import type { Persona } from "../personas/mod.ts";
import { SeededRandom } from "./random.ts";
import type { ConversationRecord } from "./report.ts";
import { Sampler } from "./room.ts";
import { type Scenario, tickCount } from "./scenario.ts";
import { chooseGroup, chooseTopic, groupSize } from "./scheduler.ts";
import { SIMULATION_SLICES, SLICE_MS, TimeSlice } from "./time_slice.ts";

/** Where a run stands, for progress output. */
export interface TickProgress {
  tick: number;
  ticks: number;
  active: number;
  conversations: number;
  turns: number;
  maxTurns: number | null;
}

/** What the loop leaves behind. */
export interface LoopResult {
  sampler: Sampler;
  conversations: ConversationRecord[];
  /** Wall-clock milliseconds of each engine turn. */
  turnMs: number[];
  ticksRun: number;
}

interface Live {
  record: ConversationRecord;
  participants: Persona[];
}

/** Runs the ticks of `scenario` over `services` (whose clock is `clock`). */
export async function tickLoop(
  scenario: Scenario,
  context: {
    services: Services;
    clock: ManualClock;
    roster: Persona[];
    onTick?: (progress: TickProgress) => void;
    /** Stops the run between ticks (and a model call in flight). */
    signal?: AbortSignal;
    /** Keep only the latest sample of each series (see {@linkcode Sampler}). */
    lastSamplesOnly?: boolean;
  },
): Promise<LoopResult> {
  const { services, clock, roster } = context;
  const { dialogues, emotions, relationships } = services;
  const random = new SeededRandom(scenario.seed);
  const sampler = new Sampler(roster, { emotions, relationships, clock }, {
    lastOnly: context.lastSamplesOnly,
  });
  const ticks = tickCount(scenario);
  const conversations: ConversationRecord[] = [];
  const turnMs: number[] = [];
  let active: Live[] = [];
  let tick = 0;
  const full = () => scenario.max_turns !== null && turnMs.length >= scenario.max_turns;
  // In a server (a run that can be cancelled), other clients get the event loop every SLICE_MS,
  // within a tick too: a tick of 64 personas scores 2,016 pairs per start and plays every turn.
  // Every simulation of the process shares one slice: a spent one makes them all yield.
  const slice = context.signal ? new TimeSlice(SLICE_MS, SIMULATION_SLICES) : undefined;

  const finish = async (live: Live, reason: string | null) => {
    const view = reason
      ? await dialogues.end(live.record.id, reason)
      : await dialogues.status(live.record.id);
    live.record.end_reason = view.end_reason;
    live.record.ended_tick = tick;
    live.record.ended_at = view.ended_at;
    for (const persona of live.participants) {
      live.record.cooldown_until[persona.name] =
        (await emotions.interaction(persona)).cooldown_until;
    }
    active = active.filter((other) => other !== live);
  };

  const talked = new Set<string>();
  const turn = async (live: Live) => {
    await slice?.pass();
    for (const persona of live.participants) talked.add(persona.id);
    const before = performance.now();
    try {
      const result = await dialogues.turn(live.record.id, context.signal);
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
      if (result.ended) await finish(live, null);
    } catch (error) {
      // A model that fails (Ollama down mid-run) ends that conversation, not the whole run.
      if (!(error instanceof AppError) || error.code !== "llm_unavailable") throw error;
      live.record.error = error.message;
      services.log.warn("A turn failed; its conversation ends", { error: error.message });
      await finish(live, "llm_error");
    }
  };

  /**
   * Starts what conversations the free slots allow. Returns the room's states as read last when
   * nothing was written since (no conversation started after that read, and the clock stands
   * still within a tick), for the tick's sample; null otherwise.
   */
  const startConversations = async (): Promise<EmotionStatus[] | null> => {
    while (active.length < scenario.max_concurrent && !full()) {
      const busy = new Set(active.flatMap((live) => live.participants.map((p) => p.id)));
      // Available by the engine's rules, and rested enough to want company (a persona that
      // just crossed MIN_SOCIAL_ENERGY would tire out after a single line).
      const candidates = [];
      const room = await emotions.statuses(roster);
      for (const [i, { state, unavailable }] of room.entries()) {
        const persona = roster[i]!;
        if (busy.has(persona.id) || unavailable !== null) continue;
        if (state.social_energy < scenario.min_start_energy) continue;
        candidates.push({ persona, socialEnergy: state.social_energy });
      }
      const size = groupSize(random, scenario.group_size, candidates.length);
      if (size === 0 || random.next() >= scenario.start_chance) return room;
      const affinities = new Map<string, number>();
      for (const [i, a] of candidates.entries()) {
        for (const b of candidates.slice(i + 1)) {
          await slice?.pass();
          const { overall } = await relationships.compatibilityScore(a.persona.id, b.persona.id);
          affinities.set(`${a.persona.id} ${b.persona.id}`, overall);
          affinities.set(`${b.persona.id} ${a.persona.id}`, overall);
        }
      }
      const group = chooseGroup(random, candidates, {
        size,
        affinity: (a, b) => affinities.get(`${a.id} ${b.id}`) ?? 0,
      });
      const topic = chooseTopic(random, scenario.topics, group);
      const view = await dialogues.start({
        participantIds: group.map((p) => p.id),
        topic,
        tokenBudget: scenario.token_budget ?? undefined,
      });
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
    return null;
  };

  await sampler.sample(0);
  while (tick < ticks && !full()) {
    if (slice) {
      // Between ticks too (the scripted model never waits), by time: a yield per tick would
      // cost a timer's 1-4 ms each, and ticks without turns take microseconds.
      await slice.pass();
      context.signal?.throwIfAborted();
    }
    tick++;
    clock.advance(scenario.tick_seconds * 1000);
    for (const live of [...active]) {
      if (full()) break;
      await turn(live);
    }
    const room = await startConversations();
    await sampler.sample(tick, { talked, room });
    talked.clear();
    context.onTick?.({
      tick,
      ticks,
      active: active.length,
      conversations: conversations.length,
      turns: turnMs.length,
      maxTurns: scenario.max_turns,
    });
  }
  for (const live of [...active]) await finish(live, "simulation_ended");
  return { sampler, conversations, turnMs, ticksRun: tick };
}
