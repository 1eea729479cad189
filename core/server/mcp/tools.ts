/**
 * MCP tools: a small table that exposes chosen JSON-RPC methods to agents. Each tool's
 * `inputSchema` is generated from the zod schema its method validates with, so the two cannot
 * drift. Adding a tool is adding one entry to {@linkcode TOOLS}.
 *
 * @module
 */
import { z } from "zod";
import type { Handler, MethodTable } from "../define_handler.ts";

/** MCP's behaviour hints; clients use them to decide what needs the user's confirmation. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
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
}

const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

const WRITES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};

/** The tools, in listing order. Kept small: agents pay for every tool in their context. */
export const TOOLS: readonly ToolSpec[] = [
  {
    name: "persona_list",
    method: "persona.list",
    title: "List personas",
    description: "List every persona (id, name, description, Big Five traits, goals)",
    annotations: READ_ONLY,
  },
  {
    name: "persona_get",
    method: "persona.get",
    title: "Get a persona",
    description: "Get one persona's full profile by id, or the active persona when no id is given",
    annotations: READ_ONLY,
  },
  {
    name: "persona_switch",
    method: "persona.switch",
    title: "Switch persona",
    description:
      "Make a persona the active one for this session (by id, or by name in any case); later " +
      "calls without persona_id talk to it",
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  },
  {
    name: "persona_create",
    method: "persona.create",
    title: "Create a persona",
    description:
      "Create a persona: a unique name, and optionally a description, Big Five traits (0.0-1.0), " +
      "backstory, goals, topic preferences (0-100), speaking style and Ollama model",
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
  },
  {
    name: "conversation_send_message",
    method: "conversation.send_message",
    title: "Talk to a persona",
    description:
      "Send a message to the active persona (or persona_id) and get its in-character answer " +
      "from the local model; the exchange is kept in its history. Send a progress token to " +
      "receive the answer as it is written",
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    streaming: { param: "stream", chunk: "conversation.chunk" },
  },
  {
    name: "memory_search",
    method: "memory.search",
    title: "Search memories",
    description:
      "Search a persona's long-term memories (the active persona, or persona_id), best first by " +
      "relevance, importance and recency; only bumps the memories' access counters",
    annotations: READ_ONLY,
  },
  {
    name: "relationship_get",
    method: "relationship.get",
    title: "Relationships",
    description:
      "How personas relate (type, strength, trust, recent interactions): one pair with " +
      "persona1_id and persona2_id, else every relationship of persona_id or the active persona",
    annotations: READ_ONLY,
  },
  {
    name: "persona_import_card",
    method: "persona.import_card",
    title: "Import a character card",
    description:
      "Import a Character Card (V1/V2/V3) as a new persona: `card` is the card's JSON, or `data` " +
      "a JSON, PNG or CHARX card file in base64; its lorebook, greetings and avatar come along",
    annotations: WRITES,
  },
  {
    name: "lorebook_list",
    method: "lorebook.list",
    title: "List lorebooks",
    description:
      "List lorebooks (World Info): all, or those in play for persona_id, or attached to room_id",
    annotations: READ_ONLY,
  },
  {
    name: "lorebook_import",
    method: "lorebook.import",
    title: "Import a lorebook",
    description:
      "Import a lorebook (V3 lorebook_v3, V2 character_book, or SillyTavern World Info JSON), " +
      "optionally attached to persona_id or room_id",
    annotations: WRITES,
  },
  {
    name: "lorebook_attach",
    method: "lorebook.attach",
    title: "Attach a lorebook",
    description: "Attach a lorebook to a persona (its chats) or to a room (everyone in it)",
    annotations: { ...WRITES, idempotentHint: true },
  },
  {
    name: "room_create",
    method: "room.create",
    title: "Open a group chat",
    description:
      "Open a room where the user chats with several personas (ids or names), with an optional " +
      "scenario and lorebooks",
    annotations: WRITES,
  },
  {
    name: "room_send",
    method: "room.send",
    title: "Talk in a group chat",
    description:
      "Say something in a room; the personas present answer in turn (those named first), each " +
      "reply with its speaker. Send a progress token to receive the replies as they are written",
    annotations: WRITES,
    streaming: { param: "stream", chunk: "room.chunk" },
  },
  {
    name: "room_join",
    method: "room.join",
    title: "Join a group chat",
    description: "A persona joins a room: it hears, remembers and may answer from now on",
    annotations: { ...WRITES, idempotentHint: true },
  },
  {
    name: "room_leave",
    method: "room.leave",
    title: "Leave a group chat",
    description:
      "A persona leaves a room: it hears and remembers nothing said until it joins again",
    annotations: { ...WRITES, idempotentHint: true },
  },
  {
    name: "room_get_history",
    method: "room.get_history",
    title: "Group chat transcript",
    description: "A room's transcript, newest first: the user's lines and each persona's, named",
    annotations: READ_ONLY,
  },
  {
    name: "session_get_info",
    method: "session.get_info",
    title: "Session info",
    description: "Describe this session: its id, active persona, scene and counters",
    annotations: READ_ONLY,
  },
];

/** A tool as `tools/list` shows it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  annotations: ToolAnnotations & { title: string };
}

/** The tools (of `tools`, by default {@linkcode TOOLS}) whose methods this server serves. */
export function availableTools(
  registry: MethodTable,
  tools: readonly ToolSpec[] = TOOLS,
): ToolSpec[] {
  // A tool whose method is missing (a disabled plugin) is not offered.
  return tools.filter((tool) => registry.get(tool.method) !== undefined);
}

const schemaCache = new WeakMap<Handler, Record<string, unknown>>();

/** The JSON Schema (2020-12) of what the tool accepts: its method's params, minus streaming. */
export function inputSchema(tool: ToolSpec, handler: Handler): Record<string, unknown> {
  const cached = schemaCache.get(handler);
  if (cached) return cached;
  let schema = handler.params;
  if (tool.streaming && schema instanceof z.ZodObject) {
    // The tool turns streaming on itself (from the progress token); agents never set it.
    schema = schema.omit({ [tool.streaming.param]: true } as Record<string, true>);
  }
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  schemaCache.set(handler, json);
  return json;
}

/** `tools/list` entries for every available tool. */
export function listTools(
  registry: MethodTable,
  tools: readonly ToolSpec[] = TOOLS,
): ListedTool[] {
  return availableTools(registry, tools).map((tool) => {
    const handler = registry.get(tool.method)!;
    return {
      name: tool.name,
      title: tool.title,
      description: tool.description ?? handler.description,
      inputSchema: inputSchema(tool, handler),
      annotations: { title: tool.title, ...tool.annotations },
    };
  });
}
