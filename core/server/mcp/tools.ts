/**
 * MCP tools: a table that exposes chosen JSON-RPC methods to agents. Each tool's `inputSchema` is
 * generated from the zod schema its method validates with, so the two cannot drift (a parameter a
 * method gains is a parameter its tool gains). Adding a tool is adding one entry to
 * {@linkcode TOOLS} (`tool_table.ts`); the entry's shape is `tool_spec.ts`.
 *
 * @module
 */
import { z } from "zod";
import type { Handler, HandlerContext, MethodTable } from "../define_handler.ts";
import { isModernMeta } from "./modern.ts";
import type { ToolAnnotations, ToolSpec } from "./tool_spec.ts";
import { TOOLS } from "./tool_table.ts";

export { TOOLS } from "./tool_table.ts";
export type { ToolAnnotations, ToolSpec, ToolStreaming } from "./tool_spec.ts";

/** A tool as `tools/list` shows it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  annotations: ToolAnnotations & { title: string };
}

/** What listing needs from the request: the methods served and the era (from `_meta`). */
export type ToolScope = Pick<HandlerContext, "meta"> & { registry: MethodTable };

/** The method the tool `name` (of `tools`, by default {@linkcode TOOLS}) runs, if it is one. */
export function toolMethod(name: unknown, tools: readonly ToolSpec[] = TOOLS): string | undefined {
  return tools.find((tool) => tool.name === name)?.method;
}

/**
 * The tools (of `tools`, by default {@linkcode TOOLS}) this server offers the caller: those whose
 * method is served (a disabled plugin's are not), without the session-bound ones for a stateless
 * (modern-era) caller.
 */
export function availableTools(scope: ToolScope, tools: readonly ToolSpec[] = TOOLS): ToolSpec[] {
  const stateless = isModernMeta(scope.meta);
  return tools.filter((tool) =>
    scope.registry.get(tool.method) !== undefined && !(stateless && tool.sessionBound)
  );
}

const schemaCache = new Map<string, WeakMap<Handler, Record<string, unknown>>>();

function personaDescription(stateless: boolean): string {
  return stateless
    ? "The persona: its id or its name (any case)"
    : "The persona: its id or its name (any case); by default the session's active persona";
}

/**
 * The JSON Schema (2020-12) of what the tool accepts: its method's params, less the streaming
 * switch; the persona argument described, and required when there is no session.
 */
export function inputSchema(
  tool: ToolSpec,
  handler: Handler,
  options: { stateless: boolean },
): Record<string, unknown> {
  const key = `${tool.name}:${options.stateless}`;
  const cache = schemaCache.get(key) ?? new WeakMap();
  schemaCache.set(key, cache);
  const cached = cache.get(handler);
  if (cached) return cached;
  let schema = handler.params;
  if (tool.streaming && schema instanceof z.ZodObject) {
    // The tool turns streaming on itself (from the progress token); agents never set it.
    schema = schema.omit({ [tool.streaming.param]: true } as Record<string, true>);
  }
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  const properties = json.properties as Record<string, Record<string, unknown>> | undefined;
  const persona = tool.persona && properties?.[tool.persona];
  if (tool.persona && persona) {
    properties[tool.persona] = { ...persona, description: personaDescription(options.stateless) };
    const required = (json.required ?? []) as string[];
    if (options.stateless && !required.includes(tool.persona)) {
      json.required = [...required, tool.persona];
    }
  }
  cache.set(handler, json);
  return json;
}

/** `tools/list` entries for every tool available to the caller. */
export function listTools(scope: ToolScope, tools: readonly ToolSpec[] = TOOLS): ListedTool[] {
  const stateless = isModernMeta(scope.meta);
  return availableTools(scope, tools).map((tool) => {
    const handler = scope.registry.get(tool.method)!;
    return {
      name: tool.name,
      title: tool.title,
      description: tool.description ?? handler.description,
      inputSchema: inputSchema(tool, handler, { stateless }),
      annotations: { title: tool.title, ...tool.annotations },
    };
  });
}
