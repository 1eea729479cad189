/**
 * The chat engine: one message to a persona, an in-character answer from the LLM
 * (streamed when asked), the exchange kept in history and handed to memory. A session's
 * greeting is `greetings.ts`; the engine's shapes are `engine_types.ts`.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import type { LoreActivation } from "../lore/activate.ts";
import { loreCharacterOf } from "../lore/chat_activation.ts";
import { chatLoreReport } from "../lore/report.ts";
import type { Persona } from "../personas/mod.ts";
import type { Session, VisualContext } from "../sessions/mod.ts";
import type { EngineDeps, SendMessageInput, SendMessageResult } from "./engine_types.ts";
import {
  chooseGreeting,
  greet,
  type Greeting,
  type GreetingDeps,
  type GreetInput,
  openingGreeting,
} from "./greetings.ts";
import { type PromptMessage, type StoredMessage, storedText } from "./history.ts";
import type { RecalledMemory } from "./memory_port.ts";
import {
  buildChatMessages,
  buildSituation,
  characterName,
  macrosFor,
  type PromptSection,
  type PromptTurn,
} from "./prompt.ts";
import { keepExchange } from "./keep_exchange.ts";
import { recallWithSection } from "./recall.ts";
import { SessionWindows } from "./session_windows.ts";
import { WindowedHistory } from "./windowed_history.ts";

export type {
  EngineDeps,
  EngineSettings,
  LoreUsed,
  PromptContributor,
  SendMessageInput,
  SendMessageResult,
} from "./engine_types.ts";
export type { Greeting, GreetInput } from "./greetings.ts";

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
  /** The prompt windows of this process's sessions, kept between their chats. */
  readonly #windows = new SessionWindows();
  /** What greetings in each session read and write (see {@linkcode ChatEngine.greet}). */
  readonly #greetings = new WeakMap<Session, GreetingDeps>();

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
    const count = settings.window.turns;
    const recent = input.roomId === null
      ? await this.#windows.read(
        input.session,
        { personaId: persona.id, count },
        () => history.promptWindow(scope, count),
      )
      : await history.promptWindow(scope, count);
    const turns = recent.map(promptTurn);
    const lore = await this.#lore(input, recent);
    const { sections, recalled, recallFailed } = await this.#sections(input);
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
      // A person waits for this reply: a background job's model call gives way to it.
      cutsBackground: true,
      onToken: input.onChunk && ((text) => input.onChunk!(index++, text)),
    });
    marks.answered();
    const message: StoredMessage = {
      id: `msg_${crypto.randomUUID()}`,
      persona_id: persona.id,
      session_id: input.session.id,
      room_id: input.roomId,
      // As the database gives them back: the session's kept window holds these texts too.
      sender: storedText(input.sender),
      content: storedText(input.content),
      response: storedText(answer.text),
      model: answer.model,
      prompt_tokens: answer.promptTokens,
      completion_tokens: answer.completionTokens,
      response_time_ms: 0,
      created_at: isoTime(clock.now()),
      kind: "exchange",
      greeting_index: null,
    };
    // The persona may have been deleted while the model spoke: then nothing is kept. The
    // history row's foreign key says so (`HistoryRepository.append` throws PersonaNotFound),
    // without a lookup of the persona on every chat.
    message.response_time_ms = Math.round(performance.now() - started);
    // A room's message is in the session's window too (its scope is persona and session).
    await this.#windows.append(input.session, message, () => history.append(message));
    input.session.messageCount++;
    // The reply as kept (history, memory, the answer) alike; streamed chunks went out as spoken.
    // One cut at the token limit is remembered as cut off ("…"), not as a finished thought.
    const remembered = answer.truncated ? `${message.response}…` : message.response;
    const memoryStored = await keepExchange(this.#deps, input, {
      response: remembered,
      at: message.created_at,
      later: !recallFailed,
    });
    return {
      response: message.response,
      persona_id: persona.id,
      message_id: message.id,
      response_time_ms: message.response_time_ms,
      memory_stored: memoryStored,
      model: answer.model,
      tokens: { prompt: answer.promptTokens, completion: answer.completionTokens },
      ...(answer.truncated ? { truncated: true as const } : {}),
      recalled_memories: recalled,
      ...chatLoreReport(lore),
      ...(greeting ? { greeting } : {}),
    };
  }

  /**
   * Opens a new session with the persona's greeting (`first_mes`, or alternate greeting
   * `index`), stored as the session's first message. Null when the persona has no such greeting
   * or the session has begun.
   */
  greet(input: GreetInput): Promise<Greeting | null> {
    return greet(this.#greetingDeps(input.session), input);
  }

  /** The greeting the session opened with, if it opened with one. */
  openingGreeting(persona: Persona, session: Session): Promise<Greeting | null> {
    return openingGreeting(this.#deps, { persona, session });
  }

  /**
   * Picks greeting `index` (0 `first_mes`, n the n-th alternate) for the session: it opens a new
   * session, or replaces the greeting while nothing else has been said (like a swipe).
   */
  chooseGreeting(input: GreetInput & { index: number }): Promise<Greeting> {
    return chooseGreeting(this.#greetingDeps(input.session), input);
  }

  /** What greetings in `session` read and write: their writes keep its window current. */
  #greetingDeps(session: Session): GreetingDeps {
    let deps = this.#greetings.get(session);
    if (!deps) {
      const { history, clock } = this.#deps;
      deps = { clock, history: new WindowedHistory(history, this.#windows, session) };
      this.#greetings.set(session, deps);
    }
    return deps;
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
    const { persona, session } = input;
    const rows = input.roomId === null
      ? await this.#deps.history.countInSession(persona.id, session.id)
      : recent.length;
    return await lore.activate({
      books,
      messages,
      defaults: lore.defaults,
      substitute: macrosFor(persona, input.sender),
      characterMessages: rows,
      greetingIndex: greeting?.greeting_index ?? null,
      character: loreCharacterOf(persona),
      // The session's messages (each exchange two, its greeting one) and the new one, for the
      // lore's delay and timed effects; a persona's chat in a room keeps none (its window counts).
      chat: input.roomId === null
        ? {
          id: { personaId: persona.id, sessionId: session.id },
          length: async () => 2 * rows + 1 - (await this.openingGreeting(persona, session) ? 1 : 0),
        }
        : undefined,
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
  ): Promise<{ sections: PromptSection[]; recalled: RecalledMemory[]; recallFailed: boolean }> {
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
      asker: input.sender,
    });
    sections.push(...recall.sections);
    return { sections, recalled: recall.recalled, recallFailed: recall.failed === true };
  }
}
