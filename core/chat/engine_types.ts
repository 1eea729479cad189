/**
 * What the chat engine is built from and the shapes of a message and its answer.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { CutEntry } from "../lore/activate.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Session } from "../sessions/mod.ts";
import type { Greeting } from "./greetings.ts";
import type { HistoryRepository } from "./history.ts";
import type { ChatLore } from "./lore_port.ts";
import type { ChatMemory, CoreMemory, RecalledMemory } from "./memory_port.ts";
import type { PromptSection, PromptWindow } from "./prompt.ts";

/** Adds sections to the prompt (relationship with the sender, mood...). */
export interface PromptContributor {
  sections(input: { persona: Persona; sender: string; message: string }): Promise<PromptSection[]>;
}

/** One message to send. */
export interface SendMessageInput {
  persona: Persona;
  session: Session;
  content: string;
  sender: string;
  roomId: string | null;
  context?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Receives each piece of the answer as it arrives (streaming). */
  onChunk?: (index: number, text: string) => void;
}

/** A lorebook entry that fired, as a chat result reports it (its content left out). */
export type { LoreUsed } from "../lore/report.ts";
import type { LoreUsed } from "../lore/report.ts";

/** The answer, with the truth about memory, lore and Ollama's token counts. */
export interface SendMessageResult {
  response: string;
  persona_id: string;
  message_id: string;
  response_time_ms: number;
  memory_stored: boolean;
  model: string;
  tokens: { prompt: number; completion: number };
  /** Present when the model stopped at its token limit (`LLM_MAX_TOKENS`): the reply is cut off. */
  truncated?: true;
  /** The memories recalled into the prompt, most relevant first (what the persona "remembered"). */
  recalled_memories: RecalledMemory[];
  /** Lorebook entries that fired into this prompt, in prompt order (the first 64, 64 KiB). */
  lore_used: LoreUsed[];
  /** How many fired, when `lore_used` lists only the first. */
  lore_used_total?: number;
  /** Entries that matched but were left out (token budget, probability roll). */
  lore_skipped: CutEntry[];
  /** How many were left out, when `lore_skipped` lists only the first. */
  lore_skipped_total?: number;
  /** The greeting that opened this new session just before the message, if any. */
  greeting?: Greeting;
}

/** Tunables of the engine. */
export interface EngineSettings {
  defaultModel: string;
  temperature: number;
  maxTokens: number;
  window: PromptWindow;
  /** Memories recalled into the prompt. */
  memoryCount: number;
}

/** What the engine is built from. */
export interface EngineDeps {
  llm: LlmClient;
  personas: PersonaService;
  history: HistoryRepository;
  clock: Clock;
  log: Logger;
  settings: EngineSettings;
  memory?: ChatMemory | null;
  /** The persona's core memory blocks, first in the prompt's sections. */
  core?: CoreMemory | null;
  contributors?: PromptContributor[];
  /** Lorebooks; without them chats have no lore. */
  lore?: ChatLore | null;
  /**
   * Marks a critical phase of a chat (preparing the prompt; keeping the answer); returns its
   * end. The server's follow-up work waits for quiet between them (`core/jobs/quiet_work.ts`).
   */
  foreground?: () => () => void;
}
