/**
 * Dialogues: personas talking to each other, turn by turn, with a continue score. On the wire
 * (and in the simulation's report) a dialogue is a "conversation": `conversation.start`, `turn`,
 * `status`, `list`, `end` and `conversation_id`. A user talking to a persona is a chat
 * (`core/chat/`).
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
export {
  type DialogueRequest,
  DialogueService,
  type DialogueSettings,
  type TurnResult,
} from "./service.ts";
export { type Candidate, chooseSpeaker, willingness } from "./speaker.ts";
export { cleanUtterance, mentions, overlap, sentiment } from "./utterance.ts";
