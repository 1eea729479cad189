/**
 * The generated method reference: every JSON-RPC method the server serves with all plugins on,
 * its params (types, defaults and limits from its zod schema), result, errors and REST routes,
 * plus the error tables and the MCP tools.
 *
 * @module
 */
import { z } from "zod";
import type { Handler } from "../define_handler.ts";
import type { ToolSpec } from "../mcp/tools.ts";
import { ERRORS_HEADING, renderErrorsSection, wireOf } from "./errors_doc.ts";
import { anchor, code, generatedBanner, table } from "./markdown.ts";
import { type FieldRow, fieldRows, type JsonSchema } from "./schema_text.ts";
import type { DocumentedRoute } from "./routes_page.ts";

/** A method and where it comes from. */
export interface MethodEntry {
  handler: Handler;
  /** The plugin that adds it; core methods have none. */
  plugin?: string;
}

/** What the method reference is built from. */
export interface MethodsPageInput {
  methods: readonly MethodEntry[];
  routes: readonly DocumentedRoute[];
  tools: readonly ToolSpec[];
  /** Links from this page to the other pages it refers to. */
  links: { routes: string; settings: string; mcp: string; personas: string; memory: string };
}

/** The anchor of a method's section on the method reference. */
export function methodAnchor(method: string): string {
  return anchor(method);
}

/** MCP's methods (`tools/call`, `initialize`, `ping`) have no dot; this server's own have one. */
const MCP_GROUP = "MCP";

/** `persona.create` → `persona`; every MCP method → {@linkcode MCP_GROUP}. */
function groupOf(method: string): string {
  return method.includes(".") ? method.split(".")[0]! : MCP_GROUP;
}

/** This server's own groups by name, then MCP's methods. */
function groups(methods: readonly MethodEntry[]): Array<[string, MethodEntry[]]> {
  const byGroup = new Map<string, MethodEntry[]>();
  for (const entry of methods) {
    const group = groupOf(entry.handler.method);
    byGroup.set(group, [...(byGroup.get(group) ?? []), entry]);
  }
  return [...byGroup.entries()].sort(([a], [b]) =>
    Number(a === MCP_GROUP) - Number(b === MCP_GROUP) || a.localeCompare(b)
  );
}

/** `required`, `required with x`, `optional`, or the default in code (`""` and `[]` as such). */
function paramDefault(row: FieldRow): string {
  if (row.required) return "required";
  if (row.requiredWith !== undefined) return `required with ${code(row.requiredWith)}`;
  if (row.default === undefined) return "optional";
  return typeof row.default === "string" && row.default !== ""
    ? code(row.default)
    : code(JSON.stringify(row.default));
}

function paramsTable(handler: Handler): string {
  const json = z.toJSONSchema(handler.params, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  const rows = fieldRows(json);
  const open = json.additionalProperties !== false;
  if (rows.length === 0) {
    return open ? "Params: none (others are ignored)." : "Params: none.";
  }
  const withNotes = rows.some((row) => row.description !== undefined);
  const table_ = table(
    ["Param", "Type", "Default", ...(withNotes ? ["Notes"] : [])],
    rows.map((row) => [
      code(row.name),
      row.type,
      paramDefault(row),
      ...(withNotes ? [row.description ?? ""] : []),
    ]),
  );
  return open ? `${table_}\n\nOther fields are ignored.` : table_;
}

function errorsLine(handler: Handler): string {
  // One entry per wire code: several domain errors can share one (-32602, -32003).
  const byCode = new Map<number, string[]>([[-32602, ["invalid params"]]]);
  for (const domain of handler.errors ?? []) {
    const { code: wire } = wireOf(domain);
    const names = byCode.get(wire) ?? [];
    const name = domain.replaceAll("_", " ").replace(/^llm\b/, "LLM");
    if (!names.includes(name)) byCode.set(wire, [...names, name]);
  }
  const entries = [...byCode.entries()].sort(([a], [b]) => b - a)
    .map(([wire, names]) => `${code(String(wire))} ${names.join(", ")}`);
  const tooLarge = handler.tooLarge === undefined
    ? ""
    : ` · ${code("-32005")} over ${code("MAX_REPLY_BYTES")}: ${handler.tooLarge}`;
  return `**Errors:** ${entries.join(" · ")}${tooLarge} ([all codes](#${anchor(ERRORS_HEADING)}))`;
}

function restLine(method: string, routes: readonly DocumentedRoute[], routesPage: string): string {
  const matching = routes.filter((route) => route.doc.calls?.includes(method));
  if (matching.length === 0) return "";
  const links = matching.map((route) => `[${code(route.key)}](${routesPage})`);
  return `**REST:** ${links.join(", ")}`;
}

function methodSection(entry: MethodEntry, input: MethodsPageInput): string {
  const { handler } = entry;
  const origin = entry.plugin
    ? ` (plugin ${code(entry.plugin)}, on when ${code("PLUGINS")} names it)`
    : "";
  const tools = input.tools.filter((tool) => tool.method === handler.method);
  const toolLine = tools.length === 0
    ? ""
    : `**MCP tool:** ${tools.map((tool) => code(tool.name)).join(", ")}`;
  return [
    `### ${code(handler.method)}`,
    `${handler.description}${origin}.`,
    paramsTable(handler),
    `**Result:** ${handler.result ?? "(undocumented)"}.`.replace(/([.!?])\.$/, "$1"),
    [errorsLine(handler), restLine(handler.method, input.routes, input.links.routes), toolLine]
      .filter((line) => line !== "").join("\\\n"),
  ].join("\n\n");
}

function annotationWords(tool: ToolSpec): string {
  const { readOnlyHint, destructiveHint, idempotentHint } = tool.annotations;
  const words = [readOnlyHint ? "read-only" : "writes"];
  if (!readOnlyHint) words.push(destructiveHint ? "destructive" : "non-destructive");
  if (idempotentHint) words.push("idempotent");
  if (tool.streaming) words.push("streams progress");
  return words.join(", ");
}

function toolsSection(input: MethodsPageInput): string {
  const rows = input.tools.map((tool) => [
    code(tool.name),
    `[${code(tool.method)}](#${methodAnchor(tool.method)})`,
    tool.title,
    annotationWords(tool),
  ]);
  return [
    "## MCP tools",
    "`tools/list` offers these methods to agents under tool names (`[a-zA-Z0-9_-]{1,64}`); each " +
    "tool's `inputSchema` is generated from its method's params schema and runs in the caller's " +
    `session. More in [the MCP page](${input.links.mcp}).`,
    table(["Tool", "Method", "Title", "Annotations"], rows),
  ].join("\n\n");
}

/** The method reference (Markdown, before `deno fmt`). */
export function renderMethodsPage(input: MethodsPageInput): string {
  const grouped = groups(input.methods);
  const contents = grouped.map(([group, entries]) => {
    const links = entries.map((entry) =>
      `[${code(entry.handler.method)}](#${methodAnchor(entry.handler.method)})`
    );
    return `- [${group}](#${anchor(group)}): ${links.join(" · ")}`;
  });
  const parts = [
    generatedBanner("the handlers' schemas and descriptions (`handlers/`, `plugins/`)"),
    "# Method reference",
    `All ${input.methods.length} JSON-RPC 2.0 methods, with every plugin enabled. They are the ` +
    "same on every transport: WebSocket (`ws://127.0.0.1:8000/mcp`), MCP Streamable HTTP " +
    "(`POST http://127.0.0.1:8000/mcp`), stdio (`--stdio`) and REST (`POST /api/rpc`; the " +
    `resource routes are in [REST routes](${input.links.routes})). Settings are in ` +
    `[Settings](${input.links.settings}).`,
    "- Params are named (an object). This server's own methods refuse unknown fields (-32602 " +
    "names each); MCP's methods ignore fields they do not know. MCP's reserved `params._meta` " +
    "is accepted everywhere.\n" +
    `- **Persona** and **Memory** in results are the objects described in [Personas](${input.links.personas}) ` +
    `and [Long-term memory](${input.links.memory}#memories-and-visibility).\n` +
    "- A `persona_id` that is optional means: that persona, else the session's active persona " +
    "(`persona.switch`), unless the method says otherwise.\n" +
    "- Requests on one connection run concurrently; a notification (no `id`) gets no answer; a " +
    "batch is answered with an array. Any method may also answer -32603 (internal error), " +
    "-32800 (cancelled) and -32009 (storage unavailable: the database is out of reach; retry).",
    "## Contents",
    contents.join("\n"),
    renderErrorsSection(),
    toolsSection(input),
  ];
  for (const [group, entries] of grouped) {
    parts.push(`## ${group}`);
    for (const entry of entries) parts.push(methodSection(entry, input));
  }
  return parts.join("\n\n") + "\n";
}
