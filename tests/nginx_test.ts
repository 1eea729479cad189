/**
 * The load balancer example (`core/cluster/nginx.ts`, Debian's nginx) in front of three nodes on
 * one PostgreSQL: WebSocket JSON-RPC, REST with `X-Session-Id` and MCP Streamable HTTP all work
 * through it. nginx keeps a session on one node (`nginx_routing_test.ts`); the same session,
 * used on the other nodes directly (as after its node went down), goes on there.
 */
import { tempDir } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { nginxBinary, startNginx } from "../core/cluster/nginx.ts";
import { freePort } from "../core/cluster/local_postgres.ts";
import { NODE_HEADER, SESSION_HEADER } from "../core/server/rest/app.ts";
import { POSTGRES_SKIPPED, SERVERS_REQUIRED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { RpcClient } from "./_helpers.ts";

const NGINX = nginxBinary();
// Outside CI a machine without nginx skips this test, loudly; in CI (.ci/run installs nginx) it
// runs and fails.
const NGINX_SKIPPED = !NGINX && !SERVERS_REQUIRED;
if (NGINX_SKIPPED) {
  console.error("\n!!! nginx test SKIPPED: nginx is not installed (.ci/run installs it) !!!\n");
}

type Json = Record<string, unknown>;

Deno.test({
  name: "through nginx, WebSocket JSON-RPC, REST sessions and MCP Streamable HTTP span the nodes",
  ignore: NGINX_SKIPPED || POSTGRES_SKIPPED,
  async fn(t) {
    assert.ok(NGINX, "nginx is required here (TEST_REQUIRE_SERVERS or CI) but not installed");
    const cluster = await startCluster({ nodes: 3, chroma: false });
    const listen = { host: "127.0.0.1", serverPort: freePort(), apiPort: freePort() };
    const nginx = await startNginx({
      dir: await tempDir("nginx-test-"),
      listen,
      nodes: cluster.nodes.map((node) => {
        const ws = new URL(node.wsUrl.replace("ws:", "http:"));
        return {
          host: ws.hostname,
          serverPort: Number(ws.port),
          apiPort: Number(new URL(node.apiUrl).port),
        };
      }),
    });
    const api = `http://127.0.0.1:${listen.apiPort}/api`;
    const mcp = `http://127.0.0.1:${listen.serverPort}/mcp`;
    const clients: RpcClient[] = [];
    try {
      await t.step(
        "WebSocket JSON-RPC: sockets land on every node, which all see one state",
        async () => {
          for (let i = 0; i < 3; i++) {
            clients.push(await RpcClient.connect(mcp.replace("http:", "ws:")));
          }
          const [first, ...others] = clients as [RpcClient, ...RpcClient[]];
          const { persona_id } = await first.call<{ persona_id: string }>("persona.create", {
            name: "Pip",
          });
          for (const client of others) {
            const { personas } = await client.call<{ personas: Array<{ id: string }> }>(
              "persona.list",
            );
            assert.ok(personas.some((p) => p.id === persona_id));
          }
        },
      );

      await t.step("REST: one X-Session-Id, requests answered by different nodes", async () => {
        // Through nginx, then each node directly.
        const apis = [api, ...cluster.nodes.map((node) => node.apiUrl)];
        const opened = await fetch(`${api}/sessions`, { method: "POST" });
        const id = ((await opened.json()) as Json).session_id as string;
        const nodes = new Set<string>();
        for (
          const [i, method] of [
            "persona.switch",
            "session.get_info",
            "session.get_info",
            "session.get_info",
          ].entries()
        ) {
          const response = await fetch(`${apis[i]}/rpc`, {
            method: "POST",
            headers: { "Content-Type": "application/json", [SESSION_HEADER]: id },
            body: JSON.stringify({
              jsonrpc: "2.0",
              id: i,
              method,
              params: i === 0 ? { persona_id: "Pip" } : {},
            }),
          });
          assert.equal(response.status, 200);
          nodes.add(response.headers.get(NODE_HEADER) ?? "?");
          const body = (await response.json()) as { result: Json };
          if (i > 0) {
            assert.equal(body.result.active_persona_name, "Pip", `on ${[...nodes].at(-1)}`);
          }
        }
        assert.ok(nodes.size >= 2, `answered by ${[...nodes].join(", ")}`);
      });

      await t.step("MCP Streamable HTTP: one Mcp-Session-Id served by several nodes", async () => {
        // Through nginx, then each node directly.
        const mcps = [mcp, ...cluster.nodes.map((node) => node.wsUrl.replace("ws:", "http:"))];
        const post = async (body: Json, session?: string, at = mcp) => {
          const response = await fetch(at, {
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              Accept: "application/json, text/event-stream",
              ...(session
                ? { "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25" }
                : {}),
            },
            body: JSON.stringify(body),
          });
          const text = await response.text();
          return { response, body: text ? JSON.parse(text) as Json : {} };
        };
        const init = await post({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2025-11-25",
            capabilities: {},
            clientInfo: { name: "t", version: "1" },
          },
        });
        const session = init.response.headers.get("Mcp-Session-Id")!;
        assert.ok(session, "a session id");
        assert.equal(
          (await post({ jsonrpc: "2.0", method: "notifications/initialized" }, session)).response
            .status,
          202,
        );
        const nodes = new Set<string>();
        for (let i = 2; i < 6; i++) {
          const listed = await post(
            {
              jsonrpc: "2.0",
              id: i,
              method: "tools/call",
              params: { name: "persona_list", arguments: {} },
            },
            session,
            mcps[i - 2],
          );
          assert.equal(listed.response.status, 200, JSON.stringify(listed.body));
          assert.ok(JSON.stringify(listed.body.result).includes("Pip"));
          nodes.add(listed.response.headers.get(NODE_HEADER) ?? "?");
        }
        assert.ok(nodes.size >= 2, `answered by ${[...nodes].join(", ")}`);
        const ended = await fetch(mcp, {
          method: "DELETE",
          headers: { "Mcp-Session-Id": session },
        });
        assert.equal(ended.status, 204);
        const after = await post({ jsonrpc: "2.0", id: 9, method: "ping" }, session);
        assert.equal(after.response.status, 404, "ended on every node");
      });
    } finally {
      for (const client of clients) await client.close();
      await nginx.stop();
      await cluster.stop();
    }
  },
});
