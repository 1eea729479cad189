/**
 * The one connection loop every JSON-RPC transport shares (WebSocket, Streamable HTTP, stdio):
 * open a session, hold the connection's limits, dispatch each inbound message, send its
 * notifications and reply, keep count of what is in flight, and on close end the session, which
 * cancels every request still running. A transport keeps only its framing: how bytes become one
 * message, and how one message goes out.
 *
 * Limits and backpressure belong here, once for every transport: {@linkcode ConnectionOptions}
 * is the per-connection seam they plug into.
 *
 * @module
 */
import type { Clock } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";
import type { Session, SessionKind, SessionRegistry } from "../../sessions/mod.ts";
import type { DispatchReply, NotificationSink } from "../rpc/dispatcher.ts";

/** The limits of one connection (issue 11 adds batch, reply-size, in-flight and backpressure). */
export interface ConnectionOptions {
  /** Largest inbound message in UTF-8 bytes; each framing enforces it while it reads. */
  readonly maxMessageBytes: number;
}

/** Every connection's limits, from the settings. */
export function connectionOptions(config: Pick<Config, "MAX_FRAME_BYTES">): ConnectionOptions {
  return { maxMessageBytes: config.MAX_FRAME_BYTES };
}

/** The part of the dispatcher a connection drives. */
export interface MessageDispatcher {
  handleText(
    text: string,
    session: Session,
    notify?: NotificationSink,
  ): Promise<string | undefined>;
  handleValue(value: unknown, session: Session, notify?: NotificationSink): Promise<DispatchReply>;
}

/** What connections need from the server (and nothing more). */
export interface ConnectionDeps {
  dispatcher: MessageDispatcher;
  sessions: SessionRegistry;
  clock: Clock;
  log: Logger;
  /** The limits each new connection gets. */
  options: ConnectionOptions;
}

/** Writes one serialized JSON-RPC message (a reply or a notification), in order. */
export type Outbound = (text: string) => void | Promise<void>;

/** How to open a connection. */
export interface OpenOptions {
  kind: SessionKind;
  /** Where replies and notifications go; absent when each exchange answers in place (HTTP). */
  outbound?: Outbound;
}

const encoder = new TextEncoder();

/** UTF-8 length of `text`, exact only when it matters for `limit` (1-3 bytes per UTF-16 unit). */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  return encoder.encode(text).length;
}

/** One client connection over one session. */
export class Connection {
  /** The session this connection serves; closing the connection ends it. */
  readonly session: Session;
  /** This connection's limits. */
  readonly options: ConnectionOptions;
  readonly #deps: ConnectionDeps;
  readonly #outbound: Outbound | undefined;
  readonly #inflight = new Set<Promise<unknown>>();

  /** Opens a session of `open.kind` and a connection over it. */
  static open(deps: ConnectionDeps, open: OpenOptions): Connection {
    return new Connection(deps, {
      session: deps.sessions.open(open.kind),
      outbound: open.outbound,
    });
  }

  /** A connection over an existing `session` (a Streamable HTTP session resumed by its id). */
  constructor(deps: ConnectionDeps, target: { session: Session; outbound?: Outbound }) {
    this.#deps = deps;
    this.session = target.session;
    this.options = deps.options;
    this.#outbound = target.outbound;
  }

  /** True when `text` is within {@linkcode ConnectionOptions.maxMessageBytes}. */
  fits(text: string): boolean {
    return utf8Length(text, this.options.maxMessageBytes) <= this.options.maxMessageBytes;
  }

  /** Requests and notifications received and not yet answered. */
  get inflight(): number {
    return this.#inflight.size;
  }

  /**
   * Dispatches one inbound text message; its notifications and its reply go out through the
   * outbound channel, in that order. Returns at once: messages are served concurrently.
   */
  receive(text: string): void {
    this.#touch();
    const send = (message: unknown) => this.#send(JSON.stringify(message));
    const work = this.#deps.dispatcher.handleText(text, this.session, send)
      .then((reply) => {
        if (reply !== undefined) return this.#send(reply);
      })
      .catch((error) =>
        this.#deps.log.error("Dispatch failed", { session: this.session.id, error })
      );
    this.#track(work);
  }

  /** Sends one message the connection itself produces (an error about unreadable input). */
  send(message: unknown): void {
    this.#send(JSON.stringify(message));
  }

  /**
   * Dispatches one decoded message and resolves to its reply, for a transport that answers in
   * place (Streamable HTTP); `notify` receives the notifications sent before it.
   */
  exchange(message: unknown, notify?: NotificationSink): Promise<DispatchReply> {
    this.#touch();
    const work = this.#deps.dispatcher.handleValue(message, this.session, notify);
    this.#track(work);
    return work;
  }

  /** Resolves once everything received so far is answered. */
  async settled(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  /** Ends the session: requests still running are cancelled and their replies dropped. */
  close(reason: string): void {
    this.#deps.sessions.close(this.session, reason);
  }

  #touch(): void {
    this.session.lastSeen = this.#deps.clock.now();
  }

  #send(text: string): void | Promise<void> {
    return this.#outbound?.(text);
  }

  #track(work: Promise<unknown>): void {
    this.#inflight.add(work);
    const forget = () => this.#inflight.delete(work);
    work.then(forget, forget);
  }
}
