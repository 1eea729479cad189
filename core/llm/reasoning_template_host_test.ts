/**
 * The model a chat template is learned to open thoughts for is known by its server and name
 * together: the same model name on another server (another provider's base URL) is another
 * model, whose replies stream as they come (mutation review, session 27).
 */
import assert from "node:assert/strict";
import { LlmService } from "./service.ts";
import { REPLIES_TO_LEARN } from "./template_thought.ts";
import { type Framing, hello, ollama, openai, streamed } from "./testing/hostile_server.ts";

/** A model server answering every chat with `parts`, framed as `framing`. */
function serve(framing: Framing, parts: string[]): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    if (new URL(request.url).pathname !== framing.chatPath) return new Response("elsewhere");
    const queue = [...parts.map((text) => framing.part(text)), framing.done()];
    return streamed(
      framing,
      { bytes: 0, cancelled: false, requests: [] },
      () => queue.shift() ?? null,
    );
  });
}

Deno.test("a model of one name on another server is not taken to open its thoughts", async () => {
  const thinking = serve(ollama, ["Hmm.\n</think>\n\n", "Hi."]);
  const plain = serve(openai, ["Plain", " answer."]);
  const llm = new LlmService({
    defaultProvider: "ollama",
    backends: {
      ollama: ollama.backend(`http://127.0.0.1:${thinking.addr.port}`),
      openai: openai.backend(`http://127.0.0.1:${plain.addr.port}`),
    },
    settings: { timeoutMs: 20_000, streamIdleMs: 10_000, concurrency: 2, queueLimit: 8 },
  });
  try {
    // Learned on the first server: replies in a row that end a template-opened thought.
    for (let i = 0; i < REPLIES_TO_LEARN; i++) {
      assert.equal((await llm.chat({ model: "ollama:m", messages: hello })).text, "Hi.");
    }
    const pieces: string[] = [];
    const other = await llm.chat({
      model: "openai:m",
      messages: hello,
      onToken: (piece) => pieces.push(piece),
    });
    assert.equal(other.text, "Plain answer.");
    assert.deepEqual(pieces, ["Plain", " answer."], "streamed as it came, not held back");
  } finally {
    await Promise.all([thinking.shutdown(), plain.shutdown()]);
  }
});
