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
    name: "memory_block_list",
    method: "memory.block_list",
    title: "Core memory blocks",
    description:
      "A persona's core memory blocks (persona, world, user:<name>, ...): text always in its " +
      "prompt, each with a character limit and a read-only flag",
    annotations: READ_ONLY,
  },
  {
    name: "memory_block_get",
    method: "memory.block_get",
    title: "Read a core memory block",
    description: "One core memory block by label, with its latest changes and who made them",
    annotations: READ_ONLY,
  },
  {
    name: "memory_block_set",
    method: "memory.block_set",
    title: "Write a core memory block",
    description:
      "Create a core memory block or replace its content (within its character limit); a " +
      "read-only block refuses changes",
    annotations: {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    },
  },
  {
    name: "memory_block_append",
    method: "memory.block_append",
    title: "Add to a core memory block",
    description:
      "Append a line to a core memory block (refused past its character limit or when read-only)",
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
  },
  {
    name: "memory_jobs",
    method: "memory.jobs",
    title: "Background memory jobs",
    description:
      "Background memory work (fact extraction, reflection): counts by state, why jobs wait, " +
      "and failed jobs with their reasons",
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
