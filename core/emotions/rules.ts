/**
 * Emotions and social energy, as pure functions of the persona's traits and elapsed time.
 *
 * Resting state (where a persona drifts back to), from the Big Five:
 *   mood      = clamp(0.6·(A − ½) + 0.4·(E − ½) − 0.6·(N − ½), −1, 1)
 *   energy    = 0.75, stress = 0.1 + 0.4·N, curiosity = 0.2 + 0.7·O
 *   social energy 100, fatigue 0
 * Over t hours each emotional value moves towards rest: v ← rest + (v − rest)·½^(t/half-life);
 * social energy regains `energyRegenPerHour` (capped at 100) and fatigue loses
 * `fatigueRecoveryPerHour` (floored at 0), so no persona stays unavailable for good.
 *
 * One turn of talk, for quality q (−1..1) and the topic's interest i (0..1), scaled by
 * introversion k = 1.4 − 0.8·E (extraverts drain less):
 *   speaker: social energy −6·k, fatigue +4·k, energy −0.01
 *   listener: social energy −2.5·k, fatigue +2·k
 *   both: mood +0.04·q, stress +0.05·max(0, −q) − 0.02·max(0, q), curiosity +0.04·(i − ½)
 * Mood, stress and curiosity steps shrink near the end of their range (a cheerful persona gets
 * only a little more cheerful), so a long happy conversation lifts mood without pinning it at 1.
 * Available = not in cooldown, social energy ≥ the minimum and fatigue below the maximum. A
 * conversation already under way goes on until someone drops below half the minimum energy or
 * reaches the maximum fatigue, so a persona that just became available is not dropped at once.
 *
 * @module
 */
import { clamp, saturatingMove } from "../numbers.ts";
import type { PersonalityTraits } from "../personas/mod.ts";

/** The emotional state (social battery is social energy / 100). */
export interface Emotions {
  mood: number;
  energy_level: number;
  stress_level: number;
  curiosity: number;
}

/** Everything stored per persona. */
export interface EmotionalState extends Emotions {
  social_energy: number;
  interaction_fatigue: number;
  /** Epoch ms; 0 when never in cooldown. */
  cooldown_until: number;
  /** Epoch ms of the values above. */
  updated_at: number;
}

/** Tunables of the rules (settings). */
export interface EmotionRules {
  halfLifeMinutes: number;
  energyRegenPerHour: number;
  fatigueRecoveryPerHour: number;
  minSocialEnergy: number;
  maxFatigue: number;
}

/** The state a persona rests at. */
export function restingState(traits: PersonalityTraits, now: number): EmotionalState {
  return {
    mood: clamp(
      0.6 * (traits.agreeableness - 0.5) + 0.4 * (traits.extraversion - 0.5) -
        0.6 * (traits.neuroticism - 0.5),
      -1,
      1,
    ),
    energy_level: 0.75,
    stress_level: clamp(0.1 + 0.4 * traits.neuroticism, 0, 1),
    curiosity: clamp(0.2 + 0.7 * traits.openness, 0, 1),
    social_energy: 100,
    interaction_fatigue: 0,
    cooldown_until: 0,
    updated_at: now,
  };
}

/** When and by which rules a state is read. */
export interface RuleClock {
  /** Epoch ms. */
  now: number;
  rules: EmotionRules;
}

/** The state `at.now`, after drifting and regenerating since `state.updated_at`. */
export function advance(
  state: EmotionalState,
  at: RuleClock & { traits: PersonalityTraits },
): EmotionalState {
  const { now, rules, traits } = at;
  const hours = Math.max(0, now - state.updated_at) / 3_600_000;
  if (hours === 0) return state;
  const rest = restingState(traits, now);
  const keep = 0.5 ** (hours * 60 / rules.halfLifeMinutes);
  const toward = (value: number, target: number) => target + (value - target) * keep;
  return {
    mood: toward(state.mood, rest.mood),
    energy_level: toward(state.energy_level, rest.energy_level),
    stress_level: toward(state.stress_level, rest.stress_level),
    curiosity: toward(state.curiosity, rest.curiosity),
    social_energy: Math.min(100, state.social_energy + rules.energyRegenPerHour * hours),
    interaction_fatigue: Math.max(
      0,
      state.interaction_fatigue - rules.fatigueRecoveryPerHour * hours,
    ),
    cooldown_until: state.cooldown_until,
    updated_at: now,
  };
}

/** One turn of talk (speaking or listening). */
export interface TalkEffect {
  role: "speaker" | "listener";
  quality: number;
  /** Interest in the topic, 0..1. */
  interest: number;
}

/** The state after one turn of talk by (or to) a persona with `talk.traits`. */
export function applyTalk(
  state: EmotionalState,
  talk: { traits: PersonalityTraits; effect: TalkEffect },
): EmotionalState {
  const { traits, effect } = talk;
  const k = 1.4 - 0.8 * traits.extraversion;
  const speaking = effect.role === "speaker";
  const q = effect.quality;
  return {
    ...state,
    social_energy: clamp(state.social_energy - (speaking ? 6 : 2.5) * k, 0, 100),
    interaction_fatigue: clamp(state.interaction_fatigue + (speaking ? 4 : 2) * k, 0, 100),
    energy_level: clamp(state.energy_level - (speaking ? 0.01 : 0), 0, 1),
    mood: saturatingMove(state.mood, 0.04 * q, -1, 1),
    stress_level: saturatingMove(
      state.stress_level,
      0.05 * Math.max(0, -q) - 0.02 * Math.max(0, q),
      0,
      1,
    ),
    curiosity: saturatingMove(state.curiosity, 0.04 * (effect.interest - 0.5), 0, 1),
  };
}

/** Why a persona cannot talk now, or null when it can. */
export function unavailability(
  state: EmotionalState,
  { now, rules }: RuleClock,
): "cooldown" | "low_energy" | "fatigued" | null {
  if (now < state.cooldown_until) return "cooldown";
  if (state.social_energy < rules.minSocialEnergy) return "low_energy";
  if (state.interaction_fatigue >= rules.maxFatigue) return "fatigued";
  return null;
}

/** True while a persona can stay in a conversation it is already in (see the module notes). */
export function canGoOn(state: EmotionalState, rules: EmotionRules): boolean {
  return state.social_energy >= rules.minSocialEnergy / 2 &&
    state.interaction_fatigue < rules.maxFatigue;
}

/** The earliest time the persona is available again, if nothing else happens. */
export function availableAt(state: EmotionalState, { now, rules }: RuleClock): number {
  const energyHours = Math.max(0, rules.minSocialEnergy - state.social_energy) /
    rules.energyRegenPerHour;
  const fatigueHours = Math.max(0, state.interaction_fatigue - rules.maxFatigue + 0.001) /
    rules.fatigueRecoveryPerHour;
  // Whole milliseconds, as every epoch-ms column stores them (BIGINT on PostgreSQL).
  return Math.max(
    state.cooldown_until,
    Math.ceil(now + Math.max(energyHours, fatigueHours) * 3_600_000),
  );
}

/**
 * Cooldown after a conversation (ms): base × (0.5 when the final score was above 70, 2 when
 * below 30, else 1) × (1 + fatigue/100), rounded to whole milliseconds: it is added to an
 * epoch-ms column (`cooldown_until`, BIGINT on PostgreSQL, which refuses a fraction).
 */
export function cooldownMs(baseSeconds: number, finalScore: number, fatigue: number): number {
  const satisfaction = finalScore > 70 ? 0.5 : finalScore < 30 ? 2 : 1;
  return Math.round(baseSeconds * 1000 * satisfaction * (1 + fatigue / 100));
}
