/**
 * The one connection loop every JSON-RPC transport shares (WebSocket, Streamable HTTP, stdio):
 * open a session, hold the connection's limits, dispatch each inbound message, send its
 * notifications and reply, keep count of what is in flight, and on close end the session, which
 * cancels every request still running. A transport keeps only its framing: how bytes become one
 * message, and how one message goes out.
 *
 * Limits and backpressure belong here, once for every transport: {@linkcode ConnectionOptions}
 * is the per-connection seam they plug into. Each part has its own file: what is in flight
 * (in_flight.ts), the way out (outbound.ts), replies (reply_sender.ts), in-place answers
 * (connection_exchange.ts), the stop (connection_stop.ts); here they are wired to the inbound path.
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
import {
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
import { InFlight } from "./in_flight.ts";
import { cancelledRequestId, type MessageTurns, type MessageTurnsHost } from "./waiting_message.ts";
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
  /** Sends through the transport's channel (kept as given), cuts off a client that does not read. */
  readonly #outbound: Outbound;
  /** The messages in flight: their count, turns and limits (in_flight.ts). */
  readonly #inFlight: InFlight;
  /** Sends replies and ends their messages' accounting (reply_sender.ts). */
  readonly #replies: ReplySender;
  /**
   * Sends the notifications of this connection's requests, made when a message arrives and dropped
   * once none is left to answer: an idle socket holds only what it needs (core/server/README.md).
   */
  #notifySink: NotificationSink | undefined;

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
      this.#connection.#inFlight.running -= requests;
    }
    stopping(): boolean {
      return this.#connection.#inFlight.stopping;
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
    const host = new Connection.#Host(this);
    this.#outbound = new Outbound(channel, deps.options.maxQueuedBytes, host);
    this.#inFlight = new InFlight(deps.options);
    this.#replies = new ReplySender(host);
  }

  /** This connection's turns, made if none are (read before the message at hand is counted). */
  get #turns(): MessageTurns {
    return this.#inFlight.madeTurns ?? this.#inFlight.makeTurns(new Connection.#Host(this));
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
    return this.#inFlight.messages;
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
    const inFlight = this.#inFlight;
    const refused = inFlight.refusal(value);
    if (refused !== null) {
      if (refused !== undefined) this.send(refused);
      return;
    }
    let idsInUse: Refusals;
    // The session's ids too: another connection of it (a resumed Streamable HTTP session) may run
    // requests while this one runs none (mut64's CN-3).
    if (inFlight.running > 0 || Array.isArray(value) || this.session.usesIds) {
      // One id per request in flight, waiting, or unstarted in a batch: a cancel names one.
      const sorted = withoutIdsInUse(value, inFlight.idsInUse(this.session));
      if (sorted.admitted === undefined) return this.send(sorted.reply);
      [value, idsInUse] = [sorted.admitted, sorted.refused];
    }
    const cost = requestCount(value);
    if (inFlight.messages === 0) {
      // Alone (as a client waiting for each reply sends): no claim, cancel or queue (turns.ts).
      inFlight.beginAlone(cost);
      return this.#dispatch(value, idsInUse, cost, undefined);
    }
    const urgent = isCancelNotification(value);
    // Read before `begin`: the turns made now count the message that came alone (in_flight.ts).
    const turns = this.#turns;
    // A cancel takes a request waiting for its turn out: it never runs, nor is answered (MCP).
    if (urgent) inFlight.cancelWaiting(cancelledRequestId(value));
    inFlight.begin(cost);
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
      if (claim === undefined || this.#inFlight.alone) reply = this.#answer(value);
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
      refusal: (value) => this.#inFlight.refusal(value),
      begin: (cost) => this.#inFlight.begin(cost),
      end: (cost, claim) => this.#end(cost, claim),
      alone: () => this.#inFlight.alone,
    };
    return exchange(host, message, { notify, signal });
  }

  /** Resolves once everything received so far is answered. */
  settled(): Promise<void> {
    return this.#inFlight.settled();
  }

  /**
   * Stops the connection for a server shutdown: new messages are answered -32008 at once, the ones
   * running get up to `graceMs` (connection_stop.ts), those waiting for a turn are answered -32008.
   * The caller closes the transport afterwards.
   */
  async stop(graceMs: number): Promise<void> {
    this.#inFlight.stopping = true;
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
    return this.#inFlight.cancelWaiting(id);
  }

  /**
   * Cuts off a client that leaves more than MAX_QUEUED_BYTES unread (memory stays bounded); the
   * channel was told why (outbound.ts).
   */
  #overflow(queued: number): void {
    this.#deps.log.warn("Closing a connection that does not read", {
      session: this.session.id,
      queued,
    });
    this.close("client does not read its replies");
  }

  /** A message answered or failed: its turn and its count go back (`InFlight.end`). */
  #end(cost: number, claim: Claim | undefined): void {
    // Made again by the next message: a sink that a handler still holds keeps working.
    if (this.#inFlight.end(cost, claim)) this.#notifySink = undefined;
  }

  /** A message dropped unrun (it held no turn): its count goes back. */
  #finish(cost: number): void {
    if (this.#inFlight.finish(cost)) this.#notifySink = undefined;
  }
}
