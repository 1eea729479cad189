/**
 * A stand-in for a connection's turn claim (`core/turn_away.ts`) that writes "leave" and "back"
 * to a log, for tests of which waits give the turn back and when they take it again ("back at
 * once" when the wait's caller holds what others wait for and goes on past the turn limit).
 *
 * @module
 */
import type { TurnClaim } from "../turn_away.ts";

/**
 * A claim that pushes "leave" and "back" (or "back at once", {@linkcode TurnClaim.back}'s
 * `atOnce`) onto `log` as a wait gives its turn back and retakes it.
 */
export function loggedClaim(log: string[]): TurnClaim {
  return {
    leave: () => void log.push("leave"),
    back: (atOnce) => void log.push(atOnce === true ? "back at once" : "back"),
    fork: () => {},
    finished: () => {},
  };
}
