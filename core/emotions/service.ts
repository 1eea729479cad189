/**
 * Per-persona emotional and interaction state: stored as a snapshot, advanced to "now" on
 * every read (drift, regeneration), changed by talk and by explicit updates.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { roundTo } from "../numbers.ts";
import type { Persona } from "../personas/mod.ts";
import type { EmotionRepository, EmotionRow } from "./repository.ts";
import {
  advance,
  applyTalk,
  availableAt,
  canGoOn,
  cooldownMs,
  type EmotionalState,
  type EmotionRules,
  type Emotions,
  restingState,
  type TalkEffect,
  unavailability,
} from "./rules.ts";

/** The emotional state on the wire. */
export interface EmotionalStateView extends Emotions {
  social_battery: number;
  last_updated: string;
}

/** The interaction state on the wire. */
export interface InteractionStateView {
  social_energy: number;
  interaction_fatigue: number;
  cooldown_until: string | null;
  available: boolean;
  unavailable_reason: "cooldown" | "low_energy" | "fatigued" | "busy" | null;
  available_at: string;
}

/** A persona's state read once: raw values, the wire view, and whether it can go on talking. */
export interface EmotionSnapshot {
  state: EmotionalState;
  emotions: EmotionalStateView;
  canGoOn: boolean;
}

/** A persona's state now and why it cannot start talking (null: it can). */
export interface EmotionStatus {
  state: EmotionalState;
  unavailable: ReturnType<typeof unavailability>;
}

/** Changes `emotional.update_state` accepts. */
export type EmotionPatch = Partial<Emotions & { social_battery: number }>;

/** What the emotion service is built from. */
export interface EmotionServiceDeps {
  repository: EmotionRepository;
  clock: Clock;
  /** The tunables (settings). */
  rules: EmotionRules;
}

/** Emotional and interaction state of personas. */
export class EmotionService {
  readonly #repository: EmotionRepository;
  readonly #clock: Clock;
  readonly #rules: EmotionRules;

  /** Creates the service. */
  constructor(deps: EmotionServiceDeps) {
    this.#repository = deps.repository;
    this.#clock = deps.clock;
    this.#rules = deps.rules;
  }

  /** The state of `persona` now. */
  async current(persona: Persona): Promise<EmotionalState> {
    return this.#advanced(persona, await this.#repository.find(persona.id), this.#clock.now());
  }

  /** `stored` (the persona's snapshot, if any) advanced to `now`. */
  #advanced(persona: Persona, stored: EmotionalState | undefined, now: number): EmotionalState {
    const traits = persona.personality_traits;
    return stored
      ? advance(stored, { traits, now, rules: this.#rules })
      : restingState(traits, now);
  }

  /**
   * The state of each of `personas` now and why each cannot talk, in their order, read in one
   * query: the same as {@linkcode current} and {@linkcode unavailability} of each (a room of
   * personas checked every tick reads once, not twice per persona).
   */
  async statuses(personas: readonly Persona[]): Promise<EmotionStatus[]> {
    const now = this.#clock.now();
    const stored = await this.#repository.findMany(personas.map((persona) => persona.id));
    return personas.map((persona) => {
      const state = this.#advanced(persona, stored.get(persona.id), now);
      return { state, unavailable: unavailability(state, { now, rules: this.#rules }) };
    });
  }

  /** The emotional state of `persona` now, as the wire shows it. */
  async view(persona: Persona): Promise<EmotionalStateView> {
    return this.#emotionView(await this.current(persona));
  }

  /** The interaction state of `persona` now, as the wire shows it. */
  async interaction(persona: Persona): Promise<InteractionStateView> {
    const state = await this.current(persona);
    const now = this.#clock.now();
    const reason = unavailability(state, { now, rules: this.#rules });
    return {
      social_energy: roundTo3(state.social_energy),
      interaction_fatigue: roundTo3(state.interaction_fatigue),
      cooldown_until: state.cooldown_until > now ? isoTime(state.cooldown_until) : null,
      available: reason === null,
      unavailable_reason: reason,
      available_at: isoTime(availableAt(state, { now, rules: this.#rules })),
    };
  }

  /** Sets some emotional values (already range-checked). */
  update(persona: Persona, patch: EmotionPatch): Promise<EmotionalStateView> {
    return this.#repository.exclusively(persona.id, async () => {
      const { social_battery, ...emotions } = patch;
      const next: EmotionalState = { ...await this.current(persona), ...emotions };
      if (social_battery !== undefined) next.social_energy = social_battery * 100;
      await this.#save(persona.id, next);
      return this.#emotionView(next);
    });
  }

  /** Applies one turn of talk to `persona`. */
  talk(persona: Persona, effect: TalkEffect): Promise<EmotionalState> {
    return this.#repository.exclusively(persona.id, async () => {
      const traits = persona.personality_traits;
      const next = applyTalk(await this.current(persona), { traits, effect });
      await this.#save(persona.id, next);
      return next;
    });
  }

  /**
   * {@linkcode talk} for each of `talks` (different personas), in one transaction holding each
   * one's state lock, their states read in one query (a dialogue turn's speaker and listeners).
   */
  talkAll(
    talks: ReadonlyArray<{ persona: Persona; effect: TalkEffect }>,
  ): Promise<EmotionalState[]> {
    const ids = talks.map(({ persona }) => persona.id);
    return this.#repository.exclusivelyAll(ids, async () => {
      const stored = await this.#repository.findMany(ids);
      const now = this.#clock.now();
      const states = talks.map(({ persona, effect }) =>
        applyTalk(this.#advanced(persona, stored.get(persona.id), now), {
          traits: persona.personality_traits,
          effect,
        })
      );
      // One write for all of them.
      await this.#repository.saveAll(states.map((state, i) => this.#row(ids[i]!, state)));
      return states;
    });
  }

  /** Starts a cooldown after a dialogue that ended with `cooldown.finalScore`. */
  coolDown(
    persona: Persona,
    cooldown: { baseSeconds: number; finalScore: number },
  ): Promise<EmotionalState> {
    return this.#repository.exclusively(persona.id, async () => {
      const state = await this.current(persona);
      const until = this.#clock.now() +
        cooldownMs(cooldown.baseSeconds, cooldown.finalScore, state.interaction_fatigue);
      const next = { ...state, cooldown_until: Math.max(state.cooldown_until, until) };
      await this.#save(persona.id, next);
      return next;
    });
  }

  /** True while `persona` can stay in a conversation it is already in. */
  async canGoOn(persona: Persona): Promise<boolean> {
    return canGoOn(await this.current(persona), this.#rules);
  }

  /** The state of `persona` now and what follows from it, read once (a dialogue turn's input). */
  async snapshot(persona: Persona): Promise<EmotionSnapshot> {
    return this.#snapshotOf(await this.current(persona));
  }

  #snapshotOf(state: EmotionalState): EmotionSnapshot {
    return { state, emotions: this.#emotionView(state), canGoOn: canGoOn(state, this.#rules) };
  }

  /** {@linkcode snapshot} of each of `personas`, by persona id, read in one query. */
  async snapshots(personas: readonly Persona[]): Promise<Map<string, EmotionSnapshot>> {
    const now = this.#clock.now();
    const stored = await this.#repository.findMany(personas.map((persona) => persona.id));
    return new Map(personas.map((persona) => [
      persona.id,
      this.#snapshotOf(this.#advanced(persona, stored.get(persona.id), now)),
    ]));
  }

  /** Why `persona` cannot talk now, or null. */
  async unavailability(persona: Persona): Promise<ReturnType<typeof unavailability>> {
    const state = await this.current(persona);
    return unavailability(state, { now: this.#clock.now(), rules: this.#rules });
  }

  #emotionView(state: EmotionalState): EmotionalStateView {
    return {
      mood: roundTo3(state.mood),
      energy_level: roundTo3(state.energy_level),
      stress_level: roundTo3(state.stress_level),
      curiosity: roundTo3(state.curiosity),
      social_battery: roundTo3(state.social_energy / 100),
      last_updated: isoTime(state.updated_at),
    };
  }

  #save(personaId: string, state: EmotionalState): Promise<void> {
    return this.#repository.save(this.#row(personaId, state));
  }

  /** The row that stores `state` of `personaId` now. */
  #row(personaId: string, state: EmotionalState): EmotionRow {
    return { ...state, persona_id: personaId, updated_at: this.#clock.now() };
  }
}

function roundTo3(value: number): number {
  return roundTo(value, 3);
}
