/**
 * The send path of a connection's replies ({@linkcode Connection}'s, moved out of
 * `connection.ts` as it was): a reply made at once goes out without a promise, one made later
 * once it is made, and either way the message's accounting ends once it is handed over (or
 * written); a failure is logged, never thrown at the transport.
 *
 * @module
 */
import type { Logger } from "../../log.ts";
import type { Session } from "../../sessions/mod.ts";
import type { Outbound } from "./outbound.ts";
import type { Claim } from "./claim.ts";

/** What a {@linkcode ReplySender} needs from its connection. */
export interface ReplyHost {
  readonly outbound: Outbound;
  readonly log: Logger;
  readonly session: Session;
  /**
   * The message of `cost` requests holding `claim` (none: it ran alone on its connection) is
   * answered (or failed).
   */
  end(cost: number, claim: Claim | undefined): void;
}

/** Sends one connection's replies (see the module documentation). */
export class ReplySender {
  readonly #host: ReplyHost;

  /** Replies of the connection `host`. */
  constructor(host: ReplyHost) {
    this.#host = host;
  }

  /** Sends one admitted message's reply: a reply made at once (no promise) now, else once made. */
  send(
    reply: string | undefined | Promise<string | undefined>,
    cost: number,
    claim: Claim | undefined,
  ): void {
    if (reply instanceof Promise) void this.serve(reply, cost, claim);
    else this.deliver(reply, cost, claim);
  }

  /** Sends a reply made at once; its accounting ends once it is handed over (or written). */
  deliver(reply: string | undefined, cost: number, claim: Claim | undefined): void {
    let sending: void | Promise<void>;
    try {
      sending = reply === undefined ? undefined : this.#host.outbound.send(reply);
    } catch (error) {
      this.failed(error, cost, claim);
      return;
    }
    if (sending === undefined) this.#host.end(cost, claim);
    else void this.serve(sending.then(() => undefined), cost, claim);
  }

  /** Sends one admitted message's reply once it is made; its accounting ends with it. */
  async serve(
    answering: Promise<string | undefined>,
    cost: number,
    claim: Claim | undefined,
  ): Promise<void> {
    try {
      const reply = await answering;
      const sending = reply === undefined ? undefined : this.#host.outbound.send(reply);
      if (sending !== undefined) await sending;
    } catch (error) {
      this.#host.log.error("Dispatch failed", { session: this.#host.session.id, error });
    } finally {
      this.#host.end(cost, claim);
    }
  }

  /** The message failed before it had a reply: logged, and its accounting ends. */
  failed(error: unknown, cost: number, claim: Claim | undefined): void {
    this.#host.log.error("Dispatch failed", { session: this.#host.session.id, error });
    this.#host.end(cost, claim);
  }
}
