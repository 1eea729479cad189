/**
 * `system.models` and `GET /api/system/models` (attack17 F10): concurrent and repeated calls
 * share one request to the model server (one in flight, reused for a few seconds), so a burst
 * of calls opens no outbound connection each.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";

Deno.test("a burst of model lists over REST and the WebSocket asks the model server once", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  const tags = () => fake.requests.filter((request) => request.path === "/api/tags").length;
  try {
    assert.equal(tags(), 0);
    const rest = () =>
      fetch(`${server.apiUrl}/system/models`).then((answer) => answer.json()) as Promise<
        Record<string, unknown>
      >;
    const burst = await Promise.all([
      ...Array.from({ length: 10 }, rest),
      ...Array.from({ length: 5 }, () => client.call<Record<string, unknown>>("system.models")),
    ]);
    for (const answer of burst) assert.equal(answer.reachable, true);
    const again = [await rest(), await client.call<Record<string, unknown>>("system.models")];
    for (const answer of again) assert.equal(answer.reachable, true);
    assert.equal(tags(), 1, "one request to the model server for all 17 calls");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
