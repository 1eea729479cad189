/**
 * The way out of one connection (connection.ts): hands each message to the transport's channel and
 * bounds what the client leaves unread (MAX_QUEUED_BYTES), cutting it off past that so that
 * memory stays bounded.
 *
 * @module
 */
import type { Channel } from "./connection_options.ts";

/**
 * Who is told that a client was cut off, after the channel (`Channel.onOverflow`, given the
 * reason); called as a method of the object given, so a connection hands its one host object
 * (connection.ts) and an idle socket holds no closure for it.
 */
export interface OverflowHost {
  /** More than the limit is queued (`queued` bytes): the client no longer reads. */
  overflow(queued: number): void;
}

/** Why a client that leaves `queued` bytes unread, past `maxQueuedBytes`, is cut off. */
export function overflowReason(queued: number, maxQueuedBytes: number): string {
  return `Client does not read its replies (${queued} bytes queued, at most ` +
    `${maxQueuedBytes}, MAX_QUEUED_BYTES)`;
}

/** One connection's outbound messages and their queue's bound. */
export class Outbound {
  /** The transport's side, kept as given: its members are called as methods. */
  readonly #channel: Channel;
  readonly #maxQueuedBytes: number;
  readonly #host: OverflowHost;
  /** Bytes of `outbound` writes still pending, when the channel cannot tell its queue. */
  #pendingBytes = 0;
  /**
   * At least the bytes queued now: what was queued at the last look, plus every byte sent since
   * (three per UTF-16 unit, UTF-8's most). Below the limit, the queue need not be looked at.
   */
  #queuedAtMost = 0;
  /** Cut off for leaving more than MAX_QUEUED_BYTES unread: nothing goes out any more. */
  #overflowed = false;

  /**
   * Sends through `channel`; once more than `maxQueuedBytes` are queued, the channel is told why
   * and `host` how many (once each), and nothing goes out any more.
   */
  constructor(channel: Channel, maxQueuedBytes: number, host: OverflowHost) {
    this.#channel = channel;
    this.#maxQueuedBytes = maxQueuedBytes;
    this.#host = host;
  }

  /** True once the client was cut off for not reading. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Hands `text` to the channel; the promise, if any, is the channel's write. */
  send(text: string): void | Promise<void> {
    const channel = this.#channel;
    if (channel.outbound === undefined || this.#overflowed) return;
    const pending = channel.outbound(text);
    if (pending instanceof Promise) {
      const size = text.length;
      this.#pendingBytes += size;
      pending.finally(() => this.#pendingBytes -= size);
    }
    this.#checkQueue(text.length * 3);
    return pending;
  }

  /**
   * The queue (a WebSocket's `bufferedAmount`, a call into the runtime) is looked at only once
   * what was sent since the last look could take it past the limit.
   */
  #checkQueue(sentBytes: number): void {
    this.#queuedAtMost += sentBytes;
    const limit = this.#maxQueuedBytes;
    if (this.#queuedAtMost <= limit) return;
    const channel = this.#channel;
    const queued = channel.queuedBytes === undefined ? this.#pendingBytes : channel.queuedBytes();
    this.#queuedAtMost = queued;
    if (queued <= limit) return;
    this.#overflowed = true;
    channel.onOverflow?.(overflowReason(queued, limit));
    this.#host.overflow(queued);
  }
}
