/**
 * The messages of one connection in flight ({@linkcode Connection}'s count, moved out of
 * `connection.ts`): how many are received and not answered, the requests they count against the
 * connection's limits (the state `admission.ts` checks), their turns, and who waits for none to
 * be left.
 *
 * It is the admission record a connection held before, grown by the count and the turns the
 * connection held itself: one object a socket, as before, so an idle socket holds no more
 * (core/server/README.md, "Memory of an idle socket").
 *
 * @module
 */
import type { Session } from "../../sessions/mod.ts";
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import { TokenBucket } from "../security/rate_limit.ts";
import { admissionRefusal, type AdmissionState } from "./admission.ts";
import type { Claim } from "./claim.ts";
import type { ConnectionOptions } from "./connection_options.ts";
import { MessageTurns, type MessageTurnsHost } from "./waiting_message.ts";

/** One connection's messages in flight (see the module documentation). */
export class InFlight implements AdmissionState {
  /** The server is shutting down: new messages are refused -32008. */
  stopping = false;
  /** Requests received and not answered yet (a batch counts its items). */
  running = 0;
  /** The connection's limits. */
  readonly options: ConnectionOptions;
  /** The request rate's bucket; none when the rate is unlimited. */
  readonly bucket: TokenBucket | undefined;
  /** Messages received and not answered yet. */
  #messages = 0;
  /** Who waits for {@linkcode settled}: told when no message is left (made on first wait). */
  #idle: Array<() => void> | undefined;
  /**
   * Turns for the messages (a few run at once, the rest wait in order), made when a message finds
   * another in flight (or a cancel, an HTTP exchange, the close needs them) and let go once none
   * is left: a message alone takes the fast path and needs none, so an idle socket holds none
   * (~120 B; core/server/README.md, "Memory of an idle socket").
   */
  #turns: MessageTurns | undefined;

  /** No message in flight yet, under `options`. */
  constructor(options: ConnectionOptions) {
    this.options = options;
    this.bucket = options.rate.perSecond > 0 ? new TokenBucket(options.rate) : undefined;
  }

  /** Messages received and not answered yet. */
  get messages(): number {
    return this.#messages;
  }

  /**
   * True when the message starting now is the connection's only one: it runs without a claim in
   * its async context (an `AsyncLocalStorage.run` costs more than a `ping`'s handler), so its
   * waits keep its turn; at most one turn per connection is held so across a wait (turns.ts).
   */
  get alone(): boolean {
    return this.#messages === 1;
  }

  /** The turns, if made (none while every message came alone). */
  get madeTurns(): MessageTurns | undefined {
    return this.#turns;
  }

  /**
   * Turns made now, calling back `host`. Made before the message at hand is counted
   * ({@linkcode begin}): while none were made, a message in flight is the one that came alone,
   * holding a turn of the turns it would have had (`Turns.enterAlone`); the new turns count it,
   * and its end frees it there.
   */
  makeTurns(host: MessageTurnsHost): MessageTurns {
    const turns = new MessageTurns(host);
    if (this.#messages > 0) turns.enterAlone();
    return this.#turns = turns;
  }

  /** Why `value` may not run now (see {@linkcode admissionRefusal}). */
  refusal(value: unknown): DispatchReply | null {
    return admissionRefusal(value, this);
  }

  /**
   * The ids `session`'s requests use now: running, unstarted in a batch, or waiting for a turn
   * (a cancel names one, so a new request may not take one).
   */
  idsInUse(session: Session): Set<unknown> {
    const inflight = session.idsInUse();
    // No turns made: nothing waits for one (a batch alone makes none for this check).
    return this.#turns?.idsInUse(inflight) ?? new Set(inflight);
  }

  /** A message admitted: `cost` requests (a batch counts its items) now run. */
  begin(cost: number): void {
    this.#messages++;
    this.running += cost;
  }

  /**
   * A message admitted with none other in flight: it runs alone, with no claim, cancel or queue
   * (turns.ts); turns made by a cancel, close or exchange count its turn.
   */
  beginAlone(cost: number): void {
    this.begin(cost);
    this.#turns?.enterAlone();
  }

  /**
   * A message answered or failed: its turn goes back, its claim's or (none) the one it took alone
   * (`Turns.enterAlone`). True when no message is left (see {@linkcode finish}).
   */
  end(cost: number, claim: Claim | undefined): boolean {
    if (claim === undefined) this.#turns?.free();
    else claim.end();
    return this.finish(cost);
  }

  /**
   * A message answered, failed or dropped unrun. Once none is left, turns at rest are let go and
   * whoever waits is told; true then.
   */
  finish(cost: number): boolean {
    this.#messages--;
    this.running -= cost;
    if (this.#messages > 0) return false;
    // Claims ended with their messages, so none refers to these turns (closed ones are kept).
    if (this.#turns?.resting) this.#turns = undefined;
    const idle = this.#idle;
    if (idle !== undefined) {
      this.#idle = undefined;
      for (const resolve of idle) resolve();
    }
    return true;
  }

  /** Resolves once every message received so far is answered. */
  async settled(): Promise<void> {
    while (this.#messages > 0) {
      await new Promise<void>((resolve) => (this.#idle ??= []).push(resolve));
    }
  }

  /**
   * Takes request `id` out of the messages waiting for a turn: it never runs. False when no
   * waiting message holds it (none waits while no turns are made).
   */
  cancelWaiting(id: unknown): boolean {
    return this.#turns?.cancel(id) ?? false;
  }
}
