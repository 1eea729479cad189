/**
 * A legacy MCP HTTP session whose `notifications/cancelled` lands on another node than the one
 * serving the request (two server processes on one PostgreSQL schema, attack8 F6) stops the
 * request there, for a small id and for an id beyond 2^53, which crosses the relay digit for
 * digit.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { delay, MCP_INITIALIZE } from "./_helpers.ts";
import { httpOf, within } from "./_mcp_tasks.ts";

type Json = Record<string, unknown>;

Deno.test({
  name: "MCP HTTP: notifications/cancelled sent through another node stops the request",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const cluster = await startCluster({ nodes: 2, chroma: false });
    const [a, b] = cluster.nodes.map((node) => httpOf(node.wsUrl)) as [string, string];
    const post = async (url: string, body: Json | string, session?: string) => {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
          ...(session ? { "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25" } : {}),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      return { response, text: await response.text() };
    };
    try {
      const init = await post(a, MCP_INITIALIZE);
      const session = init.response.headers.get("Mcp-Session-Id")!;
      assert.ok(session, "a session id");
      await post(a, { jsonrpc: "2.0", method: "notifications/initialized" }, session);
      const created = await post(a, {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "persona_create", arguments: { name: "Wren" } },
      }, session);
      assert.equal(created.response.status, 200, created.text);

      // The model takes its time (a `hang` would stall the model checks before the chat too).
      cluster.model.behavior.firstTokenDelayMs = 60_000;
      const chat = post(a, {
        jsonrpc: "2.0",
        id: 77,
        method: "tools/call",
        params: {
          name: "conversation_send_message",
          arguments: { persona_id: "Wren", content: "hi" },
        },
      }, session);
      await within(cluster.model.waitForChats(1), "the chat reached the model");
      const cancel = await post(b, {
        jsonrpc: "2.0",
        method: "notifications/cancelled",
        params: { requestId: 77, reason: "user" },
      }, session);
      assert.equal(cancel.response.status, 202);
      // Without the relay the chat runs on A until the model's idle limit (30 s).
      const outcome = await Promise.race([
        chat.then((answer) => answer.text),
        delay(10_000).then(() => "still running after 10 s"),
      ]);
      assert.match(outcome, /-32800/, "A answers the cancelled request with -32800");

      // An id beyond 2^53 crosses the relay digit for digit (a double would round it).
      const long = "9007199254740993";
      const longChat = post(
        a,
        `{"jsonrpc":"2.0","id":${long},"method":"tools/call","params":{"name":` +
          `"conversation_send_message","arguments":{"persona_id":"Wren","content":"again"}}}`,
        session,
      );
      await within(cluster.model.waitForChats(2), "the second chat reached the model");
      const longCancel = await post(
        b,
        `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":${long}}}`,
        session,
      );
      assert.equal(longCancel.response.status, 202);
      const longOutcome = await Promise.race([
        longChat.then((answer) => answer.text),
        delay(10_000).then(() => "still running after 10 s"),
      ]);
      assert.match(
        longOutcome,
        new RegExp(`^\\{"jsonrpc":"2.0","id":${long},"error":\\{"code":-32800`),
      );
    } finally {
      cluster.model.behavior.firstTokenDelayMs = 0;
      await cluster.stop();
    }
  },
});
