/**
 * Emotions, social energy, fatigue and cooldowns of personas.
 *
 * @module
 */
export {
  advance,
  applyTalk,
  availableAt,
  canGoOn,
  cooldownMs,
  type Emotions,
  type PersonaState,
  restingState,
  type StateRules,
  type TalkEffect,
  unavailability,
} from "./rules.ts";
export {
  type EmotionalStateView,
  emotionMigrations,
  type EmotionPatch,
  type InteractionStateView,
  PersonaStateService,
  type StateSnapshot,
} from "./service.ts";
