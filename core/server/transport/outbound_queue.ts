/**
 * A connection's way out (`connection.ts`): messages go to the transport's outbound channel, and
 * a client that leaves more than MAX_QUEUED_BYTES unread is cut off, so memory stays bounded.
 *
 * @module
 */
import type { Outbound } from "./connection_options.ts";

/** What an {@linkcode OutboundQueue} writes to and when it gives up. */
export interface OutboundQueueOptions {
  /** The transport's channel; none when replies go back in place (Streamable HTTP). */
  outbound?: Outbound;
  /** Bytes queued in the transport; by default the bytes of `outbound` writes still pending. */
  queuedBytes?: () => number;
  /** Bytes the client may leave unread. */
  maxQueuedBytes: number;
  /** Told once, with the bytes queued, when the client leaves more than that unread. */
  onOverflow: (queued: number) => void;
}

/** Sends messages out, cutting the client off once it leaves too much unread. */
export class OutboundQueue {
  readonly #outbound: Outbound | undefined;
  readonly #queuedBytes: () => number;
  readonly #maxQueuedBytes: number;
  readonly #onOverflow: (queued: number) => void;
  #pendingBytes = 0;
  /**
   * At least the bytes queued now: what was queued at the last look, plus every byte sent since
   * (three per UTF-16 unit, UTF-8's most). Below the limit, the queue need not be looked at.
   */
  #queuedAtMost = 0;
  #overflowed = false;

  /** A queue over `options.outbound`. */
  constructor(options: OutboundQueueOptions) {
    this.#outbound = options.outbound;
    this.#queuedBytes = options.queuedBytes ?? (() => this.#pendingBytes);
    this.#maxQueuedBytes = options.maxQueuedBytes;
    this.#onOverflow = options.onOverflow;
  }

  /** Whether the client was cut off for not reading: nothing goes out any more. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Hands `text` to the channel; the promise, if any, is the channel's write. */
  send(text: string): void | Promise<void> {
    if (this.#outbound === undefined || this.#overflowed) return;
    const pending = this.#outbound(text);
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
    if (this.#queuedAtMost <= this.#maxQueuedBytes) return;
    const queued = this.#queuedBytes();
    this.#queuedAtMost = queued;
    if (queued <= this.#maxQueuedBytes) return;
    this.#overflowed = true;
    this.#onOverflow(queued);
  }
}
