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
  type EmotionalState,
  type EmotionRules,
  type Emotions,
  restingState,
  type TalkEffect,
  unavailability,
} from "./rules.ts";
export { emotionMigrations, EmotionRepository, type EmotionRow } from "./repository.ts";
export {
  type EmotionalStateView,
  type EmotionPatch,
  EmotionService,
  type EmotionServiceDeps,
  type EmotionSnapshot,
  type EmotionStatus,
  type InteractionStateView,
} from "./service.ts";
