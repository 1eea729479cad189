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

/**
 * Requests a running batch has not started yet (`core/server/rpc/batch.ts`): not tracked as in
 * flight, so a cancel of one is given to them (see {@linkcode Session.waitingInBatch}).
 */
export interface UnstartedRequests {
  /**
   * Keeps the request `requestId` from starting when it is one of them (true then); with
   * `reply` it is still answered, with the -32800 error, as a running one would be.
   */
  cancel(requestId: RequestId, reply: boolean): boolean;
  /** The ids of its requests not started yet (a cancel would reach them). */
  ids(): RequestId[];
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
   * The client's network as the transport saw it (`clientNetwork`: an IPv4 address, an IPv6 /64;
   * behind `TRUSTED_PROXIES` the client a proxy forwards for), what per-client caps count by
   * (MAX_LISTENS_PER_CLIENT); undefined where none is known (stdio, in-process calls). A node's
   * own view, never shared with other nodes.
   */
  client: string | undefined;
  /** When the client connected, in epoch ms (a number: a `Date` held ~90 bytes a session). */
  readonly #connectedAt: number;
  /**
   * Requests in flight, each followed by its JSON-RPC id (undefined for notifications and direct
   * calls); none while none runs. One array, not a map: a session rarely has more than a few, and
   * a map keyed by each request's controller cost more per request than the handler of a `ping`.
   * Made by the first request and let go by the last: an idle session holds no array (a used
   * one kept ~300 bytes of spare room, `core/server/README.md`).
   */
  #inflight: Array<AbortController | RequestId | undefined> | undefined;
  /** Read when a request finishes, for sessions that expire when idle (else none: no cost). */
  readonly #clock: (() => number) | undefined;
  readonly #owner: string | null | undefined;
  #closed = false;
  /** Running batches whose requests have not all started; none while no batch runs. */
  #unstarted: Set<UnstartedRequests> | undefined;

  /**
   * Creates a session of `kind`. With `options.clock`, `lastSeen` moves also when each request
   * finishes (a request running for minutes leaves its session used just now, not idle). With
   * `options.owner`, the session's MCP tasks belong to it (see {@linkcode Session.taskOwner});
   * `options.client` is {@linkcode Session.client}.
   */
  constructor(
    kind: SessionKind,
    now = Date.now(),
    id?: string,
    options: { clock?: () => number; owner?: string | null; client?: string } = {},
  ) {
    this.id = id ?? crypto.randomUUID();
    this.fresh = id === undefined;
    this.kind = kind;
    this.#connectedAt = now;
    this.lastSeen = now;
    this.#clock = options.clock;
    this.#owner = options.owner;
    this.client = options.client;
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

  /** When the client connected. */
  get connectedAt(): Date {
    return new Date(this.#connectedAt);
  }

  /** True once the client is gone; late work for it is dropped. */
  get closed(): boolean {
    return this.#closed;
  }

  /** True while a request of this session runs. */
  get busy(): boolean {
    return this.#inflight !== undefined;
  }

  /**
   * True while {@linkcode idsInUse} may name an id: a request in flight, or a batch's not started
   * yet. A field read, for a connection's message that comes alone (`connection.ts`).
   */
  get usesIds(): boolean {
    return this.#inflight !== undefined || this.#unstarted !== undefined;
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
    else if (this.#inflight === undefined) this.#inflight = [controller, requestId];
    else this.#inflight.push(controller, requestId);
    return controller;
  }

  /** Removes a finished request (the session was used until now: `lastSeen`, given a clock). */
  untrack(controller: AbortController): void {
    const inflight = this.#inflight;
    // A controller is never equal to an id, so what is found is a controller's (even) index.
    const at = inflight === undefined ? -1 : inflight.lastIndexOf(controller);
    if (inflight === undefined || at < 0) return;
    if (this.#clock !== undefined) this.lastSeen = this.#clock();
    if (inflight.length === 2) {
      this.#inflight = undefined;
      return;
    }
    // The last one takes its place (order means nothing here).
    const last = inflight.length - 2;
    inflight[at] = inflight[last];
    inflight[at + 1] = inflight[last + 1];
    inflight.length = last;
  }

  /** Ids of the requests in flight (those that have one). */
  inflightIds(): RequestId[] {
    const ids: RequestId[] = [];
    const inflight = this.#inflight ?? [];
    for (let at = 1; at < inflight.length; at += 2) {
      const id = inflight[at] as RequestId | undefined;
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /**
   * Ids a new request of this session may not reuse: those in flight and those a running batch
   * has not started yet (a cancel of the id would reach both, and the client could not tell
   * their answers apart). Costs nothing more while no batch runs.
   */
  idsInUse(): RequestId[] {
    const ids = this.inflightIds();
    for (const batch of this.#unstarted ?? []) ids.push(...batch.ids());
    return ids;
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
    const chosen: AbortController[] = [];
    const inflight = this.#inflight ?? [];
    for (let at = 0; at < inflight.length; at += 2) {
      if (inflight[at + 1] === requestId) chosen.push(inflight[at] as AbortController);
    }
    for (const controller of chosen) {
      controller.abort(new CancelRequest(reason, options.reply ?? true));
    }
    // A batch item not started yet is tracked only once it starts: its batch skips it instead.
    let unstarted = false;
    const reply = options.reply ?? true;
    for (const batch of this.#unstarted ?? []) {
      unstarted = batch.cancel(requestId, reply) || unstarted;
    }
    return chosen.length > 0 || unstarted;
  }

  /**
   * Gives `batch`'s requests not started yet the cancels of this session until the returned
   * function is called (the batch has started them all).
   */
  waitingInBatch(batch: UnstartedRequests): () => void {
    (this.#unstarted ??= new Set()).add(batch);
    return () => {
      this.#unstarted?.delete(batch);
      if (this.#unstarted?.size === 0) this.#unstarted = undefined;
    };
  }

  /** Marks the session closed and aborts everything in flight. */
  close(reason = "connection closed"): void {
    this.#closed = true;
    const inflight = this.#inflight ?? [];
    this.#inflight = undefined;
    for (let at = 0; at < inflight.length; at += 2) {
      (inflight[at] as AbortController).abort(new Error(reason));
    }
  }
}
