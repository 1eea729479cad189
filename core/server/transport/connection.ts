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
import { shuttingDown, toWireError } from "../rpc/wire_errors.ts";
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
import { Outbound } from "./outbound.ts";
import { type ReplyHost, ReplySender } from "./reply_sender.ts";
import type { Claim } from "./turns.ts";
import { cancelledRequestId, MessageTurns, type MessageTurnsHost } from "./waiting_message.ts";
import { stallLogFor } from "./stall_log.ts";
import { holdingTurn } from "../../turn_away.ts";

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
  /**
   * What admission checks (requests running, a batch counting its items; stopping; the rate's
   * bucket, none when unlimited, the loopback default): one object, kept and updated in place,
   * not one made per message.
   */
  readonly #admission: AdmissionState;
  /** Sends replies and ends their messages' accounting (reply_sender.ts). */
  readonly #replies: ReplySender;
  /**
   * Sends the notifications of this connection's requests (one function for all of them), made
   * when a message arrives and dropped once none is left to answer: an idle socket holds only
   * what it needs (`core/server/README.md`).
   */
  #notifySink: NotificationSink | undefined;
  /** Messages received and not answered yet. */
  #messages = 0;
  /** Who waits for {@linkcode settled}: told when no message is left (made on first wait). */
  #idle: Array<() => void> | undefined;
  /** Turns for this connection's messages: a few run at once, the rest wait in order. */
  readonly #turns: MessageTurns;

  /**
   * What the turns and the reply sender call back, one object for both whose methods sit on its
   * prototype: five arrow functions here cost each socket ~60 B apiece, an object and a context
   * more (~0.5 KB a socket, 5 MB at 10,000 idle sockets; `bench:sockets:heap`). A class written
   * inside `Connection` may reach its private members.
   */
  static readonly #Host = class ConnectionHost implements MessageTurnsHost, ReplyHost {
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
    end(cost: number, claim?: Claim): void {
      this.#connection.#end(cost, claim);
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
    this.#outbound = new Outbound(
      channel,
      deps.options.maxQueuedBytes,
      (queued) => this.#overflow(queued),
    );
    const bucket = deps.options.rate.perSecond > 0 ? new TokenBucket(deps.options.rate) : undefined;
    this.#admission = { running: 0, stopping: false, options: deps.options, bucket };
    const host = new Connection.#Host(this);
    this.#turns = new MessageTurns(host);
    this.#replies = new ReplySender(host);
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
    // No `lastSeen` here: only sessions that expire when idle read it (REST and Streamable HTTP,
    // which come through `exchange`), and a clock read per message cost more than a `ping`'s
    // handler. A WebSocket or stdio session lives as long as its connection.
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
    let idsInUse: JsonRpcResponse[] = [];
    if (this.#admission.running > 0 || Array.isArray(value)) {
      // One id per request in flight (as on Streamable HTTP): a cancel names one request.
      const inUse = new Set<unknown>(this.session.inflightIds());
      if (this.#turns.waiting > 0) { for (const id of this.#turns.waitingIds()) inUse.add(id); }
      const sorted = withoutIdsInUse(value, inUse);
      if (sorted.admitted === undefined) return this.send(sorted.reply);
      [value, idsInUse] = [sorted.admitted, sorted.refused];
    }
    const urgent = isCancelNotification(value);
    // A cancel takes a request still waiting for its turn out: it never runs (and, as MCP
    // wants, gets no answer here).
    if (urgent) this.cancelWaiting(cancelledRequestId(value));
    const cost = requestCount(value);
    this.#begin(cost);
    // The usual message starts in place (no closure, no timer); one past the connection's turns
    // waits, so that one client's many requests do not hold back every other connection's.
    const claim = this.#turns.enter(urgent);
    if (claim !== undefined) return this.#dispatch(value, idsInUse, cost, claim);
    this.#turns.queue(value, cost, {
      start: (value, cost, claim) => this.#dispatch(value, idsInUse, cost, claim),
      dropped: (answer) => answer !== undefined && this.send(answer),
    });
  }

  /** Dispatches one admitted message holding `claim`; its reply goes out when made. */
  #dispatch(value: unknown, idsInUse: JsonRpcResponse[], cost: number, claim: Claim): void {
    let reply: string | undefined | Promise<string | undefined>;
    try {
      const answer = () => this.#deps.dispatcher.answer(value, this.session, this.#notify);
      reply = this.#alone() ? answer() : holdingTurn(claim, answer);
      if (idsInUse.length > 0) reply = withRefusals(reply, idsInUse);
    } catch (error) {
      this.#replies.failed(error, cost, claim);
      return;
    }
    // Answered at once (a handler that awaits nothing): sent now, without a promise.
    if (reply instanceof Promise) void this.#replies.serve(reply, cost, claim);
    else this.#replies.deliver(reply, cost, claim);
  }

  /** Sends one message the connection itself produces (an error about unreadable input). */
  send(message: unknown): void {
    this.#outbound.send(JSON.stringify(message));
  }

  /**
   * Dispatches one decoded message and resolves to its reply, for a transport that answers in
   * place (Streamable HTTP); `notify` receives the notifications sent before it, `signal`
   * cancels its calls (the HTTP client went away).
   */
  exchange(
    message: unknown,
    notify?: NotificationSink,
    signal?: AbortSignal,
  ): Promise<DispatchReply> {
    this.#touch();
    const urgent = isCancelNotification(message);
    if (urgent) this.cancelWaiting(cancelledRequestId(message));
    const refused = this.#refusal(message);
    if (refused !== null) return Promise.resolve(refused);
    const cost = requestCount(message);
    this.#begin(cost);
    const run = (value: unknown, claim: Claim) => {
      const answer = async () => {
        const reply = await this.#deps.dispatcher.handleValue(value, this.session, notify, signal);
        // A shared session's changes go back to the store before the answer leaves.
        await this.#deps.sessions.persist(this.session);
        return reply;
      };
      return this.#alone() ? answer() : holdingTurn(claim, answer);
    };
    const claim = this.#turns.enter(urgent);
    if (claim !== undefined) return this.#ended(run(message, claim), cost, claim);
    return new Promise<DispatchReply>((resolve, reject) =>
      this.#turns.queue(message, cost, {
        // The client left while it waited: nothing runs for it (its batch reads -32800).
        start: (value, cost, claim) =>
          this.#ended(signal?.aborted ? Promise.resolve(undefined) : run(value, claim), cost, claim)
            .then(resolve, reject),
        // Cancelled: no answer here (mcp_http_reply.ts answers the POSTed request -32800).
        dropped: resolve,
      })
    );
  }

  /** `work`, whose message's accounting ends with it. */
  #ended<T>(work: Promise<T>, cost: number, claim: Claim): Promise<T> {
    const end = () => this.#end(cost, claim);
    work.then(end, end);
    return work;
  }

  /** Resolves once everything received so far is answered. */
  async settled(): Promise<void> {
    while (this.#messages > 0) {
      await new Promise<void>((resolve) => (this.#idle ??= []).push(resolve));
    }
  }

  /**
   * Stops the connection for a server shutdown: new messages are answered with -32008 at once,
   * the ones running get their replies (the server's lifetime has cancelled them, so those are
   * -32008 too) for up to `graceMs`, and requests still running then are answered with -32008
   * by the connection itself. The caller closes the transport afterwards.
   */
  async stop(graceMs: number): Promise<void> {
    this.#admission.stopping = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => timer = setTimeout(resolve, graceMs));
    await Promise.race([this.settled(), deadline]);
    clearTimeout(timer);
    for (const id of this.session.inflightIds()) {
      this.send(failure(id, toWireError(shuttingDown(id)).error));
    }
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
    return this.#turns.cancel(id);
  }

  /**
   * True when the message starting now is the connection's only one: it runs without its claim in
   * its async context (an `AsyncLocalStorage.run` costs more than a `ping`'s handler), so its
   * waits keep its turn. While it is in flight no other message is alone, so at most one of the
   * connection's turns is held so across a wait; the others are given back (turns.ts).
   */
  #alone(): boolean {
    return this.#messages === 1;
  }

  /** Why `value` may not run now (see {@linkcode admissionRefusal}). */
  #refusal(value: unknown): DispatchReply | null {
    return admissionRefusal(value, this.#admission);
  }

  #touch(): void {
    this.session.lastSeen = this.#deps.clock.now();
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
   * A message answered, failed or dropped unrun (no `claim`: it never took a turn); once none is
   * left, whoever waits for that is told.
   */
  #end(cost: number, claim?: Claim): void {
    claim?.end();
    this.#messages--;
    this.#admission.running -= cost;
    if (this.#messages > 0) return;
    // Made again by the next message: a sink that a handler still holds keeps working.
    this.#notifySink = undefined;
    const idle = this.#idle;
    if (idle !== undefined) {
      this.#idle = undefined;
      for (const resolve of idle) resolve();
    }
  }
}
