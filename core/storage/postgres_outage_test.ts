/**
 * PostgreSQL stopped (`pg_ctl stop -m immediate`) and started again under a running node: calls
 * are answered -32009 "Storage unavailable" (HTTP 503, Retry-After) and refused at once without
 * a connection attempt each, the health route says 503 "unavailable" then 200 "ok", the outage
 * is logged once, and the node recovers without a restart. Runs a server of its own (it stops
 * it); while it is down a listener on its port that never answers counts connection attempts.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildServer } from "../server/server.ts";
import { createMcpHttpEndpoint } from "../server/transport/mcp_http.ts";
import { testConfig } from "../../tests/_helpers.ts";
import { createLogger } from "../log.ts";
import { freePort, postgresBinaries, startLocalPostgres } from "../cluster/local_postgres.ts";
import { SERVERS_REQUIRED } from "./testing/databases.ts";

/**
 * A listener on `port` that accepts connections and never answers (a database host that hangs):
 * counts the attempts, each of which would wait the whole connect timeout.
 */
function blackHole(port: number) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  const conns: Deno.Conn[] = [];
  (async () => {
    for await (const conn of listener) conns.push(conn);
  })().catch(() => {});
  return {
    get accepted() {
      return conns.length;
    },
    close() {
      try {
        listener.close();
      } catch { /* closed */ }
      for (const conn of conns.splice(0)) {
        try {
          conn.close();
        } catch { /* closed */ }
      }
    },
  };
}

async function pgCtl(dir: string, ...args: string[]): Promise<void> {
  const command = [`${postgresBinaries()}/pg_ctl`, "-D", `${dir}/data`, ...args];
  const [program, ...rest] = Deno.uid() === 0
    ? ["runuser", "-u", "postgres", "--", ...command]
    : command;
  await new Deno.Command(program!, { args: rest, stdout: "null", stderr: "null" }).output();
}

Deno.test({
  name:
    "PostgreSQL down and up: -32009 / 503 with Retry-After, refused at once, health 503 then 200, recovery",
  ignore: postgresBinaries() === null && !SERVERS_REQUIRED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-outage-pg-" });
  const port = freePort();
  await startLocalPostgres(dir, { port });
  const lines: string[] = [];
  const log = createLogger("warn", { write: (line) => lines.push(line) });
  const config = testConfig({
    STORAGE: "postgres",
    DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
    DATABASE_POOL_SIZE: "4",
    DATABASE_CONNECT_TIMEOUT_S: "2",
    MEMORY_BACKEND: "chroma",
    CHROMA_URL: "http://127.0.0.1:9",
  });
  const app = await buildServer(config, { log });
  let hole: ReturnType<typeof blackHole> | undefined;
  try {
    const rest = (path: string, init?: RequestInit) => app.rest.request(path, init);
    assert.equal((await rest("/api/personas")).status, 200);
    const healthy = await rest("/api/health");
    assert.equal(healthy.status, 200);
    assert.equal((await healthy.json()).components.database, "ok");

    await pgCtl(dir, "-m", "immediate", "-w", "stop");
    // The host now accepts connections and never answers: each attempt waits the timeout.
    hole = blackHole(port);
    const first = await rest("/api/personas");
    assert.equal(first.status, 503);
    const body = await first.json();
    assert.equal(body.error.code, -32009);
    assert.match(body.error.message, /Storage unavailable.*retry/);
    assert.ok(!/ECONNREFUSED|CONNECTION|127\.0\.0\.1/.test(JSON.stringify(body)), "no internals");
    assert.ok(Number(first.headers.get("Retry-After")) >= 1);

    // Refused at once: no call waits on a connection of its own (at most one probe).
    const before = hole.accepted;
    for (let i = 0; i < 8; i++) {
      const reply = await rest("/api/rpc", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: i, method: "persona.list", params: {} }),
      });
      const answer = await reply.json();
      assert.equal(answer.error?.code, -32009, JSON.stringify(answer));
    }
    assert.ok(hole.accepted - before <= 1, `${hole.accepted - before} connection attempts`);

    // MCP over HTTP: a session looked up while the database is out of reach.
    const mcp = createMcpHttpEndpoint(app.connections);
    const mcpReply = await mcp.handle(
      new Request("http://localhost/mcp", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
          "Mcp-Session-Id": "a-session-made-before",
          "MCP-Protocol-Version": "2025-11-25",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
      }),
    );
    assert.equal(mcpReply.status, 503);
    assert.equal((await mcpReply.json()).error.code, -32009);
    assert.ok(mcpReply.headers.get("Retry-After"));

    const down = await rest("/api/health");
    assert.equal(down.status, 503);
    const downBody = await down.json();
    assert.equal(downBody.status, "unhealthy");
    assert.equal(downBody.components.database, "unavailable");

    hole.close();
    await startLocalPostgres(dir, { port });
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      recovered = (await rest("/api/personas")).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(recovered, "the node answers again without a restart");
    const up = await rest("/api/health");
    assert.equal(up.status, 200);
    assert.equal((await up.json()).components.database, "ok");

    const outage = lines.filter((line) => /Storage (un)?available/.test(line));
    assert.equal(outage.length, 2, outage.join("\n"));
    assert.ok(!lines.some((line) => /ERROR/.test(line)), lines.join("\n"));
  } finally {
    await app.services.db.close().catch(() => {});
    hole?.close();
    await pgCtl(dir, "-m", "immediate", "stop");
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
