/**
 * Rooms: group chat of the user with several personas.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { Database } from "../storage/database.ts";
import { RoundClaims } from "./round_claim.ts";
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
export { RoundClaims } from "./round_claim.ts";
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

/**
 * The claims that keep a room's rounds one at a time across nodes: on PostgreSQL (shared by
 * nodes), leased for DIALOGUE_TURN_LEASE_S like a dialogue's turn; none on SQLite (one node,
 * whose in-process gate suffices).
 */
export function roundClaimsFor(db: Database, config: Config): RoundClaims | null {
  return db.dialect === "postgres"
    ? new RoundClaims(db, Math.round(config.DIALOGUE_TURN_LEASE_S * 1000))
    : null;
}
