/**
 * What the MCP Streamable HTTP tests share: a raw POST, an initialize request, a session opened,
 * a test server started and shut down around a test, and a call that runs until it is cancelled
 * (`test.wait`) with its cancel and a probe of whether it runs.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { RunningServer } from "../server.ts";
import { startTestServer, waitUntilCancelled } from "../../../tests/_helpers.ts";

/** The Accept header MCP clients send. */
export const JSON_AND_SSE = "application/json, text/event-stream";

/** POSTs `body` (JSON, or text as it is) to the MCP endpoint. */
export function post(server: RunningServer, body: unknown, headers: Record<string, string> = {}) {
  return fetch(server.mcpUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: JSON_AND_SSE, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** An initialize request for `protocolVersion`. */
export function initializeRequest(protocolVersion = "2025-11-25", id: number | string = 0) {
  return {
    jsonrpc: "2.0",
    id,
    method: "initialize",
    params: { protocolVersion, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  };
}

/** The latest revision with JSON-RPC batches (2025-06-18 removed them). */
export const BATCH_REVISION = "2025-03-26";

/** Initializes a session at `version`; returns the headers later requests need. */
export async function open(
  server: RunningServer,
  version = "2025-11-25",
): Promise<Record<string, string>> {
  const response = await post(server, initializeRequest(version));
  await response.body?.cancel();
  const id = response.headers.get("mcp-session-id");
  assert.ok(id, "initialize issues Mcp-Session-Id");
  return { "Mcp-Session-Id": id, "MCP-Protocol-Version": version };
}

/** Runs `test` against a fresh test server (with `env`), shut down after. */
export async function withServer(
  test: (server: RunningServer) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const server = await startTestServer(env);
  try {
    await test(server);
  } finally {
    await server.shutdown();
  }
}

/** A `test.wait` request with `id`: it runs until cancelled (see {@linkcode withWait}). */
export const wait = (id: number) => ({ jsonrpc: "2.0", id, method: "test.wait", params: {} });

/** The `notifications/cancelled` of request `requestId`. */
export const cancel = (requestId: number) => ({
  jsonrpc: "2.0",
  method: "notifications/cancelled",
  params: { requestId, reason: "changed my mind" },
});

/** Resolves once the session has a request with `id` running (polled over the wire). */
export async function running(server: RunningServer, headers: Record<string, string>, id: number) {
  for (let tries = 0; tries < 200; tries++) {
    // A duplicate is refused only while the first runs: the probe says when it does.
    const probe = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: JSON.stringify(wait(id)),
      signal: AbortSignal.timeout(5_000),
    }).catch(() => {
      throw new Error(`a second request with id ${id} was accepted, not refused`);
    });
    const body = await probe.json();
    if (body.error?.code === -32600) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`request ${id} never ran`);
}

/** {@linkcode withServer} with `test.wait` served. */
export async function withWait(
  test: (server: RunningServer) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  await withServer(async (server) => {
    server.dispatcher.registry.add(waitUntilCancelled("test.wait"));
    await test(server);
  }, env);
}
