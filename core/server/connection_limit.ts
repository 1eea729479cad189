/**
 * How many WebSockets the server takes (MAX_CONNECTIONS, or fewer under the open-file limit)
 * and the start-up line that says which limit wins.
 *
 * @module
 */
import { connectionsUnder, openFileLimit } from "./transport/fd_limit.ts";
import type { WebSocketOptions } from "./transport/ws.ts";

/**
 * How many WebSockets the server takes: MAX_CONNECTIONS, or fewer when its open-file limit holds
 * fewer (then the refusal says to raise `ulimit -n`).
 */
export function connectionLimit(
  maxConfigured: number,
  openFiles: number | undefined = openFileLimit(),
): WebSocketOptions & { openFiles?: number } {
  const configured = { maxConnections: maxConfigured, limitReason: "MAX_CONNECTIONS" };
  if (openFiles === undefined) return configured;
  const underFiles = connectionsUnder(openFiles);
  if (underFiles >= maxConfigured) return { ...configured, openFiles };
  return {
    maxConnections: underFiles,
    limitReason: `open-file limit ${openFiles}; raise it with ulimit -n`,
    openFiles,
  };
}

/**
 * The start-up line about the WebSocket limit: which limit wins, MAX_CONNECTIONS or the open-file
 * limit, with both numbers; none when the open-file limit is unknown. A warning when the open-file
 * limit binds (clients will be refused below MAX_CONNECTIONS), else a debug line: nothing is wrong.
 */
export function connectionLimitLine(
  limit: WebSocketOptions & { openFiles?: number },
  maxConfigured: number,
): { level: "debug" | "warn"; message: string; fields: Record<string, number> } | undefined {
  if (limit.openFiles === undefined) return undefined;
  const underFiles = limit.maxConnections < maxConfigured;
  return {
    level: underFiles ? "warn" : "debug",
    message: underFiles
      ? "WebSocket connections limited by the open-file limit (below MAX_CONNECTIONS)"
      : "WebSocket connections limited by MAX_CONNECTIONS (the open-file limit allows at least as many)",
    fields: {
      max_connections: limit.maxConnections,
      MAX_CONNECTIONS: maxConfigured,
      open_file_limit: limit.openFiles,
    },
  };
}
