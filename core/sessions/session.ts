/**
 * One client's session: its active persona, its visual context and its requests in flight.
 * Each WebSocket connection owns exactly one; nothing here is shared between connections.
 *
 * @module
 */

/** The id a client gave its request (a JSON-RPC id: string, number or null). */
export type RequestId = string | number | null;

/**
 * How the session's client is connected. A `stateless` session serves one MCP 2026-07-28
 * request and is never registered: that revision has no sessions.
 */
export type SessionKind = "websocket" | "rest" | "http" | "stdio" | "internal" | "stateless";

/** The scene a client describes with `visual.update`; later put into the persona's prompt. */
export interface VisualContext {
  type: string;
  data: unknown;
  updated_at: string;
}

/** The abort reason of a request the client cancelled. */
export class CancelRequest extends Error {
  /** Whether the cancelled request is still answered (with a -32800 error). */
  readonly reply: boolean;

  constructor(message: string, reply: boolean) {
    super(message);
    this.name = "CancelRequest";
    this.reply = reply;
  }
}

/** A client's session. */
export class Session {
  /** Stable id, reported by `session.get_info`. */
  readonly id: string;
  /**
   * True when this process made the id up (none was given): no message can have been stored
   * under it before this process stores one, so a new session's history is known to be empty
   * without reading it (`core/chat/session_windows.ts`).
   */
  readonly fresh: boolean;
  /** Transport kind. */
  readonly kind: SessionKind;
  /** When the client connected. */
  readonly connectedAt: Date;
  /** The persona chat methods talk to, when chosen. */
  activePersonaId: string | null = null;
  /** The scene, as last described by the client. */
  visualContext: VisualContext | null = null;
  /** Chat messages sent in this session. */
  messageCount = 0;
  /** JSON-RPC requests handled in this session. */
  requestCount = 0;
  /**
   * Last activity, in epoch ms, for the sessions that expire when idle (REST, Streamable HTTP);
   * a WebSocket or stdio session's stays its opening time (it lives as long as its connection).
   */
  lastSeen: number;
  /**
   * What the client's protocol layer negotiated (MCP: the revision and log level), JSON-able:
   * kept with the session so that a shared session brings it to every node.
   */
  protocolState: Record<string, unknown> | null = null;
  /**
   * Requests in flight and, at the same index, their JSON-RPC id (undefined for notifications and
   * direct calls). Arrays, not a map: a session rarely has more than a few, and a map keyed by
   * each request's controller cost more per request than the handler of a `ping`.
   */
  readonly #inflight: AbortController[] = [];
  readonly #inflightIds: Array<RequestId | undefined> = [];
  /** Read when a request finishes, for sessions that expire when idle (else none: no cost). */
  readonly #clock: (() => number) | undefined;
  readonly #owner: string | null | undefined;
  #closed = false;

  /**
   * Creates a session of `kind`. With `options.clock`, `lastSeen` moves also when each request
   * finishes (a request running for minutes leaves its session used just now, not idle). With
   * `options.owner`, the session's MCP tasks belong to it (see {@linkcode Session.taskOwner}).
   */
  constructor(
    kind: SessionKind,
    now = Date.now(),
    id?: string,
    options: { clock?: () => number; owner?: string | null } = {},
  ) {
    this.id = id ?? crypto.randomUUID();
    this.fresh = id === undefined;
    this.kind = kind;
    this.connectedAt = new Date(now);
    this.lastSeen = now;
    this.#clock = options.clock;
    this.#owner = options.owner;
  }

  /**
   * Who the MCP tasks started in this session belong to, and who alone may read or cancel them:
   * the session itself (`session:<id>`) for a session that outlives its requests (WebSocket,
   * stdio, a legacy MCP HTTP session), else what it was given (a stateless request: its parent
   * connection's owner, or the client's authenticated principal), or null: nobody, the task's
   * random id is then the only key to it.
   */
  get taskOwner(): string | null {
    if (this.#owner !== undefined) return this.#owner;
    return this.kind === "stateless" ? null : `session:${this.id}`;
  }

  /** True once the client is gone; late work for it is dropped. */
  get closed(): boolean {
    return this.#closed;
  }

  /** True while a request of this session runs. */
  get busy(): boolean {
    return this.#inflight.length > 0;
  }

  /** Forgets the active persona and the visual context (the connection stays open). */
  clear(): void {
    this.activePersonaId = null;
    this.visualContext = null;
  }

  /** Registers a request in flight; its controller aborts on cancel or close. */
  track(requestId: RequestId | undefined): AbortController {
    const controller = new AbortController();
    if (this.#closed) controller.abort(new Error("session closed"));
    else {
      this.#inflight.push(controller);
      this.#inflightIds.push(requestId);
    }
    return controller;
  }

  /** Removes a finished request (the session was used until now: `lastSeen`, given a clock). */
  untrack(controller: AbortController): void {
    const at = this.#inflight.lastIndexOf(controller);
    if (at < 0) return;
    if (this.#clock !== undefined) this.lastSeen = this.#clock();
    // The last one takes its place (order means nothing here).
    const last = this.#inflight.length - 1;
    this.#inflight[at] = this.#inflight[last]!;
    this.#inflightIds[at] = this.#inflightIds[last];
    this.#inflight.pop();
    this.#inflightIds.pop();
  }

  /** Ids of the requests in flight (those that have one). */
  inflightIds(): RequestId[] {
    return this.#inflightIds.filter((id): id is RequestId => id !== undefined);
  }

  /**
   * Aborts the requests with `requestId` (1 and "1" differ); false when none is in flight. With
   * `reply: false` they get no answer at all (MCP's `notifications/cancelled`).
   */
  cancel(
    requestId: RequestId,
    reason = "cancelled by the client",
    options: { reply?: boolean } = {},
  ): boolean {
    // Chosen first: an abort's listeners may end other requests of this session meanwhile.
    const chosen = this.#inflight.filter((_, at) => this.#inflightIds[at] === requestId);
    for (const controller of chosen) {
      controller.abort(new CancelRequest(reason, options.reply ?? true));
    }
    return chosen.length > 0;
  }

  /** Marks the session closed and aborts everything in flight. */
  close(reason = "connection closed"): void {
    this.#closed = true;
    const controllers = this.#inflight.splice(0);
    this.#inflightIds.length = 0;
    for (const controller of controllers) controller.abort(new Error(reason));
  }
}
