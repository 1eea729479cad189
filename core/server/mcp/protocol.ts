/**
 * The Model Context Protocol revisions this server speaks, and what it declares in each era: the
 * legacy era (2025-11-25 and earlier: an `initialize` handshake, state per session) and the modern
 * era (2026-07-28: stateless, every request carries its revision in `_meta`, `server/discover`).
 * A dual-era server, as `basic/versioning` of 2026-07-28 allows.
 *
 * @module
 */
import { z } from "zod";
import { badCursor, pageOf, type PageOrder } from "../../paging.ts";
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

/** Modern revisions (stateless, per-request `_meta`), newest first. */
export const MODERN_PROTOCOL_VERSIONS = ["2026-07-28"] as const;

/** Legacy revisions (an `initialize` handshake), newest first. */
export const LEGACY_PROTOCOL_VERSIONS = [
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
] as const;

/** Every revision this server speaks, newest first (`server/discover`'s `supportedVersions`). */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [
  ...MODERN_PROTOCOL_VERSIONS,
  ...LEGACY_PROTOCOL_VERSIONS,
];

/** The revision `initialize` answers when a client asks for one it cannot have. */
export const LATEST_LEGACY_VERSION = LEGACY_PROTOCOL_VERSIONS[0];

/** True when `version` is a revision this server speaks (either era). */
export function isSupportedVersion(version: string): boolean {
  return SUPPORTED_PROTOCOL_VERSIONS.includes(version);
}

/** True when `version` is a modern revision this server speaks. */
export function isModernVersion(version: string): boolean {
  return (MODERN_PROTOCOL_VERSIONS as readonly string[]).includes(version);
}

/**
 * The legacy handshake's rule: echo a legacy revision we speak, otherwise offer our latest legacy
 * one. A modern revision is never echoed: that era has no `initialize`.
 */
export function negotiateVersion(requested: string): string {
  return (LEGACY_PROTOCOL_VERSIONS as readonly string[]).includes(requested)
    ? requested
    : LATEST_LEGACY_VERSION;
}

/**
 * What `initialize` declares (legacy era): exactly the features the handlers implement there. No
 * list-change notifications and no resource subscriptions: a legacy HTTP client has no stream to
 * receive them on.
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

/**
 * The MCP client of `session` (created empty on first use), kept in the session's protocol state
 * so that a Streamable HTTP session resumed on another node knows what its client negotiated.
 */
export function mcpClient(session: Session): McpClient {
  session.protocolState ??= { protocolVersion: null, logLevel: null };
  return session.protocolState as unknown as McpClient;
}

/** Items per page of the MCP lists (`tools/list`, `resources/list`, ...). */
export const MCP_PAGE_SIZE = 100;

/**
 * One page of the MCP list `list` (its method; pagination rules of the MCP specification): the
 * page and, when more follow, `nextCursor`. A cursor this server did not issue, or issued for
 * another list, is -32602. `keys` is the items' key, or their order (`core/paging_order.ts`):
 * then a page resumes after the last item's place whatever was removed meanwhile.
 */
export function mcpPage<T>(
  items: readonly T[],
  { list, cursor }: { list: string; cursor: string | undefined },
  keys: ((item: T) => string) | PageOrder<T>,
): { items: T[]; nextCursor?: string } {
  // The list's name leads its cursors: one list's cursor would otherwise page through another.
  const tag = `${list}.`;
  if (cursor !== undefined && !cursor.startsWith(tag)) throw badCursor();
  const inner = cursor?.slice(tag.length);
  const page = pageOf(items, { limit: MCP_PAGE_SIZE, cursor: inner }, keys);
  return page.next_cursor === null
    ? { items: page.items }
    : { items: page.items, nextCursor: tag + page.next_cursor };
}

/**
 * What `server/discover` declares (modern era). Tools never change while the server runs; the
 * persona-derived lists (resources, prompts) and each resource can be watched with
 * `subscriptions/listen`; long simulations can run as tasks. Logging, roots and sampling are
 * deprecated by 2026-07-28 and not offered in that era.
 */
export const MODERN_CAPABILITIES = {
  tools: { listChanged: false },
  resources: { subscribe: true, listChanged: true },
  prompts: { listChanged: true },
  extensions: { "io.modelcontextprotocol/tasks": {} },
} as const;

/** Guidance `server/discover` gives the client's model: there is no session to pick a persona. */
export const MODERN_INSTRUCTIONS =
  "Local persona server: personas with an identity, long-term memory and relationships. Call " +
  "persona_list to see them. Every call is independent: name the persona with persona_id (its id " +
  "or its name) in each tool call. conversation_send_message talks to a persona; memory_store, " +
  "memory_update and memory_delete keep what it remembers right; dialogue_start and dialogue_turn " +
  "let personas talk to each other; simulation_run plays a whole evening. Each persona is also a " +
  "resource (persona://{id}, its memories and its chat transcript) and a prompt to speak as it.";

/** The server's identity (`serverInfo`), in both eras. */
export function serverInfo(version: string): { name: string; title: string; version: string } {
  return { name: "persona-mcp", title: "Persona MCP", version };
}
