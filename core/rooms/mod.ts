/**
 * Rooms: group chat of the user with several personas.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { RoomSettings } from "./service.ts";

export {
  type Member,
  type Room,
  type RoomMessage,
  roomMigrations,
  RoomRepository,
} from "./repository.ts";
export { LISTED_SCENARIO_MAX } from "./listed.ts";
export {
  type CreateRoomInput,
  type ListedRoom,
  MAX_ROOM_MEMBERS,
  type RoomMemory,
  type RoomMemoryInput,
  type RoomReply,
  type RoomSendResult,
  RoomService,
  type RoomView,
} from "./service.ts";
export { nextInRound, type ReplyMode, talkativenessOf } from "./speakers.ts";

/** Room settings from the configuration. */
export function roomSettings(config: Config): RoomSettings {
  return {
    defaultModel: config.DEFAULT_MODEL,
    temperature: config.LLM_TEMPERATURE,
    maxTokens: config.LLM_MAX_TOKENS,
    transcriptLines: config.PROMPT_HISTORY_TURNS * 2,
    memoryCount: config.PROMPT_MEMORY_COUNT,
    highScore: config.CONTINUE_HIGH,
    roundTokenBudget: config.DIALOGUE_TOKEN_BUDGET,
  };
}
