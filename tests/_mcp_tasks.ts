/**
 * Test support for MCP tasks bound to their owner: the three task methods, asked through a
 * stateless POST or a legacy MCP HTTP session, and the check that a task answers like an unknown id.
 *
 * @module
 */
import assert from "node:assert/strict";
import { MCP_INITIALIZE } from "./_helpers.ts";
import { modernPost, responseOf, tasksMeta } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;

/** Asks one task method (`params` gain the tasks extension's `_meta`); resolves to the answer. */
export type Ask = (method: string, params: Json) => Promise<Json>;

/** An id of the same shape as the server's that names no task. */
export const UNKNOWN = "A".repeat(43);

/** The error `answer` carries, with its echoed task id blanked (the one difference allowed). */
export function refusal(answer: Json): Json {
  const error = answer.error as Json | undefined;
  assert.ok(error, `an error, not ${JSON.stringify(answer)}`);
  return { ...error, data: { ...(error.data as Json), taskId: "<id>" } };
}

/** The three task methods for `taskId` as a modern request's params. */
export function taskCalls(taskId: string): Array<[string, Json]> {
  return [
    ["tasks/get", { taskId }],
    ["tasks/update", { taskId, inputResponses: {} }],
    ["tasks/cancel", { taskId }],
  ];
}

/** Asserts that `ask` answers each task method for `taskId` as it does for an unknown id. */
export async function answersAsUnknown(
  ask: Ask,
  taskId: string,
  who: string,
): Promise<void> {
  for (const [index, [method, params]] of taskCalls(taskId).entries()) {
    const theirs = await ask(method, params);
    const unknown = await ask(method, taskCalls(UNKNOWN)[index]![1]);
    assert.equal((theirs.error as Json | undefined)?.code, -32602, `${who}: ${method} refused`);
    assert.deepEqual(refusal(theirs), refusal(unknown), `${who}: ${method} as for an unknown id`);
  }
}

/** Asks through stateless POSTs to `url` (with `headers`: a token, say). */
export function overHttp(url: string, headers: Record<string, string> = {}): Ask {
  let id = 0;
  return async (method: string, params: Json) =>
    responseOf(
      await modernPost(url, {
        jsonrpc: "2.0",
        id: ++id,
        method,
        params: { _meta: tasksMeta(), ...params },
      }, headers),
    );
}

/** Asks through POSTs that carry a legacy MCP HTTP session's id; `sessionId` names it. */
export type SessionAsk = Ask & { sessionId: string };

/**
 * Asks modern requests (the modern headers) carrying the legacy MCP HTTP session id `sessionId`
 * on `url`: 2026-07-28 serves them statelessly, the id ignored (sent with the session's legacy
 * header they would be refused, -32020: `mcp_http_meta_test.ts`).
 */
export function inSession(
  url: string,
  sessionId: string,
  headers: Record<string, string> = {},
): SessionAsk {
  let id = 0;
  const ask = async (method: string, params: Json) =>
    responseOf(
      await modernPost(url, {
        jsonrpc: "2.0",
        id: ++id,
        method,
        params: { _meta: tasksMeta(), ...params },
      }, { ...headers, "Mcp-Session-Id": sessionId }),
    );
  return Object.assign(ask, { sessionId });
}

/** Opens a legacy MCP HTTP session (2025-11-25) on `url`; asks as {@linkcode inSession}. */
export async function legacySession(
  url: string,
  headers: Record<string, string> = {},
): Promise<SessionAsk> {
  const init = await legacyPost(url, MCP_INITIALIZE, headers);
  const session = init.headers.get("Mcp-Session-Id");
  await init.body?.cancel();
  assert.ok(session, "a legacy session");
  return inSession(url, session, headers);
}

function legacyPost(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      "MCP-Protocol-Version": "2025-11-25",
      ...headers,
    },
    body,
  });
}

/** `work`, or a failure naming `what` after 20 s (so that a lost message fails, not hangs). */
export async function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), 20_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The HTTP URL of a node's WebSocket URL (its MCP endpoint). */
export const httpOf = (wsUrl: string) => wsUrl.replace(/^ws/, "http");
