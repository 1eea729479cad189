/**
 * Requests of one REST session at once, through real server processes (attack19 F1): a
 * `persona.switch` and a `visual.update` sent together both stay, whichever node serves each (two
 * nodes on one PostgreSQL, one of them alone, and one node on SQLite), and chats sent together over
 * both nodes are each counted once in `message_count` and `request_count`.
 */
import assert from "node:assert/strict";
import { PostgresDatabase } from "../core/storage/mod.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { type Cluster, startCluster } from "./_cluster.ts";
import { MCP_INITIALIZE, type ServerProcess, spawnServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";

type Json = Record<string, unknown>;
const ROUNDS = 16;

let nextId = 1;
async function rpc(node: ServerProcess, method: string, params: Json, session?: string) {
  const response = await fetch(`${node.apiUrl}/rpc`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(session ? { "X-Session-Id": session } : {}),
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }),
  });
  const body = await response.json() as { result?: Json; error?: Json };
  assert.ok(body.result, `${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

async function openSession(node: ServerProcess): Promise<string> {
  const response = await fetch(`${node.apiUrl}/sessions`, { method: "POST" });
  const body = await response.json() as { session_id: string };
  assert.equal(response.status, 201);
  return body.session_id;
}

/** `ROUNDS` times: a new session, a switch on `a` and a scene on `b` at once, read on `a`. */
async function switchAndScene(a: ServerProcess, b: ServerProcess, tag: string): Promise<void> {
  const ids: string[] = [];
  for (const name of ["Ansel", "Brio", "Cato"].map((name) => `${name} ${tag}`)) {
    ids.push(
      ((await rpc(a, "persona.create", { name, description: "x" })).persona as Json)
        .id as string,
    );
  }
  const lost: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const session = await openSession(a);
    const target = ids[round % ids.length]!;
    await Promise.all([
      rpc(a, "persona.switch", { persona_id: target }, session),
      rpc(b, "visual.update", { type: "scene", data: { round } }, session),
    ]);
    const info = await rpc(b, "session.get_info", {}, session);
    const scene = (info.visual_context as { data?: { round?: number } } | null)?.data?.round;
    if (info.active_persona_id !== target) lost.push(`round ${round}: switch`);
    if (scene !== round) lost.push(`round ${round}: scene`);
  }
  assert.deepEqual(lost, [], "every change answered is kept");
}

/** Sends `message` to `node`'s MCP Streamable HTTP endpoint; the reply (JSON) and headers. */
async function mcp(node: ServerProcess, message: Json, headers: Record<string, string> = {}) {
  const response = await fetch(node.wsUrl.replace(/^ws/, "http"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", ...message }),
  });
  const text = await response.text();
  assert.ok(response.ok, text);
  return { body: text ? JSON.parse(text) as Json : {}, headers: response.headers };
}

/**
 * `ROUNDS` times: a legacy MCP Streamable HTTP session opened on `a`, then a `persona_switch` on
 * `a` and a `logging/setLevel` on `b` at once (the active persona, the protocol's state); both
 * must be in the session's row afterwards.
 */
async function mcpSwitchAndLevel(a: ServerProcess, b: ServerProcess, databaseUrl: string) {
  const db = new PostgresDatabase({
    url: databaseUrl,
    poolSize: 1,
    idleTimeoutS: 0,
    connectTimeoutS: 10,
  });
  const lost: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const opened = await mcp(a, JSON.parse(MCP_INITIALIZE));
      const headers = {
        "Mcp-Session-Id": opened.headers.get("mcp-session-id")!,
        "MCP-Protocol-Version": "2025-11-25",
      };
      await mcp(a, { method: "notifications/initialized" }, headers);
      const persona = round % 2 ? "Aria" : "Kira";
      const level = round % 2 ? "debug" : "error";
      const [switched] = await Promise.all([
        mcp(a, {
          id: 1,
          method: "tools/call",
          params: { name: "persona_switch", arguments: { persona_id: persona } },
        }, headers),
        mcp(b, { id: 2, method: "logging/setLevel", params: { level } }, headers),
      ]);
      assert.ok(!(switched.body.result as Json).isError, JSON.stringify(switched.body));
      const row = await db.get<{ protocol: string; name: string | null }>(
        `SELECT s.protocol, p.name FROM sessions s LEFT JOIN personas p ON p.id = s.active_persona_id
          WHERE s.id = ?`,
        headers["Mcp-Session-Id"],
      );
      if (row?.name !== persona) lost.push(`round ${round}: switch`);
      if (JSON.parse(row?.protocol ?? "{}").logLevel !== level) lost.push(`round ${round}: level`);
    }
  } finally {
    await db.close();
  }
  assert.deepEqual(lost, [], "every change answered is kept");
}

Deno.test({
  name: "a REST session's requests at once on two nodes of one PostgreSQL all keep their changes",
  ignore: POSTGRES_SKIPPED,
  async fn(t) {
    const cluster: Cluster = await startCluster({ nodes: 2 });
    const [a, b] = cluster.nodes as [ServerProcess, ServerProcess];
    try {
      await t.step(
        "a switch on A and a scene on B at once: both kept",
        () => switchAndScene(a, b, "1"),
      );
      await t.step("both on one node: both kept", () => switchAndScene(a, a, "2"));
      await t.step(
        "MCP HTTP: a persona_switch on A and a logging/setLevel on B at once: both kept",
        () => mcpSwitchAndLevel(a, b, cluster.databaseUrl),
      );
      await t.step("30 chats at once over both nodes are counted exactly", async () => {
        const session = await openSession(a);
        const before = await rpc(a, "session.get_info", {}, session);
        const persona = await rpc(a, "persona.switch", { persona_id: "Aria" }, session);
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            rpc(i % 2 ? a : b, "conversation.send_message", {
              persona_id: persona.persona_id,
              content: `hello ${i}`,
            }, session)),
        );
        const after = await rpc(b, "session.get_info", {}, session);
        assert.equal(after.message_count, (before.message_count as number) + 30);
        // The first read, the switch, 30 chats and this read.
        assert.equal(after.request_count, (before.request_count as number) + 32);
      });
    } finally {
      await cluster.stop();
    }
  },
});

Deno.test("a REST session's requests at once on one SQLite node all keep their changes", async () => {
  const model = FakeOllama.start();
  const node = await spawnServer({ OLLAMA_HOST: model.url, LOG_LEVEL: "warn" });
  try {
    await switchAndScene(node, node, "3");
  } finally {
    await node.stop();
    await model.stop();
  }
});
