/**
 * Chats with models that think aloud or run out of tokens, over a real WebSocket against both
 * model-server fakes: `<think>` blocks reach neither the reply, the streamed chunks, history nor
 * memory; a reply cut at LLM_MAX_TOKENS is flagged `truncated` and remembered as cut off.
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { eachProvider, type ProviderCase } from "./_providers.ts";

type Json = Record<string, unknown>;

async function withChat(
  p: ProviderCase,
  test: (client: RpcClient, fake: ReturnType<ProviderCase["start"]>) => Promise<void>,
): Promise<void> {
  const fake = p.start();
  const server = await startTestServer(p.env(fake));
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await test(client, fake);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
}

/** Aria's newest memory's content and her newest message's response. */
async function kept(client: RpcClient): Promise<{ memory: string; history: string }> {
  const { memories } = await client.call("memory.list", { limit: 1 }) as { memories: Json[] };
  const { messages } = await client.call("conversation.get_history", { limit: 1 }) as {
    messages: Json[];
  };
  return {
    memory: String(memories[0]?.content),
    history: String(messages[0]?.persona_response),
  };
}

/** Sends `content` streamed: the result and the chunks' texts. */
async function sendStreamed(client: RpcClient, content: string) {
  const before = client.notifications.length;
  const result = await client.call("conversation.send_message", { content, stream: true });
  const chunks = client.notifications.slice(before)
    .filter((n) => n.method === "conversation.chunk").map((n) => n.params.text);
  return { result, chunks };
}

eachProvider.test("a <think> block is not in the reply, the chunks, history or memory", async (p) => {
  await withChat(p, async (client, fake) => {
    fake.behavior.reply = () => "<think>\nI should greet.\n</think>\n\nGreetings, traveller.";
    const { result, chunks } = await sendStreamed(client, "hi");
    assert.equal(result.response, "Greetings, traveller.");
    assert.equal(result.truncated, undefined);
    assert.equal(chunks.join(""), result.response);
    const { memory, history } = await kept(client);
    assert.equal(history, "Greetings, traveller.");
    assert.match(memory, /Aria replied: Greetings, traveller\.$/);
    assert.doesNotMatch(memory, /think|should greet/);
  });
});

eachProvider.test("a reply cut at LLM_MAX_TOKENS is flagged truncated and remembered as cut off", async (p) => {
  await withChat(p, async (client, fake) => {
    fake.behavior.reply = () => "Long answer that was cut";
    fake.behavior.finishReason = "length";
    const { result, chunks } = await sendStreamed(client, "hi");
    assert.equal(result.response, "Long answer that was cut");
    assert.equal(result.truncated, true);
    assert.equal(chunks.join(""), result.response, "the chunks are what was said");
    const { memory, history } = await kept(client);
    assert.equal(history, "Long answer that was cut", "history keeps what was said");
    assert.match(memory, /Aria replied: Long answer that was cut…$/);

    fake.behavior.finishReason = "stop";
    const whole = await client.call("conversation.send_message", { content: "again" });
    assert.equal(whole.truncated, undefined);
  });
});

eachProvider.test("a reply that mentions </think> is kept whole: chunks, response and history", async (p) => {
  await withChat(p, async (client, fake) => {
    const mention = "Use the closing tag like this: </think> is how a block ends.";
    fake.behavior.reply = () => mention;
    const first = await sendStreamed(client, "how do I close a think block?");
    assert.equal(first.result.response, mention);
    assert.equal(first.chunks.join(""), mention);
    assert.equal((await kept(client)).history, mention);
    // The model was not taken to open its thoughts: the next reply streams as it comes.
    fake.behavior.reply = () => "A plain reply, in several words.";
    const next = await sendStreamed(client, "thanks");
    assert.ok(next.chunks.length > 1, `streamed in pieces: ${JSON.stringify(next.chunks)}`);
    assert.equal(next.chunks.join(""), next.result.response);
  });
});
