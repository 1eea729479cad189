/**
 * Test support for MCP 2026-07-28 (the modern era): the per-request `_meta`, and a raw
 * Streamable HTTP POST that sends the revision's headers and reads JSON or SSE answers.
 *
 * @module
 */

/** The modern revision. */
export const MODERN = "2026-07-28";

/** A request's `_meta` in the modern era (`extra` is merged in). */
export function modernMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "io.modelcontextprotocol/protocolVersion": MODERN,
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": { name: "modern-test", version: "1.0.0" },
    ...extra,
  };
}

/** `_meta` of a client that declared the tasks extension. */
export function tasksMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return modernMeta({
    "io.modelcontextprotocol/clientCapabilities": {
      extensions: { "io.modelcontextprotocol/tasks": {} },
    },
    ...extra,
  });
}

/** A modern request: `params` gain the modern `_meta` unless they carry their own. */
export function modernRequest(
  id: number | string,
  method: string,
  params: Record<string, unknown> = {},
): Record<string, unknown> {
  return { jsonrpc: "2.0", id, method, params: { _meta: modernMeta(), ...params } };
}

/** One answered POST: its status and headers, and the JSON-RPC messages it carried. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The JSON body, or every SSE event's data in order. */
  messages: Array<Record<string, unknown>>;
}

/** The headers a modern client sends for `message` (`Mcp-Name` from its name, uri or taskId). */
export function modernHeaders(message: Record<string, unknown>): Record<string, string> {
  const params = (message.params ?? {}) as Record<string, unknown>;
  const name = params.name ?? params.uri ?? params.taskId;
  return {
    "MCP-Protocol-Version": MODERN,
    ...(typeof message.method === "string" ? { "Mcp-Method": message.method } : {}),
    ...(typeof name === "string" ? { "Mcp-Name": name } : {}),
  };
}

/**
 * POSTs `message` with the modern headers (`options.headers` override them; null removes one)
 * and resolves to the response, its body unread (a stream `options.signal` may end).
 */
export function modernFetch(
  url: string,
  message: unknown,
  options: { headers?: Record<string, string | null>; signal?: AbortSignal } = {},
): Promise<Response> {
  const merged: Record<string, string | null> = {
    "Content-Type": "application/json",
    Accept: "application/json, text/event-stream",
    ...modernHeaders(message as Record<string, unknown>),
    ...options.headers,
  };
  const sent = Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  return fetch(url, {
    method: "POST",
    headers: sent,
    body: JSON.stringify(message),
    signal: options.signal,
  });
}

/** POSTs `message` with the modern headers (`headers` override them; null removes one). */
export async function modernPost(
  url: string,
  message: unknown,
  headers: Record<string, string | null> = {},
): Promise<HttpAnswer> {
  const response = await modernFetch(url, message, { headers });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const messages = type.startsWith("text/event-stream")
    ? text.split("\n").filter((line) => line.startsWith("data: ")).map((line) =>
      JSON.parse(line.slice(6))
    )
    : text === ""
    ? []
    : [JSON.parse(text)];
  return { status: response.status, headers: response.headers, messages };
}

/** The last message of an answer: the response. */
export function responseOf(answer: HttpAnswer): Record<string, unknown> {
  const last = answer.messages.at(-1);
  if (!last) throw new Error(`no response (status ${answer.status})`);
  return last;
}
