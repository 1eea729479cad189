/**
 * A session as the shared store keeps it (`shared_sessions.ts`), both ways: the state written
 * from a live session, the state read back onto one, and what a request changed in it.
 *
 * @module
 */
import type { Session, SessionKind, VisualContext } from "./session.ts";

/** A shared session's state. */
export interface SharedState {
  id: string;
  kind: SessionKind;
  active_persona_id: string | null;
  visual_context: VisualContext | null;
  /** What the protocol layer negotiated (MCP: revision, log level), as JSON-able values. */
  protocol: Record<string, unknown> | null;
  message_count: number;
  request_count: number;
  connected_at: number;
  last_seen: number;
}

/** What `session` holds that the store keeps. */
export function stateOf(session: Session): SharedState {
  return {
    id: session.id,
    kind: session.kind,
    active_persona_id: session.activePersonaId,
    visual_context: session.visualContext,
    protocol: session.protocolState,
    message_count: session.messageCount,
    request_count: session.requestCount,
    connected_at: session.connectedAt.getTime(),
    last_seen: session.lastSeen,
  };
}

/** Sets what `state` (read from the store) holds on `session`, last used `now`. */
export function adopt(session: Session, state: SharedState, now: number): void {
  session.activePersonaId = state.active_persona_id;
  session.visualContext = state.visual_context;
  session.protocolState = state.protocol;
  session.messageCount = state.message_count;
  session.requestCount = state.request_count;
  session.lastSeen = now;
}

/**
 * What a request changed in a shared session, `before` it and `after`: whether a field the
 * store rewrites changed, and how many messages and requests it added.
 */
export function changesOf(
  before: SharedState,
  after: SharedState,
): { changed: boolean; messages: number; requests: number } {
  return {
    changed: after.active_persona_id !== before.active_persona_id ||
      JSON.stringify(after.visual_context) !== JSON.stringify(before.visual_context) ||
      JSON.stringify(after.protocol) !== JSON.stringify(before.protocol),
    messages: after.message_count - before.message_count,
    requests: after.request_count - before.request_count,
  };
}
