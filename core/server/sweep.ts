/**
 * The server's minute sweep: ends idle sessions, deletes expired saved states and removes the
 * lines of room rounds cut off. `startServer` (server.ts) runs it every minute.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import type { Services } from "../services.ts";

/**
 * Ends REST and Streamable HTTP sessions idle for longer than their TTL, and deletes the saved
 * states older than theirs (`SAVED_STATE_TTL_S`, when set); runs every minute.
 */
export async function expireIdleSessions(services: Services): Promise<void> {
  try {
    await services.sessions.keepAlive();
    await services.sessions.expireIdle("rest", services.config.REST_SESSION_TTL_S * 1000);
    await services.sessions.expireIdle("http", services.config.MCP_SESSION_TTL_S * 1000);
  } catch (error) {
    services.log.warn("Cannot expire idle sessions", { error });
  }
  const ttlS = services.config.SAVED_STATE_TTL_S;
  if (ttlS === 0) return;
  try {
    const before = isoTime(services.clock.now() - ttlS * 1000);
    const expired = await services.savedSessions.expire(before);
    if (expired > 0) services.log.debug("Saved states expired", { expired, ttl_s: ttlS });
  } catch (error) {
    services.log.warn("Cannot expire saved states", { error });
  }
}

/** The minute sweep: {@linkcode expireIdleSessions} and {@linkcode removeCutRoomRounds}. */
export async function minuteSweep(services: Services): Promise<void> {
  await Promise.all([expireIdleSessions(services), removeCutRoomRounds(services)]);
}

/**
 * Removes the lines of room rounds cut off (core/rooms/round_writes.ts): a removal that failed
 * with the database out of reach, or a round of a node that died; runs every minute.
 */
export async function removeCutRoomRounds(services: Services): Promise<void> {
  try {
    const lines = await services.rooms.removeCutRounds();
    if (lines > 0) services.log.info("Removed the lines of room rounds cut off", { lines });
  } catch (error) {
    services.log.warn("Cannot remove the lines of room rounds cut off yet", { error });
  }
}
