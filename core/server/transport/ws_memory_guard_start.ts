/**
 * The memory guard's limit from the settings (MEMORY_GUARD_MB, MAX_CONNECTIONS, MAX_FRAME_BYTES)
 * and its start beside the WebSocket transport ({@linkcode WebSocketMemoryGuard}).
 *
 * @module
 */
import type { Logger } from "../../log.ts";
import {
  type MemoryPressure,
  type WatchedSocket,
  WebSocketMemoryGuard,
} from "./ws_memory_guard.ts";

const MIB = 1_048_576;

/**
 * The unset MEMORY_GUARD_MB's ceiling: past it the guard would be off in practice on the large
 * deployments it exists for (MAX_CONNECTIONS=10000 made it about 20 GiB: review34 F5).
 */
export const DEFAULT_GUARD_CAP_BYTES = 1024 * MIB;

/**
 * MEMORY_GUARD_MB in bytes (0: off). Unset: 256 MiB plus twice what MAX_CONNECTIONS whole frames
 * of MAX_FRAME_BYTES hold (a frame costs about 1.7 times its size while Deno and V8 hold it), so
 * that ordinary full-size messages on every socket never reach it, at most
 * {@linkcode DEFAULT_GUARD_CAP_BYTES}.
 */
export function memoryGuardLimitBytes(
  config: { MEMORY_GUARD_MB?: number; MAX_CONNECTIONS: number; MAX_FRAME_BYTES: number },
): number {
  if (config.MEMORY_GUARD_MB !== undefined) return config.MEMORY_GUARD_MB * MIB;
  const roomy = 256 * MIB + 2 * config.MAX_CONNECTIONS * config.MAX_FRAME_BYTES;
  return Math.min(roomy, DEFAULT_GUARD_CAP_BYTES);
}

/** What {@linkcode startMemoryGuard} watches and tells. */
export interface MemoryGuardDeps {
  webSockets: { sockets(): Iterable<WatchedSocket> };
  log: Logger;
  pressure: MemoryPressure;
}

/** Starts the guard for `config` (MEMORY_GUARD_MB); undefined when it is off (0). */
export function startMemoryGuard(
  config: Parameters<typeof memoryGuardLimitBytes>[0],
  deps: MemoryGuardDeps,
): WebSocketMemoryGuard | undefined {
  const limitBytes = memoryGuardLimitBytes(config);
  if (limitBytes === 0) return undefined;
  const guard = new WebSocketMemoryGuard({
    limitBytes,
    sockets: () => deps.webSockets.sockets(),
    log: deps.log,
    pressure: deps.pressure,
  });
  guard.start();
  return guard;
}
