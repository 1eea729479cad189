/**
 * How the generated nginx configuration (`core/cluster/nginx.ts`, Debian's nginx) routes, with
 * two real nodes on one PostgreSQL:
 * - a burst of WebSocket upgrades refused by nodes at MAX_CONNECTIONS (503) does not make nginx
 *   take the nodes out of the Streamable HTTP upstream (no 502 "no live upstreams" after it);
 * - a client stays on one node (by its session id, else its address), so a persona read right
 *   after an update through nginx is never stale;
 * - with TRUSTED_PROXIES naming nginx, each client behind it has its own rate-limit bucket.
 */
import { tempDir } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { nginxBinary, nginxConfig, startNginx } from "../core/cluster/nginx.ts";
import { freePort } from "../core/cluster/local_postgres.ts";
import { NODE_HEADER, SESSION_HEADER } from "../core/server/rest/app.ts";
import { POSTGRES_SKIPPED, SERVERS_REQUIRED } from "../core/storage/testing/databases.ts";
import { type Cluster, startCluster } from "./_cluster.ts";
import { MCP_INITIALIZE, RpcClient } from "./_helpers.ts";

const NGINX_SKIPPED = !nginxBinary() && !SERVERS_REQUIRED;

type Json = Record<string, unknown>;

Deno.test("nginx.conf: upgrades have their own upstream, never marked down; clients are hashed by session", () => {
  const config = nginxConfig({
    dir: "/tmp/x",
    listen: { host: "127.0.0.1", serverPort: 1, apiPort: 2 },
    nodes: [{ host: "10.0.0.1", serverPort: 3, apiPort: 4 }],
  });
  assert.match(
    config,
    /upstream persona_ws \{\n\s+least_conn;\n\s+server 10\.0\.0\.1:3 max_fails=0/,
  );
  assert.match(config, /upstream persona_mcp \{\n\s+hash \$mcp_client consistent;/);
  assert.match(config, /upstream persona_api \{\n\s+hash \$api_client consistent;/);
  assert.match(config, /proxy_set_header X-Real-IP \$remote_addr;/);
  assert.match(config, /TRUSTED_PROXIES/);
});

/** Runs `test` with `nodes` nodes (settings `env`) behind nginx. */
async function withNginx(
  { nodes, env }: { nodes: number; env: Record<string, string> },
  test: (where: { mcp: string; api: string; cluster: Cluster }) => Promise<void>,
): Promise<void> {
  const cluster = await startCluster({ nodes, chroma: false, env });
  const listen = { host: "127.0.0.1", serverPort: freePort(), apiPort: freePort() };
  const nginx = await startNginx({
    dir: await tempDir("nginx-routing-"),
    listen,
    nodes: cluster.nodes.map((node) => ({
      host: "127.0.0.1",
      serverPort: Number(new URL(node.wsUrl.replace("ws:", "http:")).port),
      apiPort: Number(new URL(node.apiUrl).port),
    })),
  });
  try {
    await test({
      mcp: `http://127.0.0.1:${listen.serverPort}/mcp`,
      api: `http://127.0.0.1:${listen.apiPort}/api`,
      cluster,
    });
  } finally {
    await nginx.stop();
    await cluster.stop();
  }
}

/** POSTs one JSON-RPC message to `/mcp` (Streamable HTTP). */
async function mcpPost(mcp: string, body: Json, session?: string) {
  const response = await fetch(mcp, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      ...(session ? { "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25" } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, text };
}

const INITIALIZE = JSON.parse(MCP_INITIALIZE) as Json;

Deno.test({
  name:
    "through nginx: refused WebSocket upgrades leave Streamable HTTP served; a client stays on one node",
  ignore: NGINX_SKIPPED || POSTGRES_SKIPPED,
  async fn(t) {
    await withNginx({ nodes: 2, env: { MAX_CONNECTIONS: "2" } }, async ({ mcp, api }) => {
      const sockets: RpcClient[] = [];
      try {
        await t.step(
          "upgrades past every node's cap are refused, /mcp POSTs still answered",
          async () => {
            const ws = mcp.replace("http:", "ws:");
            let refused = 0;
            for (let i = 0; i < 10; i++) {
              try {
                sockets.push(await RpcClient.connect(ws));
              } catch {
                refused++;
              }
            }
            assert.equal(sockets.length, 4, "two sockets per node: a full node's upgrade goes on");
            assert.equal(refused, 6);
            const statuses: number[] = [];
            for (let i = 0; i < 10; i++) {
              statuses.push((await mcpPost(mcp, INITIALIZE)).response.status);
            }
            assert.deepEqual(statuses, Array(10).fill(200), "no node was marked down");
          },
        );

        await t.step("one Mcp-Session-Id, one node", async () => {
          const init = await mcpPost(mcp, INITIALIZE);
          const session = init.response.headers.get("Mcp-Session-Id")!;
          await mcpPost(mcp, { jsonrpc: "2.0", method: "notifications/initialized" }, session);
          const nodes = new Set<string>();
          for (let i = 2; i < 10; i++) {
            const { response } = await mcpPost(
              mcp,
              { jsonrpc: "2.0", id: i, method: "ping" },
              session,
            );
            assert.equal(response.status, 200);
            nodes.add(response.headers.get(NODE_HEADER) ?? "?");
          }
          assert.equal(nodes.size, 1, `answered by ${[...nodes].join(", ")}`);
        });

        await t.step(
          "REST: a persona read right after its update through nginx is never stale",
          async () => {
            const opened = await fetch(`${api}/sessions`, { method: "POST" });
            const session = ((await opened.json()) as Json).session_id as string;
            const headers = { "Content-Type": "application/json", [SESSION_HEADER]: session };
            const created = await fetch(`${api}/personas`, {
              method: "POST",
              headers,
              body: JSON.stringify({ name: "Ysolde" }),
            });
            assert.equal(created.status, 201, await created.clone().text());
            const { persona } = (await created.json()) as { persona: { id: string } };
            const nodes = new Set<string>();
            for (let i = 0; i < 30; i++) {
              const updated = await fetch(`${api}/personas/${persona.id}`, {
                method: "PATCH",
                headers,
                body: JSON.stringify({ description: `take ${i}` }),
              });
              assert.equal(updated.status, 200);
              nodes.add(updated.headers.get(NODE_HEADER) ?? "?");
              await updated.body?.cancel();
              const read = await fetch(`${api}/personas/${persona.id}`, { headers });
              nodes.add(read.headers.get(NODE_HEADER) ?? "?");
              const body = (await read.json()) as { persona: { description: string } };
              assert.equal(body.persona.description, `take ${i}`, `read ${i}`);
            }
            assert.equal(nodes.size, 1, `answered by ${[...nodes].join(", ")}`);
          },
        );
      } finally {
        for (const socket of sockets) await socket.close();
      }
    });
  },
});

Deno.test({
  name: "through nginx with TRUSTED_PROXIES: one busy client does not starve the others",
  ignore: NGINX_SKIPPED || POSTGRES_SKIPPED,
  async fn() {
    const env = { RATE_LIMIT_PER_S: "0.01", RATE_LIMIT_BURST: "3", TRUSTED_PROXIES: "127.0.0.1" };
    await withNginx({ nodes: 1, env }, async ({ api }) => {
      // Every test client is 127.0.0.1: a proxy in front of nginx tells them apart, and nginx
      // appends its own peer to the X-Forwarded-For it was given.
      const status = async (client: string) => {
        const response = await fetch(`${api}/health`, { headers: { "X-Forwarded-For": client } });
        await response.body?.cancel();
        return response.status;
      };
      const busy: number[] = [];
      for (let i = 0; i < 5; i++) busy.push(await status("198.51.100.7"));
      assert.deepEqual(busy, [200, 200, 200, 429, 429]);
      assert.equal(await status("203.0.113.9"), 200, "another client still served");
    });
  },
});
