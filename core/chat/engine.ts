/**
 * The chat engine: one message to a persona, an in-character answer from the LLM
 * (streamed when asked), the exchange kept in history and handed to memory.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import { InvalidInput, PersonaNotFound } from "../errors.ts";
import {
  activateLore,
  type CutEntry,
  type FiredEntry,
  type LoreActivation,
} from "../lore/activate.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Session, VisualContext } from "../sessions/mod.ts";
import type { HistoryRepository, PromptMessage, StoredMessage } from "./history.ts";
import type { ChatLore } from "./lore_port.ts";
import type { ChatMemory, CoreMemory, RecalledMemory } from "./memory_port.ts";
import {
  buildChatMessages,
  buildSituation,
  characterName,
  macrosFor,
  type PromptSection,
  type PromptTurn,
  type PromptWindow,
} from "./prompt.ts";
import { recallWithSection } from "./recall.ts";

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
export type LoreUsed = Omit<FiredEntry, "content">;

/** The answer, with the truth about memory, lore and Ollama's token counts. */
export interface SendMessageResult {
  response: string;
  persona_id: string;
  message_id: string;
  response_time_ms: number;
  memory_stored: boolean;
  model: string;
  tokens: { prompt: number; completion: number };
  /** The memories recalled into the prompt, most relevant first (what the persona "remembered"). */
  recalled_memories: RecalledMemory[];
  /** Lorebook entries that fired into this prompt, in prompt order. */
  lore_used: LoreUsed[];
  /** Entries that matched but were left out (token budget, probability roll). */
  lore_skipped: CutEntry[];
  /** The greeting that opened this new session just before the message, if any. */
  greeting?: Greeting;
}

/** The persona's opening line of a session. */
export interface Greeting {
  message_id: string;
  /** 0: the card's `first_mes`; n: its n-th alternate greeting. */
  index: number;
  text: string;
}

/** Which greeting to open a session with, for whom. */
export interface GreetInput {
  persona: Persona;
  session: Session;
  /** Who the greeting is for (`{{user}}`). */
  user: string;
  /** 0 (default) for `first_mes`, n for the n-th alternate greeting. */
  index?: number;
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

/** The text of greeting `index` of `persona` (0: `first_mes`), or "" when it has none. */
function greetingText(persona: Persona, index: number): string {
  const text = index === 0 ? persona.first_mes : persona.alternate_greetings[index - 1];
  return text?.trim() ? text : "";
}

/** A stored message as a prompt turn. */
function promptTurn(message: PromptMessage): PromptTurn {
  return {
    sender: message.sender,
    content: message.content,
    response: message.response,
    kind: message.kind,
  };
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
    const { foreground } = this.#deps;
    const started = performance.now();
    // Follow-up work (the mind's reactions) waits while this chat prepares its prompt and
    // while it keeps the answer, not while the model thinks.
    let phase = foreground?.();
    try {
      return await this.#send(input, {
        started,
        asking: () => phase?.(),
        answered: () => (phase = foreground?.()),
      });
    } finally {
      phase?.();
    }
  }

  async #send(
    input: SendMessageInput,
    marks: { started: number; asking(): void; answered(): void },
  ): Promise<SendMessageResult> {
    const { llm, history, clock, settings } = this.#deps;
    const { started } = marks;
    const { persona } = input;
    // The first message of a new session with a persona comes after its greeting.
    const greeting = input.roomId === null
      ? await this.greet({ persona, session: input.session, user: input.sender }) ?? undefined
      : undefined;
    const scope = input.roomId === null
      ? { personaId: persona.id, sessionId: input.session.id }
      : { personaId: persona.id, roomId: input.roomId };
    const recent = await history.promptWindow(scope, settings.window.turns);
    const turns = recent.map(promptTurn);
    const lore = await this.#lore(input, recent);
    const { sections, recalled } = await this.#sections(input);
    const messages = buildChatMessages({
      persona,
      sender: input.sender,
      message: input.content,
      history: turns,
      window: settings.window,
      visual: input.session.visualContext,
      context: input.context,
      sections,
      lore,
    });
    let index = 0;
    marks.asking();
    const answer = await llm.chat({
      model: persona.model ?? settings.defaultModel,
      messages,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      signal: input.signal,
      onToken: input.onChunk && ((text) => input.onChunk!(index++, text)),
    });
    marks.answered();
    const message: StoredMessage = {
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
      kind: "exchange",
      greeting_index: null,
    };
    // The persona may have been deleted while the model spoke: then nothing is kept.
    if (!await this.#deps.personas.find(persona.id)) {
      throw new PersonaNotFound(persona.id, "Cannot keep the chat with persona");
    }
    message.response_time_ms = Math.round(performance.now() - started);
    await history.append(message);
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
      recalled_memories: recalled,
      lore_used: lore.fired.map(({ content: _content, ...used }) => used),
      lore_skipped: lore.cut,
      ...(greeting ? { greeting } : {}),
    };
  }

  /**
   * Opens a new session with the persona's greeting (`first_mes`, or alternate greeting
   * `index`), stored as the session's first message. Null when the persona has no such greeting
   * or the session has begun.
   */
  async greet(input: GreetInput): Promise<Greeting | null> {
    const { persona, session } = input;
    const index = input.index ?? 0;
    const text = greetingText(persona, index);
    if (!text || await this.#deps.history.hasSessionMessages(persona.id, session.id)) return null;
    const message: StoredMessage = {
      id: `msg_${crypto.randomUUID()}`,
      persona_id: persona.id,
      session_id: session.id,
      room_id: null,
      sender: "",
      content: "",
      response: macrosFor(persona, input.user)(text),
      model: "",
      prompt_tokens: 0,
      completion_tokens: 0,
      response_time_ms: 0,
      created_at: isoTime(this.#deps.clock.now()),
      kind: "greeting",
      greeting_index: index,
    };
    await this.#deps.history.append(message);
    return { message_id: message.id, index, text: message.response };
  }

  /** The greeting the session opened with, if it opened with one. */
  async openingGreeting(persona: Persona, session: Session): Promise<Greeting | null> {
    const first = await this.#deps.history.first({
      personaId: persona.id,
      sessionId: session.id,
      roomId: null,
    });
    return first?.kind === "greeting"
      ? { message_id: first.id, index: first.greeting_index ?? 0, text: first.response }
      : null;
  }

  /**
   * Picks greeting `index` (0 `first_mes`, n the n-th alternate) for the session: it opens a new
   * session, or replaces the greeting while nothing else has been said (like a swipe).
   */
  async chooseGreeting(input: GreetInput & { index: number }): Promise<Greeting> {
    const { persona, session, index } = input;
    const count = 1 + persona.alternate_greetings.length;
    const text = greetingText(persona, index);
    if (!text) {
      throw new InvalidInput(`${persona.name} has no greeting ${index}`, [{
        field: "index",
        message: `must name a greeting of ${persona.name}: 0 (first_mes) to ${count - 1}`,
      }]);
    }
    const opened = await this.greet(input);
    if (opened) return opened;
    const scope = { personaId: persona.id, sessionId: session.id, roomId: null };
    const [only] = await this.#deps.history.recent(scope, 2);
    if (
      await this.#deps.history.countInSession(persona.id, session.id) !== 1 ||
      only?.kind !== "greeting"
    ) {
      throw new InvalidInput(
        `The chat with ${persona.name} has begun: a greeting can only be picked before the first message`,
        [{ field: "index", message: "cannot change the greeting of a session that has begun" }],
      );
    }
    const response = macrosFor(persona, input.user)(text);
    await this.#deps.history.replaceGreeting(only.id, { response, index });
    return { message_id: only.id, index, text: response };
  }

  async #lore(input: SendMessageInput, recent: readonly PromptMessage[]): Promise<LoreActivation> {
    const { lore } = this.#deps;
    const books = await lore?.booksFor(input.persona, input.roomId) ?? [];
    if (!lore || books.length === 0) return { fired: [], cut: [] };
    const name = characterName(input.persona);
    const messages = recent.flatMap((m) =>
      m.kind === "greeting" ? [{ name, text: m.response }] : [
        { name: m.sender, text: m.content },
        { name, text: m.response },
      ]
    );
    messages.push({ name: input.sender, text: input.content });
    const greeting = recent.find((m) => m.kind === "greeting");
    return activateLore({
      books,
      messages,
      defaults: lore.defaults,
      substitute: macrosFor(input.persona, input.sender),
      characterMessages: input.roomId === null
        ? await this.#deps.history.countInSession(input.persona.id, input.session.id)
        : recent.length,
      greetingIndex: greeting?.greeting_index ?? null,
    });
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
    const { sections } = await this.#sections(input);
    return buildSituation({ ...input, sections });
  }

  async #sections(
    input: Pick<SendMessageInput, "persona" | "sender" | "content" | "signal">,
  ): Promise<{ sections: PromptSection[]; recalled: RecalledMemory[] }> {
    const { contributors = [], settings, core } = this.#deps;
    const sections: PromptSection[] = [];
    if (core) sections.push(...await core.sections(input.persona, [input.sender]));
    for (const contributor of contributors) {
      const { persona, sender, content: message } = input;
      sections.push(...await contributor.sections({ persona, sender, message }));
    }
    const recall = await recallWithSection(this.#deps, {
      persona: input.persona,
      query: input.content,
      limit: settings.memoryCount,
      signal: input.signal,
    });
    sections.push(...recall.sections);
    return { sections, recalled: recall.recalled };
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
