/**
 * Stored history rows for tests of the chat history and its windows.
 *
 * @module
 */
import type { StoredMessage } from "../history.ts";

/** Where and when a test's exchange is stored. */
export interface StoredExchangeOptions {
  personaId: string;
  /** The session it belongs to (default `s`). */
  sessionId?: string;
  /** The room it was said in (default none). */
  roomId?: string | null;
  /** Its creation time (ISO). */
  createdAt: string;
}

/** Exchange number `i`: the user said `hello i`, the persona `hi i`. */
export function storedExchange(i: number, options: StoredExchangeOptions): StoredMessage {
  return {
    id: `m${i}`,
    persona_id: options.personaId,
    session_id: options.sessionId ?? "s",
    room_id: options.roomId ?? null,
    sender: "user",
    content: `hello ${i}`,
    response: `hi ${i}`,
    model: "m",
    prompt_tokens: 1,
    completion_tokens: 1,
    response_time_ms: 1,
    created_at: options.createdAt,
    kind: "exchange",
    greeting_index: null,
  };
}
