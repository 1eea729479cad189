/**
 * Sessions: one per connection, their registry, and saved sessions (`state.save`, `state.load`).
 *
 * @module
 */
export { resolvePersona } from "./active.ts";
export { SessionRegistry, SHARED_KINDS } from "./registry.ts";
export {
  sharedSessionMigrations,
  SharedSessionStore,
  type SharedState,
} from "./shared_sessions.ts";
export {
  CancelRequest,
  type RequestId,
  Session,
  type SessionKind,
  type UnstartedRequests,
  type VisualContext,
} from "./session.ts";
export {
  type SavedSession,
  savedSessionKey,
  savedSessionMigrations,
  SavedSessionStore,
} from "./saved_sessions.ts";
