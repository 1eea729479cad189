/**
 * Dialogues: personas talking to each other, turn by turn, with a continue score. On the wire
 * (and in the simulation's report) a dialogue is a "conversation": `conversation.start`, `turn`,
 * `status`, `list`, `end` and `conversation_id`. A user talking to a persona is a chat
 * (`core/chat/`).
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { DialogueSettings } from "./types.ts";

export { type ContinueScore, continueScore, type ScoreInput } from "./continue_score.ts";
export { type DialogueView, turnContext, turnMinutes } from "./effects.ts";
export { MAX_TOKENS, type ResponseType } from "./prompt.ts";
export {
  type Dialogue,
  dialogueMigrations,
  DialogueRepository,
  type DialogueTurn,
} from "./repository.ts";
export {
  type DialogueRequest,
  DialogueService,
  type DialogueSettings,
  type TurnResult,
} from "./service.ts";
export { type Candidate, chooseSpeaker, willingness } from "./speaker.ts";
export { cleanUtterance, mentions, overlap, sentiment } from "./utterance.ts";

/** Dialogue settings from the configuration. */
export function dialogueSettings(config: Config): DialogueSettings {
  return {
    maxTurns: config.DIALOGUE_MAX_TURNS,
    maxMinutes: config.DIALOGUE_MAX_MINUTES,
    tokenBudget: config.DIALOGUE_TOKEN_BUDGET,
    cooldownSeconds: config.DIALOGUE_COOLDOWN_S,
    highScore: config.CONTINUE_HIGH,
    lowScore: config.CONTINUE_LOW,
    defaultModel: config.DEFAULT_MODEL,
    temperature: config.LLM_TEMPERATURE,
    transcriptTurns: config.PROMPT_HISTORY_TURNS * 2,
    memoryCount: config.PROMPT_MEMORY_COUNT,
    turnMinutes: config.DIALOGUE_TURN_MINUTES,
    // Whole ms: the lease's end is stored in a BIGINT column (DIALOGUE_TURN_LEASE_S may be 0.0505).
    turnLeaseMs: Math.round(config.DIALOGUE_TURN_LEASE_S * 1000),
  };
}
