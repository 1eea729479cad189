/**
 * One client's session: its active persona, its visual context and its requests in flight.
 * Each WebSocket connection owns exactly one; nothing here is shared between connections.
 *
 * @module
 */
import type { JsonRpcId } from "../rpc/envelope.ts";

/** How the session's client is connected. */
export type SessionKind = "websocket" | "rest" | "http" | "stdio" | "internal";

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
  /** Last activity, in epoch ms; REST sessions expire when idle. */
  lastSeen: number;
  readonly #inflight = new Map<string, AbortController>();
  #closed = false;

  /** Creates a session of `kind`. */
  constructor(kind: SessionKind, now = Date.now(), id: string = crypto.randomUUID()) {
    this.id = id;
    this.kind = kind;
    this.connectedAt = new Date(now);
    this.lastSeen = now;
  }

  /** True once the client is gone; late work for it is dropped. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Forgets the active persona and the visual context (the connection stays open). */
  clear(): void {
    this.activePersonaId = null;
    this.visualContext = null;
  }

  /** Registers a request in flight; its controller aborts on cancel or close. */
  track(requestId: JsonRpcId | undefined): AbortController {
    const controller = new AbortController();
    if (this.#closed) controller.abort(new Error("session closed"));
    else if (requestId !== undefined) this.#inflight.set(keyOf(requestId), controller);
    return controller;
  }

  /** Removes a finished request (only if it is still the one registered under its id). */
  untrack(requestId: JsonRpcId | undefined, controller: AbortController): void {
    if (requestId === undefined) return;
    const key = keyOf(requestId);
    if (this.#inflight.get(key) === controller) this.#inflight.delete(key);
  }

  /** Ids of the requests in flight. */
  inflightIds(): JsonRpcId[] {
    return [...this.#inflight.keys()].map((key) => JSON.parse(key) as JsonRpcId);
  }

  /**
   * Aborts the request with `requestId`; false when no such request is in flight. With
   * `reply: false` the request gets no answer at all (MCP's `notifications/cancelled`).
   */
  cancel(
    requestId: JsonRpcId,
    reason = "cancelled by the client",
    options: { reply?: boolean } = {},
  ): boolean {
    const controller = this.#inflight.get(keyOf(requestId));
    if (!controller) return false;
    controller.abort(new CancelRequest(reason, options.reply ?? true));
    return true;
  }

  /** Marks the session closed and aborts everything in flight. */
  close(reason = "connection closed"): void {
    this.#closed = true;
    for (const controller of this.#inflight.values()) controller.abort(new Error(reason));
    this.#inflight.clear();
  }
}

// Keeps 1 and "1" apart: both are valid, distinct JSON-RPC ids.
function keyOf(requestId: JsonRpcId): string {
  return JSON.stringify(requestId);
}
