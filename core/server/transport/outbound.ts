/**
 * The way out of one connection (connection.ts): hands each message to the transport's channel and
 * bounds what the client leaves unread (MAX_QUEUED_BYTES), cutting it off past that so that
 * memory stays bounded.
 *
 * @module
 */
import type { Channel } from "./connection_options.ts";

/** One connection's outbound messages and their queue's bound. */
export class Outbound {
  /** The transport's side, kept as given: its members are called as methods. */
  readonly #channel: Channel;
  readonly #maxQueuedBytes: number;
  readonly #onOverflow: (queued: number) => void;
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
   * Sends through `channel`; once more than `maxQueuedBytes` are queued, `onOverflow` is told
   * (once) how many, and nothing goes out any more.
   */
  constructor(channel: Channel, maxQueuedBytes: number, onOverflow: (queued: number) => void) {
    this.#channel = channel;
    this.#maxQueuedBytes = maxQueuedBytes;
    this.#onOverflow = onOverflow;
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
    this.#onOverflow(queued);
  }
}
