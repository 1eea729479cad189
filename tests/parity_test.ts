/**
 * Parity: every registered JSON-RPC method is callable over the WebSocket and over REST
 * (`POST /api/rpc`) with the same result. The scenario table must cover the whole manifest.
 */
import { decodeCursor } from "../core/paging.ts";
import assert from "node:assert/strict";
import { plugins } from "../plugins/_manifest.gen.ts";
import { buildRegistry } from "../core/server/server_dispatcher.ts";
import type { RunningServer } from "../core/server/server.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import type { Call } from "./_parity_setup.ts";
import { SCENARIOS } from "./_parity_scenarios.ts";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** A timestamp, also inside text (MCP resources and tool results embed JSON as text). */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
/**
 * Fields that describe the transport or the moment, not the result (the modern MCP envelope,
 * `resultType` and `_meta`, is what MCP transports add; a simulation's wall-clock timings and a
 * conversation's age in seconds vary with the moment).
 */
const VOLATILE = new Set([
  "resultType",
  "_meta",
  "wall_ms",
  "duration_s",
  "turns_per_second",
  "turn_ms",
  "transport",
  "sessions_by_transport",
  "uptime_s",
  "request_count",
  "response_time_ms",
]);

/** The list digest before a memory.list cursor's key. */
const LIST_DIGEST = /^[0-9a-f]{16}~/;

function normalize(value: unknown): unknown {
  if (typeof value === "string") {
    // A memory.list cursor's key starts with a digest of its persona's id (`list_cursor.ts`).
    return value.replace(ISO_TIME, "<time>").replace(UUID, "<uuid>").replace(
      LIST_DIGEST,
      "<list>~",
    );
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).filter(([key]) => !VOLATILE.has(key)).map((
        [key, item],
        // A cursor may carry the last item's time and id: compared decoded.
      ) => [key, normalize(key === "next_cursor" && item ? decodeCursor(item as string) : item)]),
    );
  }
  return value;
}

function rpcError(reply: Record<string, unknown>, method: string): Error {
  return new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
}

function webSocketCaller(client: RpcClient): Call {
  return async (method, params) => {
    const reply = await client.request(method, params ?? {});
    if ("error" in reply) throw rpcError(reply, method);
    return reply.result as Record<string, unknown>;
  };
}

async function restCaller(server: RunningServer): Promise<Call> {
  const session = await (await fetch(`${server.apiUrl}/sessions`, { method: "POST" })).json();
  let id = 0;
  return async (method, params) => {
    const response = await fetch(`${server.apiUrl}/rpc`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Session-Id": session.session_id },
      body: JSON.stringify({ jsonrpc: "2.0", method, params: params ?? {}, id: ++id }),
    });
    const reply = await response.json();
    if ("error" in reply) throw rpcError(reply, method);
    return reply.result;
  };
}

Deno.test("the parity scenarios cover exactly the registered methods", () => {
  const methods = buildRegistry(plugins).methods();
  assert.deepEqual(Object.keys(SCENARIOS).sort(), methods);
});

Deno.test("every method gives the same result over WebSocket and REST", async () => {
  const fake = FakeOllama.start();
  const overWs = await startTestServer({ OLLAMA_HOST: fake.url });
  const overRest = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(overWs.wsUrl);
  try {
    const viaWs = webSocketCaller(client);
    const viaRest = await restCaller(overRest);
    for (const [method, scenario] of Object.entries(SCENARIOS)) {
      const [a, b] = [await scenario(viaWs), await scenario(viaRest)];
      assert.deepEqual(normalize(b), normalize(a), `${method} differs between WebSocket and REST`);
    }
  } finally {
    await client.close();
    await overWs.shutdown();
    await overRest.shutdown();
    await fake.stop();
  }
});
