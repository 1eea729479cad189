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
import type { Logger } from "../../log.ts";
import type { Session } from "../../sessions/mod.ts";
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import { failure, type JsonRpcResponse } from "../rpc/envelope.ts";
import type { NotificationSink } from "../rpc/handler_invoker.ts";
import { parseJson, unparsedFrameId } from "../rpc/json_depth.ts";
import { toWireError } from "../rpc/wire_errors.ts";
import { TokenBucket } from "../security/rate_limit.ts";
import {
  admissionRefusal,
  type AdmissionState,
  isCancelNotification,
  requestCount,
  utf8Length,
  withoutIdsInUse,
  withRefusals,
} from "./admission.ts";
import {
  type Channel,
  type ConnectionDeps,
  type ConnectionOptions,
  IN_PLACE,
  type OpenOptions,
} from "./connection_options.ts";
import { Outbound, type OverflowHost } from "./outbound.ts";
import { exchange, type ExchangeHost } from "./connection_exchange.ts";
import { answerUnsettled } from "./connection_stop.ts";
import { type ReplyHost, ReplySender } from "./reply_sender.ts";
import type { Claim } from "./claim.ts";
import { cancelledRequestId, MessageTurns, type MessageTurnsHost } from "./waiting_message.ts";
import { stallLogFor } from "./stall_log.ts";
import { holdingTurn } from "../../turn_away.ts";

/** The -32600 of a message's requests refused for an id in use, if any. */
type Refusals = JsonRpcResponse[] | undefined;

/** One client connection over one session. */
export class Connection {
  /** The session this connection serves; closing the connection ends it. */
  readonly session: Session;
  /** This connection's limits. */
  readonly options: ConnectionOptions;
  readonly #deps: ConnectionDeps;
  /** The transport's side, kept as given: its members are called as methods. */
  readonly #channel: Channel;
  /** Sends through the channel, and cuts off a client that does not read. */
  readonly #outbound: Outbound;
  /** What admission checks (running requests, stopping, the rate's bucket): one object in place. */
  readonly #admission: AdmissionState;
  /** Sends replies and ends their messages' accounting (reply_sender.ts). */
  readonly #replies: ReplySender;
  /**
   * Sends the notifications of this connection's requests, made when a message arrives and dropped
   * once none is left to answer: an idle socket holds only what it needs (core/server/README.md).
   */
  #notifySink: NotificationSink | undefined;
  /** Messages received and not answered yet. */
  #messages = 0;
  /** Who waits for {@linkcode settled}: told when no message is left (made on first wait). */
  #idle: Array<() => void> | undefined;
  /**
   * Turns for this connection's messages (a few run at once, the rest wait in order), made when a
   * message finds another in flight (or a cancel, an HTTP exchange, the close needs them) and let
   * go once none is left: a message alone takes the fast path and needs none, so an idle socket
   * holds none (~120 B; core/server/README.md, "Memory of an idle socket").
   */
  #madeTurns: MessageTurns | undefined;

  /**
   * What the turns, the reply sender and the outbound queue call back, one object whose methods
   * sit on its prototype: an arrow function each costs a socket ~60 B, its context and objects
   * more (six: ~0.6 KB a socket, 6 MB at 10,000 idle sockets; `bench:sockets:heap`). A class
   * written inside `Connection` may reach its private members.
   */
  static readonly #Host = class ConnectionHost
    implements MessageTurnsHost, ReplyHost, OverflowHost {
    readonly #connection: Connection;
    constructor(connection: Connection) {
      this.#connection = connection;
    }
    get outbound(): Outbound {
      return this.#connection.#outbound;
    }
    get log(): Logger {
      return this.#connection.#deps.log;
    }
    get session(): Session {
      return this.#connection.session;
    }
    end(cost: number, claim: Claim | undefined): void {
      this.#connection.#end(cost, claim);
    }
    endUnrun(cost: number): void {
      this.#connection.#finish(cost);
    }
    uncount(requests: number): void {
      this.#connection.#admission.running -= requests;
    }
    stopping(): boolean {
      return this.#connection.#admission.stopping;
    }
    stalled(): void {
      stallLogFor(this.log).stalled(this.session.id);
    }
    overflow(queued: number): void {
      this.#connection.#overflow(queued);
    }
  };

  /** Opens a session of `open.kind` and a connection over it. */
  static open(deps: ConnectionDeps, open: OpenOptions): Connection {
    return new Connection(deps, deps.sessions.open(open.kind), open);
  }

  /**
   * A connection over an existing `session` (a Streamable HTTP session resumed by its id);
   * `channel` is kept as it is (see {@linkcode Channel}).
   */
  constructor(deps: ConnectionDeps, session: Session, channel: Channel = IN_PLACE) {
    this.#deps = deps;
    this.session = session;
    this.options = deps.options;
    this.#channel = channel;
    const host = new Connection.#Host(this);
    this.#outbound = new Outbound(channel, deps.options.maxQueuedBytes, host);
    const bucket = deps.options.rate.perSecond > 0 ? new TokenBucket(deps.options.rate) : undefined;
    this.#admission = { running: 0, stopping: false, options: deps.options, bucket };
    this.#replies = new ReplySender(host);
  }

  /**
   * This connection's turns, made if none are. Read before the message at hand is counted
   * (`#begin`): while none are made, a message in flight is the one that came alone, holding a
   * turn of the turns it would have had (`Turns.enterAlone`); the new turns count it, and its end
   * frees it there.
   */
  get #turns(): MessageTurns {
    if (this.#madeTurns !== undefined) return this.#madeTurns;
    const turns = new MessageTurns(new Connection.#Host(this));
    if (this.#messages > 0) turns.enterAlone();
    return this.#madeTurns = turns;
  }

  get #notify(): NotificationSink {
    return this.#notifySink ??= (message) => this.#outbound.send(JSON.stringify(message));
  }

  /** True when `text` is within {@linkcode ConnectionOptions.maxMessageBytes}. */
  fits(text: string): boolean {
    return utf8Length(text, this.options.maxMessageBytes) <= this.options.maxMessageBytes;
  }

  /** Messages received and not yet answered. */
  get inflight(): number {
    return this.#messages;
  }

  /**
   * Dispatches one inbound text message; its notifications and its reply go out through the
   * outbound channel, in that order. Returns at once: messages are served concurrently, up to
   * the connection's limits; past them a message is answered at once with an error.
   */
  receive(text: string): void {
    // Cut off for not reading: nothing more is done for it.
    if (this.#outbound.overflowed) return;
    // No `lastSeen` here: only sessions that expire when idle read it (they come through
    // `exchange`), and a clock read per message cost more than a `ping`'s handler.
    let value: unknown;
    try {
      value = parseJson(text, this.options.maxMessageValues);
    } catch (error) {
      // Not JSON (-32700), or nested too deep to parse safely (-32602).
      this.send(failure(unparsedFrameId(error), toWireError(error).error));
      return;
    }
    const refused = this.#refusal(value);
    if (refused !== null) {
      if (refused !== undefined) this.send(refused);
      return;
    }
    let idsInUse: Refusals;
    if (this.#admission.running > 0 || Array.isArray(value)) {
      // One id per request in flight, waiting, or unstarted in a batch: a cancel names one.
      const inflight = this.session.idsInUse();
      // No turns made: nothing waits for one (a batch alone makes none for this check).
      const inUse = this.#madeTurns?.idsInUse(inflight) ?? new Set(inflight);
      const sorted = withoutIdsInUse(value, inUse);
      if (sorted.admitted === undefined) return this.send(sorted.reply);
      [value, idsInUse] = [sorted.admitted, sorted.refused];
    }
    const cost = requestCount(value);
    if (this.#messages === 0) {
      // Alone (as a client waiting for each reply sends): no claim, cancel or queue (turns.ts).
      this.#begin(cost);
      // Usually none are made (`#turns`); a cancel, close or exchange may have made them.
      this.#madeTurns?.enterAlone();
      return this.#dispatch(value, idsInUse, cost, undefined);
    }
    const urgent = isCancelNotification(value);
    // Read before `#begin`: the turns made now count the message that came alone (`#turns`).
    const turns = this.#turns;
    // A cancel takes a request waiting for its turn out: it never runs, nor is answered (MCP).
    if (urgent) this.cancelWaiting(cancelledRequestId(value));
    this.#begin(cost);
    // One past the connection's turns waits: one client's many do not hold back the others'.
    const claim = turns.enter(urgent);
    if (claim !== undefined) return this.#dispatch(value, idsInUse, cost, claim);
    turns.queue(value, cost, {
      start: (value, cost, claim) => this.#dispatch(value, idsInUse, cost, claim),
      dropped: (answer) => answer !== undefined && this.send(answer),
    });
  }

  /** Dispatches one admitted message holding `claim` (none: it came alone); replies when made. */
  #dispatch(value: unknown, idsInUse: Refusals, cost: number, claim: Claim | undefined): void {
    let reply: string | undefined | Promise<string | undefined>;
    try {
      if (claim === undefined || this.#alone()) reply = this.#answer(value);
      else reply = holdingTurn(claim, () => this.#answer(value));
      if (idsInUse !== undefined && idsInUse.length > 0) reply = withRefusals(reply, idsInUse);
    } catch (error) {
      return this.#replies.failed(error, cost, claim);
    }
    this.#replies.send(reply, cost, claim);
  }

  /** The dispatcher's answer (a method: the usual message makes no closure for it). */
  #answer(value: unknown): string | undefined | Promise<string | undefined> {
    return this.#deps.dispatcher.answer(value, this.session, this.#notify);
  }

  /** Sends one message the connection itself produces (an error about unreadable input). */
  send(message: unknown): void {
    this.#outbound.send(JSON.stringify(message));
  }

  /**
   * Dispatches one decoded message and resolves to its reply, for a transport that answers in place
   * (Streamable HTTP): connection_exchange.ts. `signal` cancels it (the HTTP client went away).
   */
  exchange(
    message: unknown,
    notify?: NotificationSink,
    signal?: AbortSignal,
  ): Promise<DispatchReply> {
    // The host is made per call: only HTTP exchanges, and an idle WebSocket holds none.
    const host: ExchangeHost = {
      session: this.session,
      deps: this.#deps,
      turns: this.#turns,
      refusal: (value) => this.#refusal(value),
      begin: (cost) => this.#begin(cost),
      end: (cost, claim) => this.#end(cost, claim),
      alone: () => this.#alone(),
    };
    return exchange(host, message, { notify, signal });
  }

  /** Resolves once everything received so far is answered. */
  async settled(): Promise<void> {
    while (this.#messages > 0) {
      await new Promise<void>((resolve) => (this.#idle ??= []).push(resolve));
    }
  }

  /**
   * Stops the connection for a server shutdown: new messages are answered -32008 at once, the ones
   * running get up to `graceMs` (connection_stop.ts), those waiting for a turn are answered -32008.
   * The caller closes the transport afterwards.
   */
  async stop(graceMs: number): Promise<void> {
    this.#admission.stopping = true;
    await answerUnsettled(this, graceMs);
    // Waiting messages get their -32008 while the transport is open (close() comes too late).
    this.#turns.close();
  }

  /** Ends the session: requests still running are cancelled and their replies dropped. */
  close(reason: string): void {
    this.#turns.close();
    this.#deps.sessions.close(this.session, reason);
  }

  /**
   * Takes request `id` out of the messages waiting for a turn (the client cancelled it, or its
   * HTTP client left): it never runs. False when no waiting message holds it.
   */
  cancelWaiting(id: unknown): boolean {
    return this.#madeTurns?.cancel(id) ?? false;
  }

  /**
   * True when the message starting now is the connection's only one: it runs without a claim in
   * its async context (an `AsyncLocalStorage.run` costs more than a `ping`'s handler), so its
   * waits keep its turn; at most one turn per connection is held so across a wait (turns.ts).
   */
  #alone(): boolean {
    return this.#messages === 1;
  }

  /** Why `value` may not run now (see {@linkcode admissionRefusal}). */
  #refusal(value: unknown): DispatchReply | null {
    return admissionRefusal(value, this.#admission);
  }

  /** Cuts off a client that leaves more than MAX_QUEUED_BYTES unread (memory stays bounded). */
  #overflow(queued: number): void {
    const reason = `Client does not read its replies (${queued} bytes queued, at most ` +
      `${this.options.maxQueuedBytes}, MAX_QUEUED_BYTES)`;
    this.#deps.log.warn("Closing a connection that does not read", {
      session: this.session.id,
      queued,
    });
    this.#channel.onOverflow?.(reason);
    this.close("client does not read its replies");
  }

  /** A message admitted: `cost` requests (a batch counts its items) now run. */
  #begin(cost: number): void {
    this.#messages++;
    this.#admission.running += cost;
  }

  /**
   * A message answered or failed: its turn goes back, its claim's or (none) the one it took alone
   * on its connection (`Turns.enterAlone`).
   */
  #end(cost: number, claim: Claim | undefined): void {
    if (claim === undefined) this.#madeTurns?.free();
    else claim.end();
    this.#finish(cost);
  }

  /** A message answered, failed or dropped unrun; once none is left, whoever waits is told. */
  #finish(cost: number): void {
    this.#messages--;
    this.#admission.running -= cost;
    if (this.#messages > 0) return;
    // Made again by the next message: a sink that a handler still holds keeps working.
    this.#notifySink = undefined;
    // Claims ended with their messages, so none refers to these turns (closed ones are kept).
    if (this.#madeTurns?.resting) this.#madeTurns = undefined;
    const idle = this.#idle;
    if (idle !== undefined) {
      this.#idle = undefined;
      for (const resolve of idle) resolve();
    }
  }
}
