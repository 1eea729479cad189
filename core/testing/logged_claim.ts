/**
 * A stand-in for a connection's turn claim (`core/turn_away.ts`) that writes "leave" and "back"
 * to a log, for tests of which waits give the turn back and when they take it again.
 *
 * @module
 */
import type { TurnClaim } from "../turn_away.ts";

/** A claim that pushes "leave" and "back" onto `log` as a wait gives its turn back and retakes it. */
export function loggedClaim(log: string[]): TurnClaim {
  return {
    leave: () => void log.push("leave"),
    back: () => void log.push("back"),
    fork: () => {},
    finished: () => {},
  };
}
