/**
 * Sessions: one per connection, their registry, and saved states.
 *
 * @module
 */
export { resolvePersona } from "./active.ts";
export { SessionRegistry } from "./registry.ts";
export {
  CancelRequest,
  type RequestId,
  Session,
  type SessionKind,
  type VisualContext,
} from "./session.ts";
export { type SavedState, stateKey, stateMigrations, StateStore } from "./state_store.ts";
