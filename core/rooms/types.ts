/**
 * What rooms are built from and what they answer with: their ports to memory, their settings,
 * and the shapes of a room, a reply and a round, shared by the service and the round.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { ChatLore } from "../chat/lore_port.ts";
import type { ChatMemory, CoreMemory } from "../chat/memory_port.ts";
import type { EmotionService } from "../emotions/mod.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { FiredEntry } from "../lore/activate.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { RelationshipService } from "../relationships/mod.ts";
import type { Relay } from "../storage/relay.ts";
import type { Room, RoomRepository } from "./repository.ts";
import type { RoundClaims } from "./round_claim.ts";
import type { ReplyMode, RoomSpeakerReason } from "./speakers.ts";

/** One line to remember, as the memory store takes it. */
export interface RoomMemoryInput {
  content: string;
  memory_type: string;
  emotional_valence: number;
  related_personas: string[];
  visibility: "private";
  metadata: Record<string, string>;
  /** When the line was said (ISO); set when a failed store is tried again later. */
  created_at?: string;
}

/** What rooms need from long-term memory. */
export interface RoomMemory extends Pick<ChatMemory, "recall"> {
  /**
   * Stores a line as a memory of one member present; `thread` is the room, `id` the memory's
   * (one per line and member: a second store of it fails instead of storing a duplicate).
   */
  store(
    persona: Persona,
    input: RoomMemoryInput,
    options: { origin: "room"; thread: string; id?: string; signal?: AbortSignal },
  ): Promise<unknown>;
  /**
   * The memory with `id`; throws `NotFound` when there is none. A retry asks first whether the
   * store whose answer it never had was written after all (`memory_retry.ts`).
   */
  get?(id: string): Promise<{ persona_id: string }>;
}

/** Tunables (settings). */
export interface RoomSettings {
  defaultModel: string;
  temperature: number;
  maxTokens: number;
  /** Lines of the transcript in a prompt. */
  transcriptLines: number;
  memoryCount: number;
  /** CONTINUE_HIGH. */
  highScore: number;
  /** Completion tokens one round may use before the continue score's budget runs dry. */
  roundTokenBudget: number;
}

/** What the service is built from. */
export interface RoomDeps {
  repository: RoomRepository;
  personas: PersonaService;
  emotions: EmotionService;
  relationships: RelationshipService;
  llm: LlmClient;
  clock: Clock;
  log: Logger;
  settings: RoomSettings;
  memory?: RoomMemory | null;
  /** The speaker's core memory blocks, first in its prompt's sections. */
  core?: CoreMemory | null;
  lore?: ChatLore | null;
  /** Tells the other nodes (PostgreSQL) which speakers' model calls to stop (`speaking.ts`). */
  relay?: Relay | undefined;
  /**
   * Keeps a room's rounds one at a time across nodes (PostgreSQL, `round_claim.ts`); absent on
   * SQLite, where the service's in-process gate is enough.
   */
  rounds?: RoundClaims | null;
  /** The server's lifetime: when it ends, line memories still waiting to be stored are dropped. */
  lifetime?: AbortSignal;
}

/** A room as the API shows it. */
export interface RoomView extends Room {
  members: Array<{ persona_id: string; name: string; joined_at: string }>;
  message_count: number;
}

/**
 * A room as `room.list` shows it: its scenario an excerpt, `scenario_truncated` when that is not
 * all of it (`listed.ts`).
 */
export type ListedRoom = RoomView & { scenario_truncated?: true };

/** One persona's reply in a round. */
export interface RoomReply {
  message_id: string;
  persona_id: string;
  speaker: string;
  content: string;
  reason: RoomSpeakerReason;
  continue_score?: number;
  /** The first 32 entries that fired (8 KiB), and how many fired when that is not all. */
  lore_used: Array<Omit<FiredEntry, "content">>;
  lore_used_total?: number;
  model: string;
  tokens: { prompt: number; completion: number };
  /** Present when the model stopped at its token limit and the reply is cut off. */
  truncated?: true;
}

/** A user message to a room. */
export interface RoomSendInput {
  roomId: string;
  content: string;
  sender: string;
  signal?: AbortSignal;
  /** Receives each piece of each reply as it arrives, with its speaker. */
  onChunk?: (speaker: Persona, index: number, text: string) => void;
}

/** The outcome of a user message: its line and the replies. */
export interface RoomSendResult {
  room_id: string;
  message_id: string;
  replies: RoomReply[];
}

/** Options of a new room. */
export interface CreateRoomInput {
  personas: Persona[];
  name?: string;
  scenario?: string;
  replyMode?: ReplyMode;
  maxReplies?: number;
  /**
   * Runs in the transaction that creates the room, after its members joined (attaching its
   * lorebooks): when it throws, no room is left.
   */
  within?: (room: Room) => Promise<void>;
}
