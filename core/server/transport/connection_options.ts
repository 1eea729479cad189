/**
 * What a {@linkcode Connection} is built from: its limits (from the settings), the part of the
 * server it needs, and how a transport opens one.
 *
 * @module
 */
import type { Clock } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";
import type { Session, SessionKind, SessionRegistry } from "../../sessions/mod.ts";
import type { MessageDispatcher as EraInner } from "../mcp/eras.ts";
import { messageValueLimit } from "../rpc/json_depth.ts";
import { type RateLimit, rateLimitOf } from "../security/rate_limit.ts";

/** The limits of one connection. */
export interface ConnectionOptions {
  /** Largest inbound message in UTF-8 bytes; each framing enforces it while it reads. */
  readonly maxMessageBytes: number;
  /**
   * Most values one inbound message may hold (`messageValueLimit(maxMessageBytes)`,
   * `rpc/json_depth.ts`); `MAX_MESSAGE_VALUES` when absent.
   */
  readonly maxMessageValues?: number;
  /** Most requests in one batch (MAX_BATCH): a larger one is refused whole, before any limit. */
  readonly maxBatch: number;
  /** Requests (batch items count one each) one connection may have running at once. */
  readonly maxInflight: number;
  /** Reply bytes the client may leave unread before the connection is closed. */
  readonly maxQueuedBytes: number;
  /** The connection's own request rate (a token bucket; `perSecond` 0 is unlimited). */
  readonly rate: RateLimit;
}

/** Every connection's limits, from the settings. */
export function connectionOptions(
  config: Pick<
    Config,
    | "MAX_FRAME_BYTES"
    | "MAX_BATCH"
    | "MAX_INFLIGHT_PER_CONNECTION"
    | "MAX_QUEUED_BYTES"
    | "SERVER_HOST"
    | "RATE_LIMIT_PER_S"
    | "RATE_LIMIT_BURST"
  >,
): ConnectionOptions {
  return {
    maxMessageBytes: config.MAX_FRAME_BYTES,
    maxMessageValues: messageValueLimit(config.MAX_FRAME_BYTES),
    maxBatch: config.MAX_BATCH,
    maxInflight: config.MAX_INFLIGHT_PER_CONNECTION,
    maxQueuedBytes: config.MAX_QUEUED_BYTES,
    rate: rateLimitOf(config),
  };
}

/**
 * The part of the dispatcher a connection drives (`answer`, `handleValue`: the MCP layer's own
 * dispatcher, core/server/mcp/eras.ts, drives the generic one the same way).
 */
export type MessageDispatcher = Pick<EraInner, "answer" | "handleValue"> & {
  /** Ends the session's open subscriptions gracefully (its input ended); optional. */
  endSubscriptions?(session: Session): void;
};

/** What connections need from the server (and nothing more). */
export interface ConnectionDeps {
  dispatcher: MessageDispatcher;
  sessions: SessionRegistry;
  clock: Clock;
  log: Logger;
  /** The limits each new connection gets. */
  options: ConnectionOptions;
}

/**
 * The transport's side of a connection. The connection keeps this object and calls its members
 * as methods, so a transport may pass one object of its own per connection (a WebSocket's:
 * `ws.ts`) instead of a closure for each: an idle socket holds less (`core/server/README.md`).
 */
export interface Channel {
  /** Where replies and notifications go; absent when each exchange answers in place (HTTP). */
  outbound?(text: string): void | Promise<void>;
  /**
   * Bytes handed to `outbound` and not yet written to the client (a WebSocket's
   * `bufferedAmount`). Without it, the bytes of `outbound` writes still pending are counted.
   */
  queuedBytes?(): number;
  /** Ends the transport when the client leaves too much unread (a WebSocket closes with 1008). */
  onOverflow?(reason: string): void;
}

/** A channel with no way out: replies go back in place (Streamable HTTP). */
export const IN_PLACE: Channel = Object.freeze({});

/** How to open a connection: the session's kind, and the channel (kept as it is). */
export interface OpenOptions extends Channel {
  readonly kind: SessionKind;
}
