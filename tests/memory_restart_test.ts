/**
 * Memories survive a server restart with both backends, created_at and access counts included.
 * The Chroma case restarts the Chroma server too.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";

interface Listed {
  memories: Array<
    {
      id: string;
      content: string;
      created_at: string;
      accessed_count: number;
      last_accessed: string;
    }
  >;
}

async function withClient<T>(env: Record<string, string>, work: (client: RpcClient) => Promise<T>) {
  const server = await startTestServer(env);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    return await work(client);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

async function survivesRestart(env: Record<string, string>, restartStore = async () => {}) {
  const created_at = "2025-03-04T05:06:07.000Z";
  const before = await withClient(env, async (client) => {
    await client.call("memory.store", { content: "The orchard behind the mill", created_at });
    await client.call("memory.store", { content: "Kestrel Bay tide tables", visibility: "public" });
    await client.call("memory.search", { query: "orchard mill" });
    await client.call("memory.search", { query: "orchard" });
    return await client.call<Listed>("memory.list");
  });
  const orchard = before.memories.find((memory) => memory.content.includes("orchard"))!;
  assert.equal(orchard.accessed_count, 2);
  assert.equal(orchard.created_at, created_at);

  await restartStore();
  await withClient(env, async (client) => {
    const after = await client.call<Listed>("memory.list");
    assert.deepEqual(after, before);
    const found = await client.call<Listed>("memory.search", { query: "orchard" });
    assert.equal(found.memories[0]!.id, orchard.id);
    assert.equal(found.memories[0]!.accessed_count, 3);
    assert.equal(found.memories[0]!.created_at, created_at);
  });
}

Deno.test("memories survive a restart with the sqlite backend", async () => {
  await survivesRestart({ DATA_DIR: tempDirSync("persona-restart-") });
});

Deno.test("memories survive a restart with the chroma backend (Chroma restarted too)", async () => {
  const path = tempDirSync("chroma-restart-");
  let chroma = await startChromaServer({ path });
  try {
    const env = {
      DATA_DIR: tempDirSync("persona-restart-"),
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: chroma.url,
    };
    await survivesRestart(env, async () => {
      await chroma.stop();
      chroma = await startChromaServer({ path, port: chroma.port });
    });
  } finally {
    await chroma.stop();
    await Deno.remove(path, { recursive: true });
  }
});
