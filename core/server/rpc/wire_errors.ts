/**
 * Wire errors: JSON-RPC codes and HTTP statuses, kept apart from the domain errors in
 * `core/errors.ts`. One table maps each domain code to both.
 *
 * @module
 */
import { AppError, type ErrorCode } from "../../errors.ts";
import { isForeignKeyViolation } from "../../storage/errors.ts";

/** JSON-RPC 2.0 codes and the protocol reference's server codes. */
export const RpcCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  PersonaNotFound: -32000,
  NoActivePersona: -32001,
  MemoryError: -32002,
  LlmError: -32003,
  PersonaUnavailable: -32004,
  /** A result (or batch of results) larger than MAX_REPLY_BYTES: page it. */
  ReplyTooLarge: -32005,
  /** The connection or client is over its rate limit or its in-flight cap. */
  RateLimited: -32006,
  /** The server is at MAX_SESSIONS or MAX_CONNECTIONS with nothing to give up. */
  ServerBusy: -32007,
  /** The server stopped while the request ran; retry once it is back. */
  ShuttingDown: -32008,
  /** The database is out of reach (PostgreSQL down or restarting); retry shortly. */
  StorageUnavailable: -32009,
  RequestCancelled: -32800,
} as const;

/** The `error` member of a JSON-RPC response. */
export interface WireError {
  code: number;
  message: string;
  data?: unknown;
}

/** An error that already speaks the wire: raised by the envelope checks and the dispatcher. */
export class RpcError extends Error {
  readonly code: number;
  readonly data?: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = "RpcError";
    this.code = code;
    this.data = data;
  }
}

/**
 * The abort reason of the server's lifetime when it stops: calls it cancels are answered with
 * -32008 "Server shutting down" (not -32800, which says the client cancelled).
 */
export class ServerShutdown extends Error {
  constructor() {
    super("the server is shutting down");
    this.name = "ServerShutdown";
  }
}

/** The answer to a request the server could not finish because it stopped. */
export function shuttingDown(requestId?: string | number | null): RpcError {
  return new RpcError(
    RpcCode.ShuttingDown,
    "Server shutting down: the request did not finish; retry once the server is back",
    { request_id: requestId ?? null },
  );
}

const DOMAIN_TO_WIRE: Record<ErrorCode, { code: number; status: number }> = {
  persona_not_found: { code: RpcCode.PersonaNotFound, status: 404 },
  no_active_persona: { code: RpcCode.NoActivePersona, status: 400 },
  invalid_input: { code: RpcCode.InvalidParams, status: 400 },
  not_found: { code: RpcCode.InvalidParams, status: 404 },
  conflict: { code: RpcCode.InvalidParams, status: 409 },
  memory_unavailable: { code: RpcCode.MemoryError, status: 503 },
  // The model server answered wrong: a bad gateway, like any failed upstream model.
  embedder_invalid: { code: RpcCode.LlmError, status: 502 },
  llm_unavailable: { code: RpcCode.LlmError, status: 503 },
  busy: { code: RpcCode.LlmError, status: 429 },
  persona_unavailable: { code: RpcCode.PersonaUnavailable, status: 409 },
  at_capacity: { code: RpcCode.ServerBusy, status: 503 },
  cancelled: { code: RpcCode.RequestCancelled, status: 409 },
  too_large: { code: RpcCode.InvalidParams, status: 413 },
  storage_unavailable: { code: RpcCode.StorageUnavailable, status: 503 },
};

const STATUS_BY_RPC_CODE: Record<number, number> = {
  [RpcCode.ParseError]: 400,
  [RpcCode.InvalidRequest]: 400,
  [RpcCode.MethodNotFound]: 404,
  [RpcCode.InvalidParams]: 400,
  [RpcCode.RateLimited]: 429,
  [RpcCode.ServerBusy]: 503,
  [RpcCode.ShuttingDown]: 503,
  [RpcCode.StorageUnavailable]: 503,
};

/** A failure turned into its wire form, plus the HTTP status REST answers with. */
export interface MappedError {
  error: WireError;
  status: number;
  /** True when the error was unexpected and must be logged (its message is not echoed). */
  internal: boolean;
}

/** The answer to a write whose referenced row another request deleted while it ran. */
export const GONE_MEANWHILE =
  "Something this request refers to (a persona, a room, a lorebook) was deleted while it ran";

/** Maps any thrown value to a wire error; unknown errors become -32603 without their message. */
export function toWireError(thrown: unknown): MappedError {
  if (thrown instanceof RpcError) {
    const error: WireError = { code: thrown.code, message: thrown.message };
    if (thrown.data !== undefined) error.data = thrown.data;
    return { error, status: STATUS_BY_RPC_CODE[thrown.code] ?? 500, internal: false };
  }
  if (thrown instanceof AppError) {
    const { code, status } = DOMAIN_TO_WIRE[thrown.code];
    const error: WireError = { code, message: thrown.message };
    if (thrown.data !== undefined) error.data = thrown.data;
    return { error, status, internal: false };
  }
  if (isForeignKeyViolation(thrown)) {
    // Another request deleted a row this one refers to (a persona, a room) after it was looked
    // up: the request cannot finish, and is answered like a conflict, not an internal error.
    return {
      error: { code: RpcCode.InvalidParams, message: GONE_MEANWHILE },
      status: 409,
      internal: false,
    };
  }
  return {
    error: { code: RpcCode.InternalError, message: "Internal error" },
    status: 500,
    internal: true,
  };
}
