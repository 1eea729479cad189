/**
 * A lorebook whose file is over MAX_REPLY_BYTES: over JSON-RPC the -32005 error says where to
 * get it instead (a file is one value, it cannot be paged), and that way works.
 *
 * @module
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

Deno.test("lorebook.export over the reply limit tells the client to use the REST route (attack36 A4)", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    // ~0.5 MB imported in one request; its World Info file, each entry's fields written out, is
    // past the smallest MAX_REPLY_BYTES allowed (1 MiB, the test's).
    const entries = Array.from({ length: 2_000 }, (_, i) => ({
      keys: Array.from({ length: 20 }, (_, k) => `key${i}x${k}`),
      content: `lore of entry ${i} `.padEnd(60, "harbor lights "),
      enabled: true,
      insertion_order: i,
      use_regex: false,
      extensions: {},
    }));
    const { lorebook_id } = await client.call<{ lorebook_id: string }>("lorebook.import", {
      lorebook: { spec: "lorebook_v3", data: { name: "Big", entries } },
    });
    await assert.rejects(client.call("lorebook.export", { lorebook_id }), (error) => {
      const { code, message, data } = error as RpcCallError;
      assert.equal(code, -32005);
      assert.match(message, /GET \/api\/lorebooks\/\{id\}\/export/);
      assert.match((data as { hint: string }).hint, /^fetch the file over HTTP/);
      return true;
    });
    // The way it names works.
    const response = await fetch(`${server.apiUrl}/lorebooks/${lorebook_id}/export`);
    const file = await response.json() as { entries: Record<string, unknown> };
    assert.equal(Object.keys(file.entries).length, 2_000);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
