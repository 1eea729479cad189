/**
 * Conversations over a real WebSocket against the model-server test servers: every test runs
 * once against the Ollama-compatible one and once against the OpenAI-compatible one.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { FakeOpenAi } from "./fake_openai.ts";
import {
  RpcCallError,
  RpcClient,
  startTestServer,
  type TestHarness,
  withServerOf,
} from "./_helpers.ts";
import { caseOf, eachProvider, type FakeServer, type ProviderCase } from "./_providers.ts";

type Harness = TestHarness<FakeServer>;

async function withChat(
  test: (harness: Harness) => Promise<void>,
  env: Record<string, string>,
  fake: FakeServer,
): Promise<void> {
  await withServerOf({ fake, env: { ...caseOf(fake).env(fake), ...env } }, test);
}

/** {@linkcode withChat} against a fresh test server of provider `p`. */
function withFake(p: ProviderCase, test: (harness: Harness) => Promise<void>): Promise<void> {
  return withChat(test, {}, p.start());
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

eachProvider.test("a chat returns the model's text; the server got the persona, its traits and the message", async (p) => {
  await withFake(p, async ({ fake, client }) => {
    fake.behavior.reply = () => "Ah, a song of the sea! Gather round.";
    // Servers count tokens their own way: distinctive numbers show they are passed through.
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
    assert.ok(request);
    assert.equal(request.model, "llama3.1:8b");
    const system = request.messages[0];
    assert.ok(system);
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
    assert.equal(p.maxTokensOf(request), 512, "LLM_MAX_TOKENS reaches the server");
    assert.equal(
      p.name === "ollama" ? request.options?.temperature : request.temperature,
      0.8,
      "LLM_TEMPERATURE reaches the server",
    );
  });
});

eachProvider.test("chat needs an active persona or persona_id; persona.chat is the same engine", async (p) => {
  await withFake(p, async ({ fake, client }) => {
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
    assert.match(fake.chatRequests()[1]?.messages[0]?.content ?? "", /You are Kira\./);
    assert.equal((await client.call("session.get_info")).message_count, 2);
  });
});

eachProvider.test("a persona's own model is used instead of the default", async (p) => {
  const fake = p.start({ models: ["llama3.1:8b", "mistral:7b"] });
  await withChat(
    async ({ client }) => {
      const { persona_id } = await client.call("persona.create", {
        name: "Mira",
        model: "mistral:7b",
      });
      await client.call("conversation.send_message", { content: "hi", persona_id });
      assert.equal(fake.chatRequests()[0]?.model, "mistral:7b");
    },
    {},
    fake,
  );
});

Deno.test("a persona's provider:model reaches the other server; plain names stay with LLM_PROVIDER", async () => {
  const ollama = FakeOllama.start({ reply: () => "Ollama speaking." });
  const openai = FakeOpenAi.start({ models: ["qwen2.5-7b-instruct"], reply: () => "Qwen here." });
  const server = await startTestServer({
    OLLAMA_HOST: ollama.url,
    OPENAI_BASE_URL: openai.baseUrl,
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call("persona.create", {
      name: "Quill",
      model: "openai:qwen2.5-7b-instruct",
    });
    const routed = await client.call("conversation.send_message", { content: "hi", persona_id });
    assert.equal(routed.response, "Qwen here.");
    assert.equal(routed.model, "openai:qwen2.5-7b-instruct");
    assert.equal(openai.chatRequests()[0]?.model, "qwen2.5-7b-instruct");
    await client.call("persona.switch", { persona_id: "Aria" });
    const plain = await client.call("conversation.send_message", { content: "hi" });
    assert.equal(plain.response, "Ollama speaking.");
    assert.equal(ollama.chatRequests().length, 1);
    assert.equal(openai.chatRequests().length, 1);
  } finally {
    await client.close();
    await server.shutdown();
    await ollama.stop();
    await openai.stop();
  }
});

Deno.test("system.models cannot vouch for a DEFAULT_MODEL of another provider: available is null", async () => {
  const ollama = FakeOllama.start();
  const server = await startTestServer({
    OLLAMA_HOST: ollama.url,
    OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
    DEFAULT_MODEL: "openai:qwen2.5-7b-instruct",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const models = await client.call("system.models");
    assert.equal(models.provider, "ollama");
    assert.equal(models.reachable, true);
    assert.equal(models.default_model, "openai:qwen2.5-7b-instruct");
    assert.equal(models.default_model_available, null);
  } finally {
    await client.close();
    await server.shutdown();
    await ollama.stop();
  }
});

eachProvider.test("streaming: chunks arrive as notifications before the response and join to its text", async (p) => {
  const fake = p.start({ tokenDelayMs: 5 });
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

eachProvider.test("the first chunk arrives before the model has finished", async (p) => {
  const fake = p.start({
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

eachProvider.test("server failing, too slow, missing the model or dropping the stream: -32003, then recovery", async (p) => {
  const fake = p.start();
  await withChat(
    async ({ client }) => {
      await client.call("persona.switch", { persona_id: "Aria" });
      const ask = () => client.call("conversation.send_message", { content: "hello?" });

      fake.behavior.models = ["phi3:mini"];
      const missing = await llmError(ask());
      assert.equal(missing.reason, "model_missing");
      assert.match(missing.hint as string, p.modelMissingHint("llama3.1:8b"));

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

      fake.behavior.mode = "error";
      const failed = await llmError(ask());
      assert.equal(failed.reason, p.httpErrorReason);
      assert.equal(failed.status, 500);
      assert.equal(failed.provider, p.name);

      fake.behavior.mode = "stream_error";
      const midStream = await llmError(ask());
      assert.ok(["stream_broken", "server_error"].includes(midStream.reason as string));

      fake.behavior.mode = "ok";
      assert.ok((await ask()).response, "the same socket works again");
    },
    { OLLAMA_TIMEOUT_MS: "400" },
    fake,
  );
});

eachProvider.test("a silent stream ends the chat with stream_idle; the next chat works", async (p) => {
  // Many slow tokens: the fake counts a stream abandoned only while it is unfinished, and on a
  // loaded machine a three-token reply could finish (2 s) before the dropped stream's write failed.
  const words = "slow words here and many more of them still to come".split(" ");
  const fake = p.start({ tokenDelayMs: 1000, reply: () => words.join(" ") });
  await withChat(
    async ({ client }) => {
      await client.call("persona.switch", { persona_id: "Kira" });
      const idle = await llmError(
        client.call("conversation.send_message", { content: "hello?", stream: true }),
      );
      assert.equal(idle.reason, "stream_idle");
      assert.equal(idle.idle_ms, 150);
      assert.match(idle.hint as string, /OLLAMA_STREAM_IDLE_MS/);
      await fake.waitForAbandoned(1);
      fake.behavior.tokenDelayMs = 0;
      const again = await client.call("conversation.send_message", { content: "again" });
      assert.equal(again.response, words.join(" "));
    },
    { OLLAMA_STREAM_IDLE_MS: "150" },
    fake,
  );
});

eachProvider.test("an absent server is -32003 saying how to start it; the session stays usable", async (p) => {
  const fake = p.start();
  const env = p.env(fake);
  await fake.stop();
  const server = await startTestServer(env);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    const data = await llmError(client.call("conversation.send_message", { content: "hi" }));
    assert.equal(data.reason, "unreachable");
    assert.match(data.hint as string, p.unreachableHint);
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

eachProvider.test("system.models lists the server's models and the default", async (p) => {
  const fake = p.start({ models: ["llama3.1:8b", "nomic-embed-text"] });
  await withChat(
    async ({ client }) => {
      const models = await client.call<Record<string, unknown>>("system.models");
      assert.equal(models.reachable, true);
      assert.equal(models.provider, p.name);
      assert.equal(models.host, p.env(fake).OPENAI_BASE_URL ?? fake.url);
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

eachProvider.test("the visual context and recent turns go into the prompt", async (p) => {
  await withFake(p, async ({ fake, client }) => {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("visual.update", { type: "scene", data: { place: "moonlit harbor" } });
    await client.call("conversation.send_message", { content: "first question" });
    await client.call("conversation.send_message", { content: "second question" });
    const second = fake.chatRequests()[1];
    assert.ok(second);
    assert.match(second.messages[0]?.content ?? "", /moonlit harbor/);
    const contents = second.messages.map((message) => message.content);
    assert.ok(contents.includes("user: first question"));
    assert.equal(second.messages[2]?.role, "assistant");
    assert.equal(contents.at(-1), "user: second question");
  });
});
