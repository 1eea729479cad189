/**
 * `tools/call`: runs a tool's method in the caller's session and shapes the MCP result. Failures
 * the agent can act on (bad arguments, unknown persona, Ollama down) come back as results with
 * `isError: true` and a helpful text, so the model can correct itself; an unknown tool is a
 * protocol error (-32602); unexpected failures stay -32603 (logged, never echoed).
 *
 * @module
 */
import { AppError, Cancelled } from "../../errors.ts";
import type { HandlerContext, NestedCallOptions } from "../define_handler.ts";
import { isRecord } from "../rpc/envelope.ts";
import { progressToken } from "../rpc/params.ts";
import { RpcCode, RpcError, toWireError, type WireError } from "../rpc/wire_errors.ts";
import { mcpLog } from "./logging.ts";
import { availableTools, TOOLS, type ToolSpec } from "./tools.ts";

/** A content block of a tool result (this server only produces text). */
export interface TextContent {
  type: "text";
  text: string;
}

/** The result of `tools/call`. */
export interface CallToolResult {
  [key: string]: unknown;
  content: TextContent[];
  structuredContent: Record<string, unknown>;
  isError?: true;
}

/** Runs the tool `name` (of `tools`, by default all) with `args` as part of the request. */
export async function callTool(
  ctx: HandlerContext,
  call: { name: string; arguments: Record<string, unknown> },
  tools: readonly ToolSpec[] = TOOLS,
): Promise<CallToolResult> {
  const available = availableTools(ctx.registry, tools);
  const tool = available.find((candidate) => candidate.name === call.name);
  if (!tool) {
    throw new RpcError(RpcCode.InvalidParams, `Unknown tool: ${call.name}`, {
      name: call.name,
      tools: available.map((known) => known.name),
    });
  }
  const args = call.arguments;
  const { params, notify } = streamingPlan(ctx, tool, args);
  try {
    const result = await ctx.call(tool.method, params, { notify });
    mcpLog(ctx, { level: "debug", data: { tool: tool.name, outcome: "ok" } });
    // Every handler answers with a JSON object (defineHandler's contract); MCP wants one here.
    const structuredContent = isRecord(result) ? result : { result };
    return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent };
  } catch (error) {
    if (error instanceof Cancelled || !isToolError(error)) throw error;
    const wire = toWireError(error).error;
    mcpLog(ctx, {
      level: "warning",
      data: { tool: tool.name, outcome: "error", error: wire },
    });
    return {
      content: [{ type: "text", text: describeFailure(tool, wire) }],
      structuredContent: { error: wire },
      isError: true,
    };
  }
}

/** Failures that are the agent's to fix or to report: domain errors and invalid arguments. */
function isToolError(error: unknown): boolean {
  return error instanceof AppError ||
    (error instanceof RpcError && error.code === RpcCode.InvalidParams);
}

/**
 * With a progress token, a streaming tool runs with streaming on and each chunk becomes
 * `notifications/progress`. The method's own notifications are never passed on: MCP clients did
 * not ask for them.
 */
function streamingPlan(
  ctx: HandlerContext,
  tool: ToolSpec,
  args: Record<string, unknown>,
): { params: Record<string, unknown>; notify: NonNullable<NestedCallOptions["notify"]> } {
  const token = progressToken(ctx.meta);
  const streaming = tool.streaming;
  if (!streaming) return { params: args, notify: () => {} };
  const { [streaming.param]: _ignored, ...rest } = args;
  if (token === null) return { params: rest, notify: () => {} };
  let progress = 0;
  return {
    params: { ...rest, [streaming.param]: true },
    notify(method, params) {
      if (method !== streaming.chunk) return;
      const text = params.text;
      ctx.progress({ progress: ++progress, message: typeof text === "string" ? text : undefined });
    },
  };
}

const HINTS: Record<number, string> = {
  [RpcCode.PersonaNotFound]: "Call persona_list to see the personas' ids and names.",
  [RpcCode.NoActivePersona]: "Call persona_switch first, or pass persona_id.",
};

/** One readable paragraph: what failed, which fields, and what to do next. */
export function describeFailure(tool: ToolSpec, error: WireError): string {
  const lines = [`${tool.name} failed: ${error.message}`];
  const data = (error.data ?? {}) as { fields?: unknown; hint?: unknown };
  if (Array.isArray(data.fields)) {
    for (const issue of data.fields as Array<{ field: string; message: string }>) {
      lines.push(`- ${issue.field} ${issue.message}`);
    }
  }
  if (typeof data.hint === "string") lines.push(data.hint);
  const hint = HINTS[error.code];
  if (hint) lines.push(hint);
  return lines.join("\n");
}
