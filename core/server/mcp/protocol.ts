/**
 * The Model Context Protocol's lifecycle as this server speaks it (the 2025-11-25 era):
 * version negotiation, what the server declares, and what it remembers of each client.
 *
 * @module
 */
import { z } from "zod";
import { pageOf } from "../../paging.ts";
import type { Session } from "../../sessions/mod.ts";

/** RFC 5424 severities, least severe first, as MCP names them. */
export const LOGGING_LEVELS = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
] as const;

/** One MCP logging level. */
export const LoggingLevel = z.enum(LOGGING_LEVELS);
/** One MCP logging level. */
export type LoggingLevel = z.infer<typeof LoggingLevel>;

/** Protocol revisions this server speaks, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
] as const;

/** The revision answered when a client asks for one this server does not speak. */
export const LATEST_PROTOCOL_VERSION = SUPPORTED_PROTOCOL_VERSIONS[0];

/** True when `version` is one this server speaks. */
export function isSupportedVersion(version: string): boolean {
  return (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(version);
}

/** The spec's rule: echo a version we speak, otherwise offer our latest. */
export function negotiateVersion(requested: string): string {
  return isSupportedVersion(requested) ? requested : LATEST_PROTOCOL_VERSION;
}

/**
 * What `initialize` declares: exactly the features the handlers implement. Lists do not change
 * notifications (`listChanged: false`) and resources cannot be subscribed to.
 */
export const SERVER_CAPABILITIES = {
  tools: { listChanged: false },
  resources: { subscribe: false, listChanged: false },
  prompts: { listChanged: false },
  logging: {},
} as const;

/** Guidance `initialize` gives the client's model. */
export const SERVER_INSTRUCTIONS =
  "Local persona server: personas with an identity, long-term memory and relationships. Call " +
  "persona_list to see them, persona_switch to pick one for this session, then talk to it with " +
  "conversation_send_message; memory_search finds what it remembers. Each persona is also a " +
  "resource (persona://{id}, and persona://{id}/memories) and a prompt (its system prompt), so " +
  "you can role-play it with your own model.";

/** What the server remembers about a session's MCP client: what it negotiated and chose. */
export interface McpClient {
  /** The negotiated revision; null before `initialize`. */
  protocolVersion: string | null;
  /** Least severe level sent as `notifications/message`; null sends none. */
  logLevel: LoggingLevel | null;
}

// Kept beside the session rather than in it: custom JSON-RPC clients never need it.
const clients = new WeakMap<Session, McpClient>();

/** The MCP client of `session` (created empty on first use). */
export function mcpClient(session: Session): McpClient {
  let client = clients.get(session);
  if (!client) {
    client = { protocolVersion: null, logLevel: null };
    clients.set(session, client);
  }
  return client;
}

/** Items per page of the MCP lists (`tools/list`, `resources/list`, ...). */
export const MCP_PAGE_SIZE = 100;

/**
 * One page of an MCP list (pagination rules of the MCP specification): the page and, when more
 * follow, `nextCursor`. A cursor this server did not issue is -32602.
 */
export function mcpPage<T>(
  items: readonly T[],
  cursor: string | undefined,
  keyOf: (item: T) => string,
): { items: T[]; nextCursor?: string } {
  const page = pageOf(items, { limit: MCP_PAGE_SIZE, cursor }, keyOf);
  return page.next_cursor === null
    ? { items: page.items }
    : { items: page.items, nextCursor: page.next_cursor };
}
