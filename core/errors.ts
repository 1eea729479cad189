/**
 * Domain errors with string codes. Nothing here knows JSON-RPC numbers or HTTP statuses; the
 * table in `core/server/rpc/wire_errors.ts` maps them at the edge.
 *
 * @module
 */

/** The domain error codes. */
export type ErrorCode =
  | "persona_not_found"
  | "no_active_persona"
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "memory_unavailable"
  | "embedder_invalid"
  | "llm_unavailable"
  | "busy"
  | "persona_unavailable"
  | "at_capacity"
  | "cancelled"
  | "too_large"
  | "storage_unavailable";

/** Base class of every expected failure; `data` is safe to show to the client. */
export class AppError extends Error {
  /** The domain code. */
  readonly code: ErrorCode;
  /** Client-safe details (what failed, what to do). */
  readonly data?: unknown;

  constructor(code: ErrorCode, message: string, data?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.data = data;
  }
}

/** A persona id (or name) that matches nothing. */
export class PersonaNotFound extends AppError {
  constructor(personaId: string, action = "Cannot find persona") {
    super("persona_not_found", `${action} "${personaId}": no persona has this id or name`, {
      persona_id: personaId,
    });
  }
}

/** A method that needs the session's active persona was called without one. */
export class NoActivePersona extends AppError {
  constructor() {
    super(
      "no_active_persona",
      "No active persona: call persona.switch first or pass persona_id",
    );
  }
}

/** One offending field of an invalid input. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `personality_traits.openness`. */
  field: string;
  /** What is wrong with it. */
  message: string;
}

/** Input that passed the schema but breaks a rule the schema cannot express. */
export class InvalidInput extends AppError {
  constructor(message: string, fields: FieldIssue[]) {
    super("invalid_input", message, { fields });
  }
}

/** A named thing (saved session, memory, dialogue) that does not exist. */
export class NotFound extends AppError {
  constructor(message: string, data?: Record<string, unknown>) {
    super("not_found", message, data);
  }
}

/** A write that would break a uniqueness rule, e.g. a duplicate persona name. */
export class Conflict extends AppError {
  /** `extra`: more client-safe details beside the fields (`reason`, `retry_after_ms`). */
  constructor(message: string, fields: FieldIssue[], extra: Record<string, unknown> = {}) {
    super("conflict", message, { fields, ...extra });
  }
}

/** The memory backend failed or is out of reach. */
export class MemoryUnavailable extends AppError {
  constructor(message: string, data?: Record<string, unknown>) {
    super("memory_unavailable", message, data);
  }
}

/**
 * The embedding model's server answered, but not with usable vectors (wrong shape or size, not
 * finite, all zeros, unreadable, too large): a bad upstream, not a memory store out of reach.
 */
export class EmbedderInvalid extends AppError {
  constructor(message: string, data: { reason: "embedder_invalid"; [key: string]: unknown }) {
    super("embedder_invalid", message, data);
  }
}

/** The language model failed: not reachable, model missing, timeout, broken stream. */
export class LlmUnavailable extends AppError {
  constructor(message: string, data: { reason: string; hint?: string; [key: string]: unknown }) {
    super("llm_unavailable", message, data);
  }
}

/** A persona cannot take part now: cooling down, out of energy, too tired, or busy. */
export class PersonaUnavailable extends AppError {
  constructor(
    persona: { id: string; name: string },
    why: {
      reason: string;
      /** ISO time. */
      availableAt: string;
      /** The dialogue it is busy in (a "conversation" on the wire). */
      dialogueId?: string;
    },
  ) {
    const { reason, availableAt, dialogueId } = why;
    const where = dialogueId ? ` in conversation ${dialogueId}` : "";
    super(
      "persona_unavailable",
      `${persona.name} is not available (${
        reason.replace("_", " ")
      }${where}); available again at ${availableAt}`,
      {
        persona_id: persona.id,
        reason,
        available_at: availableAt,
        ...(dialogueId ? { conversation_id: dialogueId } : {}),
      },
    );
  }
}

/** A bounded queue or resource is full; the caller should retry later. */
export class Busy extends AppError {
  constructor(message: string, data?: Record<string, unknown>) {
    super("busy", message, data);
  }
}

/** A capped resource (sessions) is full and nothing can be given up; retry later. */
export class AtCapacity extends AppError {
  /** How long the client should wait before it tries again. */
  readonly retryAfterMs: number;

  constructor(
    message: string,
    data: { limit: number; retry_after_ms: number; reason?: string },
  ) {
    super("at_capacity", message, data);
    this.retryAfterMs = data.retry_after_ms;
  }
}

/**
 * An upload (a card, a bundle) or what it expands to is larger than allowed: in bytes, or in
 * parts (a PNG's chunks).
 */
export class PayloadTooLarge extends AppError {
  constructor(
    message: string,
    data: ({ limit_bytes: number } | { limit_chunks: number }) & Record<string, unknown>,
  ) {
    super("too_large", message, data);
  }
}

/**
 * The database is out of reach (PostgreSQL down, restarting, refusing connections), or cannot
 * take writes (its disk is full, the SQLite file is read-only: `details` says which in
 * `data.reason` and what to do in `data.hint`): nothing is wrong with the request, which may be
 * sent again in `data.retry_after_ms`.
 */
export class StorageUnavailable extends AppError {
  /** How long the client should wait before it tries again. */
  readonly retryAfterMs: number;

  constructor(
    retryAfterMs: number,
    details?: { message: string; reason: string; hint: string },
  ) {
    super(
      "storage_unavailable",
      details?.message ?? "Storage unavailable: the database cannot be reached; retry shortly",
      details
        ? { reason: details.reason, hint: details.hint, retry_after_ms: retryAfterMs }
        : { retry_after_ms: retryAfterMs },
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/** The request was cancelled by the client (or its connection closed). */
export class Cancelled extends AppError {
  /** False when the client asked for no answer (MCP's `notifications/cancelled`). */
  readonly reply: boolean;

  constructor(
    message = "Request cancelled by the client",
    data?: Record<string, unknown>,
    options: { reply?: boolean } = {},
  ) {
    super("cancelled", message, data);
    this.reply = options.reply ?? true;
  }
}

/**
 * Why work stopped when `signal` aborted: its reason when that is a domain error (a turn whose
 * claim another node took over, a conversation ended meanwhile), else a plain cancel. A lease
 * lost under load is never reported to the caller as a cancel it did not ask for.
 */
export function abortReason(signal: AbortSignal, message?: string): AppError {
  return signal.reason instanceof AppError ? signal.reason : new Cancelled(message);
}
