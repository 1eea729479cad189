/**
 * The seam between chats (and dialogues) and long-term memory. The chat engine asks for memories
 * relevant to a new message (they go into the prompt) and hands over each finished exchange to
 * be remembered. `core/memory/` implements it; without it, chat works and says
 * `memory_stored: false`.
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";
import type { PromptSection } from "./prompt.ts";

/** A memory chosen for the prompt. */
export interface RecalledMemory {
  id: string;
  content: string;
  importance: number;
  memory_type: string;
  created_at: string;
  /** Retrieval score (higher is more relevant). */
  score: number;
}

/** One finished exchange between a sender and a persona. */
export interface ExchangeRecord {
  persona: Persona;
  /** Who spoke to the persona (a user id, or another persona's name). */
  sender: string;
  /** The room or channel, when the client gave one. */
  roomId: string | null;
  message: string;
  response: string;
  /** When the exchange ended (ISO 8601): its memory's time when stored later. */
  at?: string;
}

/** One turn of a dialogue (personas talking to each other), remembered by everyone present. */
export interface TurnRecord {
  dialogueId: string;
  speaker: Persona;
  listeners: Persona[];
  content: string;
  topic: string | null;
  /** The turn's quality, -1..1. */
  quality: number;
}

/** A prompt's recall: at most `limit` memories, for `asker` (whose "I" the query's is). */
export interface RecallOptions {
  limit: number;
  signal?: AbortSignal;
  asker?: string;
}

/** What chats and dialogues need from memory. */
export interface ChatMemory {
  /** Memories of `persona` relevant to `query`, best first; at most `limit`. */
  recall(persona: Persona, query: string, options: RecallOptions): Promise<RecalledMemory[]>;
  /** Stores an exchange as a memory of the persona (importance scored); returns its id. */
  rememberExchange(record: ExchangeRecord): Promise<{ memory_id: string }>;
  /**
   * Queues an exchange to be stored after the reply, at low priority (`write_behind.ts`): the
   * memory's own reads and writes of the persona wait for it, a chat's recall does not. False
   * (nothing queued) while the last such store failed: the caller stores it itself.
   */
  keepExchange?(record: ExchangeRecord, context: { sessionId: string }): boolean;
  /** Stores a dialogue turn: the speaker remembers what it said, listeners what they heard. */
  rememberTurn?(record: TurnRecord): Promise<void>;
}

/**
 * Core memory: text a persona always has in mind (its blocks), placed in every prompt in a
 * stable order. `present` names who the persona is talking with.
 */
export interface CoreMemory {
  sections(persona: Persona, present: readonly string[]): Promise<PromptSection[]>;
}
