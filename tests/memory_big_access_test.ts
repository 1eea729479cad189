/**
 * A persona file whose access count was stored beyond 2^53 (before counts stopped at COUNT_MAX,
 * or by hand): a real server on that file searches, lists and gets the memory, its count read
 * back as COUNT_MAX (review21: `memory.search` answered -32603).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { COUNT_MAX } from "../core/numbers.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";

Deno.test("memory.search and memory.list answer on a file holding an access count past 2^53", async () => {
  const dir = await Deno.makeTempDir({ prefix: "big-access-e2e-" });
  try {
    let server = await startTestServer({ DATA_DIR: dir, LOG_LEVEL: "error" });
    let client = await RpcClient.connect(server.wsUrl);
    await client.call("persona.create", { name: "Keeper Probe" });
    const stored = await client.call<{ memory_id: string }>("memory.store", {
      persona_id: "Keeper Probe",
      content: "The lighthouse keeper sings at dawn.",
    });
    client.socket.close();
    await client.closed;
    await server.shutdown();

    const raw = new DatabaseSync(`${dir}/persona.db`);
    raw.exec(`INSERT INTO memory_access (seq, accessed_count, last_accessed)
      SELECT seq, 9007199254740993, NULL FROM memories WHERE true
      ON CONFLICT (seq) DO UPDATE SET accessed_count = 9007199254740993`);
    raw.close();

    server = await startTestServer({ DATA_DIR: dir, LOG_LEVEL: "error" });
    client = await RpcClient.connect(server.wsUrl);
    try {
      const listed = await client.call<{ memories: Array<{ id: string; accessed_count: number }> }>(
        "memory.list",
        { persona_id: "Keeper Probe" },
      );
      assert.deepEqual(listed.memories.map((m) => [m.id, m.accessed_count]), [[
        stored.memory_id,
        COUNT_MAX,
      ]]);
      const found = await client.call<{ memories: Array<{ id: string; accessed_count: number }> }>(
        "memory.search",
        { persona_id: "Keeper Probe", query: "lighthouse keeper" },
      );
      assert.deepEqual(found.memories.map((m) => [m.id, m.accessed_count]), [[
        stored.memory_id,
        COUNT_MAX,
      ]]);
    } finally {
      client.socket.close();
      await client.closed;
      await server.shutdown();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
