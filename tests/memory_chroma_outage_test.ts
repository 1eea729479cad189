/**
 * Chroma stopped mid-run: memory calls fail with -32002 and a clear `data`, the rest of the
 * server keeps working, and when Chroma is back memory works again without a restart.
 */
import assert from "node:assert/strict";
import { ChromaClient } from "chromadb";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

async function memoryError(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RpcCallError);
    assert.equal(error.code, -32002, error.message);
    return error.data as Record<string, unknown>;
  }
  throw new Error("expected a memory error");
}

Deno.test("Chroma down gives -32002; back up, memory works again without a restart", async () => {
  const path = Deno.makeTempDirSync({ prefix: "chroma-outage-" });
  let chroma = await startChromaServer({ path });
  const server = await startTestServer({ MEMORY_BACKEND: "chroma", CHROMA_URL: chroma.url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const { memory_id } = await client.call("memory.store", { content: "The lantern festival" });
    const kira = await client.call<{ persona_id: string }>("persona.create", { name: "Kestrel" });
    await client.call("memory.store", { persona_id: kira.persona_id, content: "Kestrel's note" });

    await chroma.stop();
    const data = await memoryError(client.call("memory.search", { query: "lantern" }));
    assert.equal(data.backend, "chroma");
    assert.equal(data.reason, "unreachable");
    assert.equal(data.url, chroma.url);
    assert.match(String(data.hint), /deno task chroma/);
    await memoryError(client.call("memory.store", { content: "lost while down" }));
    const rest = await fetch(`${server.apiUrl}/personas/${kira.persona_id}/memories/stats`);
    assert.equal(rest.status, 503);
    assert.equal((await rest.json()).error.code, -32002);
    assert.deepEqual(await client.call("ping"), {}, "the server itself keeps working");
    const deleted = await client.call("persona.delete", { persona_id: kira.persona_id });
    assert.equal(deleted.deleted, true, "a persona can be deleted while Chroma is down");

    chroma = await startChromaServer({ path, port: chroma.port });
    const found = await client.call<{ memories: Array<{ id: string }> }>("memory.search", {
      query: "lantern",
    });
    assert.deepEqual(found.memories.map((memory) => memory.id), [memory_id]);
    const cycle = await client.call("memory.decay_force");
    assert.equal(cycle.purges_completed, 1, "the queued deletion runs once Chroma is back");
    const chromaClient = new ChromaClient({ host: "127.0.0.1", port: chroma.port });
    for (const collection of await chromaClient.listCollections()) {
      const left = await collection.get({ where: { persona_id: kira.persona_id } });
      assert.equal(left.ids.length, 0);
    }
  } finally {
    await client.close();
    await server.shutdown();
    await chroma.stop();
    await Deno.remove(path, { recursive: true });
  }
});
