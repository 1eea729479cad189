/**
 * Persona-to-persona conversations with a continue score.
 *
 * @module
 */
export { type ContinueScore, continueScore, type ScoreInput } from "./continue_score.ts";
export { type DialogueView, turnContext, turnMinutes } from "./effects.ts";
export { MAX_TOKENS, type ResponseType } from "./prompt.ts";
export {
  type Dialogue,
  dialogueMigrations,
  DialogueRepository,
  type DialogueTurn,
} from "./repository.ts";
export { DialogueService, type DialogueSettings, type TurnResult } from "./service.ts";
export { type Candidate, chooseSpeaker, willingness } from "./speaker.ts";
export { cleanUtterance, mentions, overlap, sentiment } from "./utterance.ts";
