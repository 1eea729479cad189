/**
 * `tools/call`: runs a tool's method as part of the request and shapes the MCP result. Failures
 * the agent can act on (bad arguments, unknown persona, Ollama down) come back as results with
 * `isError: true` and a helpful text, so the model can correct itself; an unknown tool is a
 * protocol error (-32602); unexpected failures stay -32603 (logged, never echoed). A long tool
 * called by a client that declared the tasks extension runs as a task instead (2026-07-28).
 *
 * @module
 */
import { AppError, Cancelled } from "../../errors.ts";
import { LIST_ENVELOPE_BYTES } from "../../paging.ts";
import type { HandlerContext, NestedCallOptions } from "../define_handler.ts";
import { isRecord } from "../rpc/envelope.ts";
import { utf8Bytes } from "../rpc/kept_json.ts";
import { fitsBytes, shortError } from "../rpc/reply_budget.ts";
import { progressToken } from "../rpc/params.ts";
import { RpcCode, RpcError, toWireError, type WireError } from "../rpc/wire_errors.ts";
import { mcpLog } from "./logging.ts";
import { declaresExtension, isModernMeta, modernError, TASKS_EXTENSION } from "./modern.ts";
import { withPersonaIds } from "./tool_persona_names.ts";
import { availableTools, inputSchema, TOOLS, type ToolSpec } from "./tools.ts";
import { echoed } from "../../text_cut.ts";

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

/**
 * How many times a tool result's size its reply may take: it goes as `structuredContent` and
 * again as a text block holding its JSON, whose escaping (`"` and `\\` doubled) makes that copy
 * at most twice the first's size.
 */
const TOOL_RESULT_COPIES = 3;

/**
 * The bytes a tool's method may answer with ({@linkcode HandlerContext.replyBytes}: a list
 * pages by it) so that the tool result, sent twice, keeps within MAX_REPLY_BYTES.
 */
export function toolReplyBytes(maxReplyBytes: number): number {
  return Math.max(1, Math.floor((maxReplyBytes - LIST_ENVELOPE_BYTES) / TOOL_RESULT_COPIES));
}

/** Runs the tool `name` (of `tools`, by default all) with `args` as part of the request. */
export async function callTool(
  ctx: HandlerContext,
  call: { name: string; arguments: Record<string, unknown> },
  tools: readonly ToolSpec[] = TOOLS,
): Promise<Record<string, unknown>> {
  const available = availableTools(ctx, tools);
  const tool = available.find((candidate) => candidate.name === call.name);
  if (!tool) {
    // The name is the client's own input: quoted back cut (a 1 MB name need not return twice).
    const named = echoed(call.name);
    throw new RpcError(RpcCode.InvalidParams, `Unknown tool: ${named}`, {
      name: named,
      tools: available.map((known) => known.name),
    });
  }
  const args = await withPersonaIds(ctx, call.arguments);
  // Without a session the persona is required (the listed inputSchema says so): refused here,
  // before the method could fall back on a session's active persona that does not exist.
  const missing = isModernMeta(ctx.meta) ? missingRequired(ctx, tool, args) : undefined;
  if (missing) return failureResult(ctx, tool, missing);
  if (tool.task && isModernMeta(ctx.meta) && declaresExtension(ctx.meta, TASKS_EXTENSION)) {
    return await startTask(ctx, tool, args);
  }
  const { params, notify } = streamingPlan(ctx, tool, args);
  // The caller's _meta goes along: a method that reports progress itself needs its token.
  return await runTool(ctx, tool, withMeta(params, ctx.meta), { notify });
}

function withMeta(
  params: Record<string, unknown>,
  meta: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return meta === undefined ? params : { ...params, _meta: meta };
}

/**
 * How a tool runs: the method's options, and the bytes its error answer may take (a task's: what
 * its result may take, `TaskControl.resultBytes`; a reply's by default, `failureRoom`).
 */
interface ToolRun extends NestedCallOptions {
  errorRoom?: () => number;
}

/** Runs the tool's method; a failure the agent can act on becomes an `isError` result. */
async function runTool(
  ctx: HandlerContext,
  tool: ToolSpec,
  params: Record<string, unknown>,
  { errorRoom = () => failureRoom(ctx), ...options }: ToolRun,
): Promise<CallToolResult> {
  try {
    const replyBytes = toolReplyBytes(ctx.config.MAX_REPLY_BYTES);
    const result = await ctx.call(tool.method, params, { ...options, replyBytes });
    mcpLog(ctx, { level: "debug", data: { tool: tool.name, outcome: "ok" } });
    // Every handler answers with a JSON object (defineHandler's contract); MCP wants one here.
    const structuredContent = isRecord(result) ? result : { result };
    return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent };
  } catch (error) {
    if (error instanceof Cancelled || !isToolError(error)) throw error;
    const full = eraWording(ctx, toWireError(error).error);
    const answer = failureResult(ctx, tool, full);
    // Too large for a reply: still the tool's failure, with its code and its message's head.
    const fits = fitsBytes(JSON.stringify(answer), errorRoom());
    const wire = fits ? full : shortError(full);
    mcpLog(ctx, {
      level: "warning",
      data: { tool: tool.name, outcome: "error", error: wire },
    });
    return fits ? answer : failureResult(ctx, tool, wire);
  }
}

/** `wire` as the caller's era says it: sessions (and persona.switch) are not of the modern era. */
function eraWording(ctx: HandlerContext, wire: WireError): WireError {
  if (!isModernMeta(ctx.meta) || wire.code !== RpcCode.NoActivePersona) return wire;
  return { ...wire, message: "No persona given: pass persona_id" };
}

/** The `isError` result that tells the agent `tool` failed with `wire`. */
function failureResult(ctx: HandlerContext, tool: ToolSpec, wire: WireError): CallToolResult {
  return {
    content: [{ type: "text", text: describeFailure(tool, wire, hintsFor(ctx)) }],
    structuredContent: { error: isModernMeta(ctx.meta) ? modernError(wire) : wire },
    isError: true,
  };
}

/**
 * -32602 naming the arguments the tool's `inputSchema` (as listed to the caller) requires and
 * `args` lacks; undefined when none is missing.
 */
function missingRequired(
  ctx: HandlerContext,
  tool: ToolSpec,
  args: Record<string, unknown>,
): RpcError | undefined {
  const handler = ctx.registry.get(tool.method);
  if (!handler) return undefined;
  const schema = inputSchema(tool, handler, { stateless: isModernMeta(ctx.meta) });
  const required = Array.isArray(schema.required) ? schema.required as string[] : [];
  const missing = required.filter((name) => args[name] === undefined);
  if (missing.length === 0) return undefined;
  const persona = tool.persona !== undefined && missing.includes(tool.persona);
  return new RpcError(RpcCode.InvalidParams, `Invalid params: ${missing[0]} is required`, {
    fields: missing.map((field) => ({ field, message: "is required" })),
    ...(persona ? { hint: STATELESS_HINTS[RpcCode.NoActivePersona] } : {}),
  });
}

/** Bytes of a reply besides its result and its id (the envelope, a modern result's fields). */
const REPLY_ENVELOPE_BYTES = 512;

/**
 * The bytes a tool's error answer may take: what MAX_REPLY_BYTES leaves beside the envelope
 * and the request's id. A larger one is sent as its code and its message's head (as an error
 * response too large is, `shortError`), still an `isError` result, never -32005 "ran: true".
 */
function failureRoom(ctx: HandlerContext): number {
  const id = utf8Bytes(JSON.stringify(ctx.requestId ?? null));
  return ctx.config.MAX_REPLY_BYTES - REPLY_ENVELOPE_BYTES - id;
}

/**
 * Starts the tool as a task (the tasks extension's `CreateTaskResult`, `resultType: "task"`):
 * its progress becomes the task's status message, its result the task's result.
 */
async function startTask(
  ctx: HandlerContext,
  tool: ToolSpec,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  // A token of its own, so that the method's progress reaches the task's status message.
  const params = withMeta(args, { ...ctx.meta, progressToken: "task" });
  const task = await ctx.tasks.start(
    ({ signal, report, resultBytes }) =>
      runTool(ctx, tool, params, {
        signal,
        // Kept only within the room a `tasks/get` reply has beside the task's view: an error
        // answer over it is shortened, as a direct call's over its reply's room is.
        errorRoom: resultBytes,
        notify: (method, params) => {
          if (method === "notifications/progress" && typeof params.message === "string") {
            report(params.message);
          }
        },
      }),
    (error, taskId) => {
      const mapped = toWireError(error);
      // As the dispatcher does for a request: the client sees -32603 alone, the log has it all.
      if (mapped.internal) {
        ctx.log.error("Internal error in a task", {
          task_id: taskId,
          tool: tool.name,
          method: tool.method,
          session: ctx.session.id,
          error,
        });
      }
      return { ...modernError(mapped.error) };
    },
    { owner: ctx.session.taskOwner },
  );
  return { resultType: "task", ...task };
}

/** Failures that are the agent's to fix or to report: domain errors and invalid arguments. */
function isToolError(error: unknown): boolean {
  return error instanceof AppError ||
    (error instanceof RpcError && error.code === RpcCode.InvalidParams);
}

/**
 * With a progress token, a streaming tool runs with streaming on and each chunk becomes
 * `notifications/progress`. The method's own notifications are never passed on: MCP clients did
 * not ask for them (progress a method reports itself does reach them).
 */
function streamingPlan(
  ctx: HandlerContext,
  tool: ToolSpec,
  args: Record<string, unknown>,
): { params: Record<string, unknown>; notify: NonNullable<NestedCallOptions["notify"]> } {
  const token = progressToken(ctx.meta);
  const streaming = tool.streaming;
  const passProgress: NonNullable<NestedCallOptions["notify"]> = (method, params) => {
    if (method === "notifications/progress") ctx.notify(method, params);
  };
  if (!streaming) return { params: args, notify: passProgress };
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

const SESSION_HINTS: Record<number, string> = {
  [RpcCode.PersonaNotFound]: "Call persona_list to see the personas' ids and names.",
  [RpcCode.NoActivePersona]: "Call persona_switch first, or pass persona_id.",
};

const STATELESS_HINTS: Record<number, string> = {
  [RpcCode.PersonaNotFound]: SESSION_HINTS[RpcCode.PersonaNotFound]!,
  [RpcCode.NoActivePersona]: "Pass persona_id: the persona's id or name (persona_list shows them).",
};

function hintsFor(ctx: HandlerContext): Record<number, string> {
  return isModernMeta(ctx.meta) ? STATELESS_HINTS : SESSION_HINTS;
}

/** One readable paragraph: what failed, which fields, and what to do next. */
export function describeFailure(
  tool: ToolSpec,
  error: WireError,
  hints: Record<number, string> = SESSION_HINTS,
): string {
  const lines = [`${tool.name} failed: ${error.message}`];
  const data = (error.data ?? {}) as { fields?: unknown; hint?: unknown };
  if (Array.isArray(data.fields)) {
    for (const issue of data.fields as Array<{ field: string; message: string }>) {
      lines.push(`- ${issue.field} ${issue.message}`);
    }
  }
  if (typeof data.hint === "string") lines.push(data.hint);
  const hint = hints[error.code];
  if (hint) lines.push(hint);
  return lines.join("\n");
}
