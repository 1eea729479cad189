import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { Session } from "../../sessions/mod.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";

Deno.test("logging/setLevel filters notifications/message by severity, per session", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const [session, other] = [new Session("internal"), new Session("internal")];
  const sent: Array<{ method: string; params?: Record<string, unknown> }> = [];
  let id = 0;
  const call = (on: Session, method: string, params: unknown) =>
    app.dispatcher.handleValue(
      { jsonrpc: "2.0", id: ++id, method, params },
      on,
      (message) => sent.push(message),
    ) as Promise<{ result?: unknown; error?: { code: number } }>;
  const ok = { name: "persona_list", arguments: {} };
  const failing = { name: "persona_get", arguments: { persona_id: "nobody" } };
  try {
    await call(session, "tools/call", ok);
    assert.equal(sent.length, 0, "nothing is sent before the client picks a level");

    assert.deepEqual((await call(session, "logging/setLevel", { level: "warning" })).result, {});
    await call(session, "tools/call", ok);
    await call(session, "tools/call", failing);
    assert.equal(sent.length, 1, "the debug line is filtered out, the warning is sent");
    assert.equal(sent[0]!.method, "notifications/message");
    assert.equal(sent[0]!.params!.level, "warning");
    assert.equal(sent[0]!.params!.logger, "persona-mcp");
    assert.deepEqual((sent[0]!.params!.data as { tool: string }).tool, "persona_get");

    await call(other, "tools/call", failing);
    assert.equal(sent.length, 1, "another session's level is its own");
    assert.equal((await call(session, "logging/setLevel", { level: "loud" })).error!.code, -32602);
  } finally {
    await app.services.db.close();
  }
});
