/**
 * The chat engine: one message to a persona, an in-character answer from the LLM
 * (streamed when asked), the exchange kept in history and handed to memory.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import { PersonaNotFound } from "../errors.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Session, VisualContext } from "../sessions/mod.ts";
import type { HistoryRepository } from "./history.ts";
import type { ChatMemory } from "./memory_port.ts";
import {
  buildChatMessages,
  buildSituation,
  type PromptSection,
  type PromptWindow,
} from "./prompt.ts";
import { recallSection } from "./recall.ts";

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

/** The answer, with the truth about memory and Ollama's token counts. */
export interface SendMessageResult {
  response: string;
  persona_id: string;
  message_id: string;
  response_time_ms: number;
  memory_stored: boolean;
  model: string;
  tokens: { prompt: number; completion: number };
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
  contributors?: PromptContributor[];
}

/** Runs chats: a message to a persona, its in-character answer. */
export class ChatEngine {
  readonly #deps: EngineDeps;

  /** Creates the engine. */
  constructor(deps: EngineDeps) {
    this.#deps = deps;
  }

  /** Sends `input.content` to the persona and returns its answer. */
  async sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    const { llm, history, clock, settings } = this.#deps;
    const started = performance.now();
    const { persona } = input;
    const scope = input.roomId === null
      ? { personaId: persona.id, sessionId: input.session.id }
      : { personaId: persona.id, roomId: input.roomId };
    const sections = await this.#sections(input);
    const messages = buildChatMessages({
      persona,
      sender: input.sender,
      message: input.content,
      history: history.recent(scope, settings.window.turns),
      window: settings.window,
      visual: input.session.visualContext,
      context: input.context,
      sections,
    });
    let index = 0;
    const answer = await llm.chat({
      model: persona.model ?? settings.defaultModel,
      messages,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      signal: input.signal,
      onToken: input.onChunk && ((text) => input.onChunk!(index++, text)),
    });
    const message = {
      id: `msg_${crypto.randomUUID()}`,
      persona_id: persona.id,
      session_id: input.session.id,
      room_id: input.roomId,
      sender: input.sender,
      content: input.content,
      response: answer.text,
      model: answer.model,
      prompt_tokens: answer.promptTokens,
      completion_tokens: answer.completionTokens,
      response_time_ms: 0,
      created_at: isoTime(clock.now()),
    };
    // The persona may have been deleted while the model spoke: then nothing is kept.
    if (!this.#deps.personas.find(persona.id)) {
      throw new PersonaNotFound(persona.id, "Cannot keep the chat with persona");
    }
    message.response_time_ms = Math.round(performance.now() - started);
    history.append(message);
    input.session.messageCount++;
    const memoryStored = await this.#remember(input, answer.text);
    return {
      response: answer.text,
      persona_id: persona.id,
      message_id: message.id,
      response_time_ms: message.response_time_ms,
      memory_stored: memoryStored,
      model: answer.model,
      tokens: { prompt: answer.promptTokens, completion: answer.completionTokens },
    };
  }

  /**
   * The system prompt `persona` would answer `content` from `sender` with: its character, the
   * scene, its feelings, its relationship with the sender and the memories the message recalls
   * (a client that runs its own model speaks as the persona with it).
   */
  async situation(
    input: Pick<SendMessageInput, "persona" | "sender" | "content" | "signal"> & {
      visual?: VisualContext | null;
    },
  ): Promise<string> {
    const sections = await this.#sections(input);
    return buildSituation({ ...input, sections });
  }

  async #sections(
    input: Pick<SendMessageInput, "persona" | "sender" | "content" | "signal">,
  ): Promise<PromptSection[]> {
    const { contributors = [], settings } = this.#deps;
    const sections: PromptSection[] = [];
    for (const contributor of contributors) {
      const { persona, sender, content: message } = input;
      sections.push(...await contributor.sections({ persona, sender, message }));
    }
    sections.push(
      ...await recallSection(this.#deps, {
        persona: input.persona,
        query: input.content,
        limit: settings.memoryCount,
        signal: input.signal,
      }),
    );
    return sections;
  }

  async #remember(input: SendMessageInput, response: string): Promise<boolean> {
    const { memory, log } = this.#deps;
    if (!memory) return false;
    try {
      await memory.rememberExchange({
        persona: input.persona,
        sender: input.sender,
        roomId: input.roomId,
        message: input.content,
        response,
      });
      return true;
    } catch (error) {
      log.warn("Memory store failed; the answer is returned without it", { error });
      return false;
    }
  }
}
