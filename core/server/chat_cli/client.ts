/**
 * The terminal chat's JSON-RPC client: one WebSocket, the active persona, streamed replies
 * (`conversation.chunk` notifications of its own request) and cancellation of the reply in
 * flight (`conversation.cancel`).
 *
 * @module
 */

/** The room the terminal chat talks in, so its history outlives one connection. */
export const TERMINAL_ROOM = "terminal";

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
  method?: string;
  params?: Record<string, unknown>;
}

/** An error the server answered, with its JSON-RPC code and data. */
export class ChatRpcError extends Error {
  /** The JSON-RPC error code. */
  readonly code: number;
  /** The error's `data`, if any. */
  readonly data: unknown;

  /** Wraps the server's `error` member. */
  constructor(error: { code: number; message: string; data?: unknown }) {
    super(error.message);
    this.code = error.code;
    this.data = error.data;
  }
}

/** A chat session with the server. */
export class ChatClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  #onChunk: ((params: Record<string, unknown>) => void) | null = null;
  #nextId = 1;
  #inFlight: number | null = null;
  /** The persona being talked to. */
  personaName = "";
  /** The greeting its card opened this session with (null when it has none). */
  greeting: string | null = null;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as Reply;
      if (message.method === "conversation.chunk" && message.params) {
        this.#onChunk?.(message.params);
      } else if (message.id !== undefined) {
        this.#pending.get(message.id)?.(message);
        this.#pending.delete(message.id);
      }
    });
    socket.addEventListener("close", () => {
      for (const answer of this.#pending.values()) {
        answer({ error: { code: -32603, message: "the server closed the connection" } });
      }
      this.#pending.clear();
    });
  }

  /** Connects to `url`. */
  static async connect(url: string): Promise<ChatClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error("cannot connect")), {
        once: true,
      });
    });
    return new ChatClient(socket);
  }

  /** True while a reply is being written. */
  get replying(): boolean {
    return this.#inFlight !== null;
  }

  async #call(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    const reply = new Promise<Reply>((resolve) => this.#pending.set(id, resolve));
    this.#socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    const answer = await reply;
    if (answer.error) throw new ChatRpcError(answer.error);
    return answer.result ?? {};
  }

  /** Picks `persona` (an id or a name), or the first persona; resolves to its name. */
  async start(persona?: string): Promise<string> {
    if (persona) return await this.switchTo(persona);
    const { personas } = await this.#call("persona.list", {}) as {
      personas: Array<{ name: string }>;
    };
    const first = personas[0];
    if (!first) throw new Error("the server has no persona yet; create one first");
    return await this.switchTo(first.name);
  }

  /** Makes `persona` the one talked to; resolves to its name. */
  async switchTo(persona: string): Promise<string> {
    if (!persona) throw new Error("say whom: /switch NAME");
    let result: Record<string, unknown>;
    try {
      result = await this.#call("persona.switch", { persona_id: persona });
    } catch (error) {
      const unknown = error instanceof ChatRpcError &&
        (error.data as { persona_id?: unknown } | undefined)?.persona_id !== undefined;
      if (!unknown) throw error;
      throw new Error(`no persona named or with id "${persona}"; personas: ${await this.#names()}`);
    }
    this.personaName = String(result.name);
    this.greeting = typeof result.greeting === "string" ? result.greeting : null;
    return this.personaName;
  }

  /** The personas' names, for a message (the first page). */
  async #names(): Promise<string> {
    const { personas } = await this.#call("persona.list", {}) as {
      personas: Array<{ name: string }>;
    };
    return personas.map((persona) => persona.name).join(", ") || "(none yet)";
  }

  /**
   * Sends `content`; `write` gets the reply as it streams. Resolves to a line of figures, or
   * null when the reply was cancelled.
   */
  async send(content: string, write: (text: string) => void): Promise<string | null> {
    const id = this.#nextId;
    this.#inFlight = id;
    this.#onChunk = (params) => {
      if (params.request_id === id) write(String(params.text));
    };
    try {
      const result = await this.#call("conversation.send_message", {
        content,
        room_id: TERMINAL_ROOM,
        stream: true,
      }) as { tokens: { prompt: number; completion: number }; response_time_ms: number };
      return `${result.tokens.completion} tokens, ${result.response_time_ms} ms`;
    } catch (error) {
      if (/cancel/i.test((error as Error).message)) return null;
      throw error;
    } finally {
      this.#inFlight = null;
      this.#onChunk = null;
    }
  }

  /** Cancels the reply in flight. */
  async cancel(): Promise<void> {
    if (this.#inFlight === null) return;
    await this.#call("conversation.cancel", { request_id: this.#inFlight }).catch(() => {});
  }

  /** The last `limit` exchanges, oldest first, as lines. */
  async history(limit: number): Promise<string> {
    const { messages } = await this.#call("conversation.get_history", {
      limit,
      room_id: TERMINAL_ROOM,
    }) as {
      messages: Array<
        { sender: string; content: string; persona_response: string; timestamp: string }
      >;
    };
    if (messages.length === 0) return "(no history yet)\n";
    return [...messages].sort((a, b) => a.timestamp.localeCompare(b.timestamp))
      .map((m) => `${m.sender}: ${m.content}\n${this.personaName}: ${m.persona_response}\n`).join(
        "",
      );
  }

  /** The persona's memories best matching `query`, as lines. */
  async memories(query: string): Promise<string> {
    if (!query) return "Say what to look for: /memory QUERY\n";
    const { memories } = await this.#call("memory.search", { query, n_results: 5 }) as {
      memories: Array<{ content: string; score: number; importance: number }>;
    };
    if (memories.length === 0) return "(no memory matches)\n";
    return memories.map((m) =>
      `- ${m.content} (score ${m.score.toFixed(2)}, importance ${m.importance.toFixed(2)})\n`
    ).join("");
  }

  /** Closes the connection. */
  close(): void {
    this.#socket.close();
  }
}
