/**
 * Values with no string form: JSON objects whose `toString` and `valueOf` are not functions
 * (`{"toString": 1}`), so `String(value)` or a template literal throws a TypeError. Every method,
 * with each of its params (and all at once) set to such a value, over a WebSocket, over
 * `POST /api/rpc` and as an MCP tool call, must be answered with a clear error (never -32603):
 * a server that formats what it received into a message must not trip on it.
 */
import assert from "node:assert/strict";
import { buildRegistry } from "../core/server/server_dispatcher.ts";
import { selectPlugins } from "../core/server/plugin.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import { methodShapes } from "./_fuzz.ts";
import { modernPost, modernRequest, responseOf } from "./_mcp_modern.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";

/** Objects that `String()` cannot convert. */
const NO_STRING_FORM: unknown[] = [
  { toString: 1, valueOf: 1 },
  { toString: 1 },
  { valueOf: {}, toString: null },
  { toJSON: 1, toString: 1 },
];

type Json = Record<string, unknown>;

/** Each param alone, then all of them, set to `hostile` (a real persona id beside them). */
function hostileParams(properties: string[], hostile: unknown, personaId: string): Json[] {
  const one = properties.map((name) => ({ persona_id: personaId, [name]: hostile }));
  const all: Json = { persona_id: personaId };
  for (const name of properties) all[name] = hostile;
  return [...one, all];
}

Deno.test("params with no string form get a clear error on every method and transport, never -32603", async () => {
  const fake = FakeOllama.start({ reply: () => "Short." });
  const server = await startTestServer({ OLLAMA_HOST: fake.url, LOG_LEVEL: "error" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { id: personaId } = await client.call<{ id: string }>("persona.create", {
      name: "Probe",
    });
    const shapes = methodShapes(buildRegistry(selectPlugins(plugins, ["visual"])).list());
    const listed = await modernPost(server.mcpUrl, modernRequest(0, "tools/list"));
    const tools = new Set(
      ((responseOf(listed).result as Json).tools as Json[]).map((tool) => String(tool.name)),
    );
    const faults: string[] = [];
    let id = 0;
    let toolCalls = 0;
    for (const shape of shapes) {
      const properties = Object.keys(shape.schema.properties ?? {});
      const tool = shape.method.replaceAll(".", "_");
      for (const hostile of NO_STRING_FORM) {
        for (const params of hostileParams(properties, hostile, personaId)) {
          const frame = JSON.stringify({ jsonrpc: "2.0", id: ++id, method: shape.method, params });
          const reply = await client.sendRaw(frame) as { error?: { code: number } };
          if (reply?.error?.code === -32603) faults.push(`ws ${frame}`);
          const http = await fetch(`${server.apiUrl}/rpc`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: frame,
          });
          const text = await http.text();
          if (http.status >= 500 || text.includes("-32603")) faults.push(`rest ${frame}`);
          if (!tools.has(tool)) continue;
          toolCalls++;
          const call = modernRequest(++id, "tools/call", { name: tool, arguments: params });
          const answer = await modernPost(server.mcpUrl, call);
          const error = responseOf(answer).error as Json | undefined;
          if (answer.status >= 500 || error?.code === -32603) {
            faults.push(`mcp ${JSON.stringify(call)}`);
          }
        }
      }
    }
    // The envelope itself: a method, id, jsonrpc or params with no string form.
    for (const hostile of NO_STRING_FORM) {
      for (
        const message of [
          { jsonrpc: "2.0", id: 1, method: hostile },
          { jsonrpc: "2.0", id: hostile, method: "persona.list" },
          { jsonrpc: hostile, id: 1, method: "persona.list" },
          { jsonrpc: "2.0", id: 1, method: "persona.list", params: hostile },
        ]
      ) {
        const reply = await client.sendRaw(JSON.stringify(message)) as { error?: { code: number } };
        // Params that are an object are well formed; their unknown keys are invalid params.
        const expected = message.params === undefined ? -32600 : -32602;
        assert.equal(reply.error?.code, expected, JSON.stringify(message));
      }
    }
    assert.ok(
      shapes.length > 40 && toolCalls > 400,
      `${shapes.length} methods, ${toolCalls} tools`,
    );
    assert.deepEqual(faults.slice(0, 10), []);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
