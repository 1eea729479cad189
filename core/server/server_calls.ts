/**
 * The server's calls as the collection after a burst of upgrades sees them
 * (core/server/transport/burst_collect.ts): whether any is in flight on any transport, and a
 * tally that moves with every one started or answered. The collection stops the whole process,
 * so a window in which a client was served is not "quiet", however little it allocated.
 *
 * @module
 */
import type { SessionRegistry } from "../sessions/mod.ts";
import type { Drain } from "./drain.ts";
import type { ServerMetrics } from "./metrics/metrics.ts";
import type { CallActivity } from "./transport/burst_collect.ts";

/** Where {@linkcode serverCalls} reads. */
export interface ServerCallSources {
  /** HTTP requests of both ports in flight and taken (WebSocket messages are not HTTP requests). */
  drain: Pick<Drain, "inflight" | "taken">;
  /** JSON-RPC requests answered, every transport. */
  metrics: Pick<ServerMetrics, "rpcAnswered">;
  /** A session with a request running is busy (a WebSocket call, a chat, a listen stream). */
  sessions: Pick<SessionRegistry, "all">;
}

/** The server's calls now; read every QUIET_CHECK_MS and only while a burst is counted. */
export function serverCalls(sources: ServerCallSources): CallActivity {
  const busy = sources.sessions.all().some((session) => session.busy);
  return {
    running: sources.drain.inflight + (busy ? 1 : 0),
    tally: sources.drain.taken + sources.metrics.rpcAnswered,
  };
}
