/**
 * Conversations over a real WebSocket against the Ollama-compatible test server.
 */
import assert from "node:assert/strict";
import type { RunningServer } from "../core/server/server.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

interface Harness {
  fake: FakeOllama;
  server: RunningServer;
  client: RpcClient;
}

async function withChat(
  test: (harness: Harness) => Promise<void>,
  env: Record<string, string> = {},
  fake = FakeOllama.start(),
): Promise<void> {
  const server = await startTestServer({ OLLAMA_HOST: fake.url, ...env });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await test({ fake, server, client });
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
}

async function llmError(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RpcCallError);
    assert.equal(error.code, -32003, error.message);
    return error.data as Record<string, unknown>;
  }
  assert.fail("expected -32003");
}

Deno.test("a chat returns the model's text; Ollama got the persona, its traits and the message", async () => {
  await withChat(async ({ fake, client }) => {
    fake.behavior.reply = () => "Ah, a song of the sea! Gather round.";
    // Ollama counts tokens its own way: distinctive numbers show they are passed through.
    fake.behavior.counts = { prompt: 777, completion: 42 };
    await client.call("persona.switch", { persona_id: "Aria" });
    const result = await client.call("conversation.send_message", {
      content: "Sing me something about the sea",
      sender: "traveler",
      context: { weather: "storm", location: { name: "harbor" } },
    });
    assert.equal(result.response, "Ah, a song of the sea! Gather round.");
    assert.match(result.message_id as string, /^msg_/);
    assert.equal(result.memory_stored, true);
    assert.equal(typeof result.response_time_ms, "number");
    assert.deepEqual(result.tokens, { prompt: 777, completion: 42 });

    const [request] = fake.chatRequests();
    assert.equal(request.model, "llama3.1:8b");
    const system = request.messages[0];
    assert.equal(system.role, "system");
    assert.match(system.content, /You are Aria\./);
    assert.match(system.content, /outgoing, talkative/, "traits in words");
    assert.match(system.content, /You are talking with traveler\./);
    assert.match(
      system.content,
      /Context from the client:\n- weather: storm\n- location: \{"name":"harbor"\}/,
    );
    assert.deepEqual(request.messages.at(-1), {
      role: "user",
      content: "traveler: Sing me something about the sea",
    });
  });
});

Deno.test("chat needs an active persona or persona_id; persona.chat is the same engine", async () => {
  await withChat(async ({ fake, client }) => {
    await assert.rejects(
      client.call("conversation.send_message", { content: "hi" }),
      (error: RpcCallError) => error.code === -32001,
    );
    const kira = await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("session.clear");
    const explicit = await client.call("conversation.send_message", {
      content: "hello",
      persona_id: kira.persona_id,
    });
    assert.equal(explicit.persona_id, kira.persona_id);
    await client.call("persona.switch", { persona_id: "Kira" });
    const viaAlias = await client.call("persona.chat", { message: "what are you reading?" });
    assert.equal(viaAlias.persona_id, kira.persona_id);
    assert.match(fake.chatRequests()[1].messages[0].content, /You are Kira\./);
    assert.equal((await client.call("session.get_info")).message_count, 2);
  });
});

Deno.test("a persona's own model is used instead of the default", async () => {
  const fake = FakeOllama.start({ models: ["llama3.1:8b", "mistral:7b"] });
  await withChat(
    async ({ client }) => {
      const { persona_id } = await client.call("persona.create", {
        name: "Mira",
        model: "mistral:7b",
      });
      await client.call("conversation.send_message", { content: "hi", persona_id });
      assert.equal(fake.chatRequests()[0].model, "mistral:7b");
    },
    {},
    fake,
  );
});

Deno.test("streaming: chunks arrive as notifications before the response and join to its text", async () => {
  const fake = FakeOllama.start({ tokenDelayMs: 5 });
  await withChat(
    async ({ client }) => {
      await client.call("persona.switch", { persona_id: "Aria" });
      for (const [round, id] of ["s1", "s2", "s3"].entries()) {
        fake.behavior.reply = () => `Round ${round} of the tale, told slowly and well.`;
        const before = client.notifications.length;
        const response = await client.request(
          "conversation.send_message",
          { content: `tell me part ${round}`, stream: true },
          id,
        );
        const chunks = client.notifications.slice(before).filter((n) =>
          n.method === "conversation.chunk"
        );
        assert.ok(chunks.length >= 5, "several chunks");
        assert.ok(chunks.every((chunk) => chunk.params.request_id === id));
        assert.deepEqual(chunks.map((chunk) => chunk.params.index), chunks.map((_, i) => i));
        const result = response.result as { response: string };
        assert.equal(chunks.map((chunk) => chunk.params.text).join(""), result.response);
        assert.equal(
          client.notifications.length - before,
          chunks.length,
          "no chunk after the response",
        );
      }
      const all = client.notifications.filter((n) => n.method === "conversation.chunk");
      assert.deepEqual([...new Set(all.map((n) => n.params.request_id))], ["s1", "s2", "s3"]);
    },
    {},
    fake,
  );
});

Deno.test("the first chunk arrives before the model has finished", async () => {
  const fake = FakeOllama.start({
    tokenDelayMs: 150,
    reply: () => "one two three four five",
  });
  await withChat(
    async ({ client }) => {
      await client.call("persona.switch", { persona_id: "Aria" });
      const pending = client.request(
        "conversation.send_message",
        { content: "go", stream: true },
        9,
      );
      const first = await client.waitForNotification((n) => n.method === "conversation.chunk");
      const firstAt = performance.now();
      const response = await pending;
      assert.equal(first.params.persona_id, (response.result as { persona_id: string }).persona_id);
      assert.ok(
        firstAt < fake.lastStreamFinishedAt,
        "the first chunk reached the client before the model had sent its last token",
      );
    },
    {},
    fake,
  );
});

Deno.test("Ollama absent, too slow, missing the model or dropping the stream: -32003, then recovery", async () => {
  const fake = FakeOllama.start();
  await withChat(
    async ({ client }) => {
      await client.call("persona.switch", { persona_id: "Aria" });
      const ask = () => client.call("conversation.send_message", { content: "hello?" });

      fake.behavior.models = ["phi3:mini"];
      const missing = await llmError(ask());
      assert.equal(missing.reason, "model_missing");
      assert.match(missing.hint as string, /ollama pull llama3\.1:8b/);

      fake.behavior.models = ["llama3.1:8b"];
      fake.behavior.mode = "hang";
      const slow = await llmError(ask());
      assert.equal(slow.reason, "timeout");
      assert.equal(slow.timeout_ms, 400);
      await fake.waitForAbandoned(1);

      // After "hang": Deno.serve misses the client's close on the request that follows a
      // stream it broke itself, which would make a later hang undetectable by the fake.
      fake.behavior.mode = "drop";
      assert.equal((await llmError(ask())).reason, "stream_broken");

      fake.behavior.mode = "ok";
      assert.ok((await ask()).response, "the same socket works again");
    },
    { OLLAMA_TIMEOUT_MS: "400" },
    fake,
  );
});

Deno.test("an absent Ollama is -32003 saying to run ollama serve; the session stays usable", async () => {
  const fake = FakeOllama.start();
  const url = fake.url;
  await fake.stop();
  const server = await startTestServer({ OLLAMA_HOST: url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    const data = await llmError(client.call("conversation.send_message", { content: "hi" }));
    assert.equal(data.reason, "unreachable");
    assert.match(data.hint as string, /ollama serve/);
    const models = await client.call("system.models");
    assert.equal(models.reachable, false);
    assert.deepEqual(models.available_models, []);
    assert.equal(models.default_model, "llama3.1:8b");
    assert.deepEqual(await client.call("ping"), {});
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("system.models lists Ollama's models and the default", async () => {
  const fake = FakeOllama.start({ models: ["llama3.1:8b", "nomic-embed-text"] });
  await withChat(
    async ({ client }) => {
      const models = await client.call<Record<string, unknown>>("system.models");
      assert.equal(models.reachable, true);
      assert.equal(models.default_model_available, true);
      assert.deepEqual(
        (models.available_models as Array<{ name: string }>).map((m) => m.name),
        ["llama3.1:8b", "nomic-embed-text"],
      );
    },
    {},
    fake,
  );
});

Deno.test("the visual context and recent turns go into the prompt", async () => {
  await withChat(async ({ fake, client }) => {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("visual.update", { type: "scene", data: { place: "moonlit harbor" } });
    await client.call("conversation.send_message", { content: "first question" });
    await client.call("conversation.send_message", { content: "second question" });
    const second = fake.chatRequests()[1];
    assert.match(second.messages[0].content, /moonlit harbor/);
    const contents = second.messages.map((message) => message.content);
    assert.ok(contents.includes("user: first question"));
    assert.equal(second.messages[2].role, "assistant");
    assert.equal(contents.at(-1), "user: second question");
  });
});
