/**
 * A bundle over MAX_REPLY_BYTES: over JSON-RPC the -32005 error says where to get it instead (a
 * bundle is one value, it cannot be paged), and that way works.
 *
 * @module
 */
import assert from "node:assert/strict";
import { CONTENT_LIMIT } from "../core/memory/schema.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

Deno.test("persona.export over the reply limit tells the client to use the REST route or leave memories out", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.create", { name: "Big", description: "A large persona." });
    // 1.1 MB of memories: past the smallest MAX_REPLY_BYTES allowed (1 MiB, the test's).
    // In rounds of 20: one connection may have at most 64 requests running (-32006 past it).
    for (let round = 0; round < 110; round += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, 110 - round) }, (_, i) =>
          client.call("memory.store", {
            persona_id: "Big",
            content: `${round + i} `.padEnd(CONTENT_LIMIT, "harbor lights "),
          })),
      );
    }

    await assert.rejects(client.call("persona.export", { persona_id: "Big" }), (error) => {
      const { code, message, data } = error as RpcCallError;
      assert.equal(code, -32005);
      assert.match(message, /GET \/api\/personas\/\{name\}\/bundle/);
      assert.match(message, /include \["relationships","lorebooks","blocks"\]/);
      assert.match((data as { hint: string }).hint, /^fetch the bundle over HTTP/);
      return true;
    });
    // Both ways it names work.
    const response = await fetch(`${server.apiUrl}/personas/Big/bundle`);
    const bundle = await response.json() as { memories: unknown[] };
    assert.equal(bundle.memories.length, 110);
    const small = await client.call<{ bundle: { memories?: unknown[] } }>("persona.export", {
      persona_id: "Big",
      include: ["relationships", "lorebooks", "blocks"],
    });
    assert.equal(small.bundle.memories?.length ?? 0, 0);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
