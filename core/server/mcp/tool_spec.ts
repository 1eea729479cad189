/**
 * The shape of an MCP tool entry (an agent-friendly name for a JSON-RPC method, with MCP's
 * behaviour hints) and the hint presets the table uses.
 *
 * @module
 */

/** MCP's behaviour hints; clients use them to decide what needs the user's confirmation. */
export interface ToolAnnotations {
  /** True: the tool changes nothing. */
  readOnlyHint: boolean;
  /** True: it may overwrite or delete data (false: it only adds). */
  destructiveHint: boolean;
  /** True: calling it again with the same arguments changes nothing more. */
  idempotentHint: boolean;
  /** False everywhere here: tools touch only this server's data and the local model. */
  openWorldHint: boolean;
}

/** How a tool streams: the method param that turns streaming on, and the chunk notification. */
export interface ToolStreaming {
  /** Boolean param set to true when the caller sent a progress token. */
  param: string;
  /** Notification whose `text` becomes a `notifications/progress` message. */
  chunk: string;
}

/** One tool: an agent-friendly name for a JSON-RPC method. */
export interface ToolSpec {
  /** `[a-zA-Z0-9_-]{1,64}`: Claude Desktop refuses the whole list if one name has a dot. */
  name: string;
  /** The JSON-RPC method it runs (in the caller's session). */
  method: string;
  /** Human-readable name. */
  title: string;
  /** What an agent reads to choose the tool; the method's description when absent. */
  description?: string;
  annotations: ToolAnnotations;
  /** Streams as MCP progress when the caller asks for it. */
  streaming?: ToolStreaming;
  /**
   * The argument naming the persona the tool is about. Without a session (MCP 2026-07-28) it is
   * required; with one it defaults to the session's active persona.
   */
  persona?: string;
  /** Only meaningful in a session (legacy era): not offered to stateless clients. */
  sessionBound?: true;
  /** Long-running: runs as a task for a client that declared the tasks extension. */
  task?: true;
}

/** Changes nothing. */
export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
/** Adds data; calling twice adds twice. */
export const ADDS: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};
/** Overwrites or deletes data; calling twice changes nothing more. */
export const OVERWRITES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: false,
};
