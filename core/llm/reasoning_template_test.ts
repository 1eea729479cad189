/**
 * A chat template that opens the reasoning block itself (DeepSeek-R1 distills, QwQ: the prompt
 * ends with `<think>\n`) makes the reply begin mid-thought with only a closing tag, through both
 * providers' real clients over HTTP: the thought is never the answer, and from the model's next
 * reply on it is never streamed either.
 */
import assert from "node:assert/strict";
import {
  failure,
  type Framing,
  hello,
  limitHit,
  ollama,
  openai,
  reason,
  streamed,
  withServer,
} from "./testing/hostile_server.ts";

type Reply = { parts: string[]; extra?: Record<string, unknown> };

/** A server answering each request with the next of `replies`. */
function inTurn(framing: Framing, replies: Reply[]) {
  return (sent: Parameters<typeof streamed>[1]) => {
    const reply = replies.shift()!;
    const queue = [...reply.parts.map((text) => framing.part(text)), framing.done(reply.extra)];
    return streamed(framing, sent, () => queue.shift() ?? null);
  };
}

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);

  test("a reply that closes a block it never opened: what came before was thought", async () => {
    const replies: Reply[] = [
      { parts: ["The user greets me. I should", " greet back.</th", "ink>\n\nHello", " there."] },
      // The model is known now: its thoughts are held back, never streamed.
      { parts: ["Okay, a second", " thought.\n</think>\n", "Welcome back."] },
      // It did not think this time (no closing tag): its words are words.
      { parts: ["Just words", " this time."] },
      // Cut at the token limit while still thinking: thoughts, not an answer.
      { parts: ["Still pondering", " the matter"], extra: limitHit(framing) },
    ];
    await withServer(framing, inTurn(framing, replies), async (llm) => {
      const first = await llm.chat({ model: "m", messages: hello });
      assert.equal(first.text, "Hello there.");

      const pieces: string[] = [];
      const second = await llm.chat({
        model: "m",
        messages: hello,
        onToken: (piece) => pieces.push(piece),
      });
      assert.equal(second.text, "Welcome back.");
      assert.equal(
        pieces.join(""),
        "Welcome back.",
        "no thought is streamed once the model is known",
      );

      assert.equal((await llm.chat({ model: "m", messages: hello })).text, "Just words this time.");

      const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 40 }));
      assert.equal(reason(error), "no_answer");
      assert.doesNotMatch(JSON.stringify(error.data), /pondering/);
    });
  });

  test("another model of the same server is not taken to open its thoughts", async () => {
    const replies: Reply[] = [
      { parts: ["Hmm.</think>Hi."] },
      { parts: ["Plain", " answer."] },
    ];
    await withServer(framing, inTurn(framing, replies), async (llm) => {
      assert.equal((await llm.chat({ model: "r1", messages: hello })).text, "Hi.");
      const pieces: string[] = [];
      const other = await llm.chat({
        model: "m",
        messages: hello,
        onToken: (piece) => pieces.push(piece),
      });
      assert.equal(other.text, "Plain answer.");
      assert.deepEqual(pieces, ["Plain", " answer."], "streamed as it came");
    });
  });
}
