/**
 * A persona deleted while its queued exchange is being written (`core/memory/write_behind.ts`),
 * in a real server over a real WebSocket on SQLite: the refused store is no loss (its memories go
 * with the persona), so it is not warned as one, and the queue stays on for the other personas
 * (review45a F5).
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { RpcClient, testConfig } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";

Deno.test("a persona deleted during its exchange's write: no loss warned, the next chat is still written behind", async () => {
  const fake = FakeOllama.start({ reply: () => "Aye." });
  const lines: string[] = [];
  const log = createLogger("debug", { write: (line) => lines.push(line) });
  const server = await startServer(testConfig({ OLLAMA_HOST: fake.url }), { log });
  const { memory, personas } = server.services;
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const kira = await personas.resolve("Kira");
    const store = memory.rememberExchanges.bind(memory);
    let deletion: Promise<unknown> | undefined;
    memory.rememberExchanges = async (exchanges) => {
      if (!deletion) {
        // persona.delete lands between the queue taking the exchange and its insert (its hook
        // then waits for this write: the test waits only until the row is gone).
        deletion = personas.delete(kira.id);
        while (await personas.find(kira.id)) await new Promise((r) => setTimeout(r, 1));
      }
      return await store(exchanges);
    };
    await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("conversation.send_message", { content: "Keep the lantern lit." });
    await memory.settleExchanges();
    await deletion;
    assert.ok(!lines.some((line) => line.includes("failed after its reply")), lines.join("\n"));
    assert.ok(lines.some((line) => line.includes("its persona was deleted")), lines.join("\n"));

    await client.call("persona.switch", { persona_id: "Aria" });
    const before = await memory.count(await personas.resolve("Aria"));
    const calls: number[] = [];
    memory.rememberExchanges = (exchanges) => (calls.push(exchanges.length), store(exchanges));
    const next = await client.call<{ memory_stored: boolean }>("conversation.send_message", {
      content: "The lamp oil comes on Tuesday.",
    });
    assert.equal(next.memory_stored, true);
    assert.equal(await memory.count(await personas.resolve("Aria")), before + 1);
    assert.deepEqual(calls, [1], "queued and written behind, not stored inline");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
