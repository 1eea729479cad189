/**
 * `system.set_log_level` changes the server-wide level: each change is logged at warn with the
 * session that made it and the levels from and to, and ALLOW_CLIENT_LOG_LEVEL=false leaves the
 * level to the operator (the method answers -32602 and the level stays).
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { type RpcCallError, RpcClient, testConfig } from "./_helpers.ts";

async function withLoggedServer(
  env: Record<string, string>,
  body: (client: RpcClient, lines: string[]) => Promise<void>,
): Promise<void> {
  const lines: string[] = [];
  const log = createLogger("info", { write: (line) => lines.push(line) });
  const server = await startServer(testConfig(env), { log });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await body(client, lines);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

Deno.test("a client's log level change is logged at warn with its session, from and to", async () => {
  await withLoggedServer({}, async (client, lines) => {
    const { session_id } = await client.call<{ session_id: string }>("session.get_info");
    const result = await client.call("system.set_log_level", { level: "error" });
    assert.deepEqual(result, { log_level: "error", previous: "info" });
    const warned = lines.filter((line) => line.includes(" WARN A client changed the log level"));
    assert.equal(warned.length, 1, lines.join("\n"));
    for (const field of ["from=info", "to=error", `session=${session_id}`, "transport=websocket"]) {
      assert.ok(warned[0]!.includes(` ${field}`), `${field} in ${warned[0]}`);
    }
  });
});

Deno.test("ALLOW_CLIENT_LOG_LEVEL=false: set_log_level answers -32602 and the level stays", async () => {
  await withLoggedServer({ ALLOW_CLIENT_LOG_LEVEL: "false" }, async (client, lines) => {
    const refusal = await client.call("system.set_log_level", { level: "error" }).then(
      () => assert.fail("the level changed"),
      (error: RpcCallError) => error,
    );
    assert.equal(refusal.code, -32602);
    assert.match(refusal.message, /operator/);
    const { log_level } = await client.call<{ log_level: string }>("system.settings");
    assert.equal(log_level, "info");
    assert.ok(!lines.some((line) => line.includes("changed the log level")));
  });
});
