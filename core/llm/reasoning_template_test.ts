/**
 * A chat template that opens the reasoning block itself (DeepSeek-R1 distills, QwQ: the prompt
 * ends with `<think>\n`) makes the reply begin mid-thought with only a closing tag on its own line,
 * through both providers' real clients over HTTP (a fake server on 127.0.0.1 streaming NDJSON or
 * SSE). The thought comes out where it was held back; streamed text is never taken back; a reply
 * that merely mentions the tag is kept whole; and no one reply leaves the model held back.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import {
  chunk,
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
import type { LlmService } from "./service.ts";
import { REPLIES_TO_LEARN } from "./template_thought.ts";

/** A reply's text parts, what its last part adds, and parts framed already sent before them. */
type Reply = { parts: string[]; extra?: Record<string, unknown>; framed?: string[] };

/** A server answering each request with the next of `replies`. */
function inTurn(framing: Framing, replies: Reply[]) {
  return (sent: Parameters<typeof streamed>[1]) => {
    const reply = replies.shift()!;
    const queue = [
      ...reply.framed ?? [],
      ...reply.parts.map((text) => framing.part(text)),
      framing.done(reply.extra),
    ];
    return streamed(framing, sent, () => queue.shift() ?? null);
  };
}

/** A streamed chat of `model`: its answer and the pieces passed on. */
async function streamedChat(llm: LlmService, model = "m") {
  const pieces: string[] = [];
  const reply = await llm.chat({ model, messages: hello, onToken: (piece) => pieces.push(piece) });
  return { text: reply.text, pieces };
}

const thought = (n: number): Reply => ({
  parts: [`Thought ${n}: the user`, " greets me.\n</th", "ink>\n\n", `Answer ${n}.`],
});

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);

  test("a reply that mentions the closing tag is kept whole, streamed or not", async () => {
    const mention = ["Use the closing tag ", "like this: </think>", " is how a block ends."];
    const replies: Reply[] = [
      { parts: mention },
      { parts: mention },
      { parts: ["Answer first. <think>not a thought", "</think> end."] },
    ];
    await withServer(framing, inTurn(framing, replies), async (llm) => {
      const live = await streamedChat(llm);
      assert.equal(live.text, mention.join(""));
      assert.deepEqual(live.pieces, mention, "the pieces join to the answer");
      assert.equal((await llm.chat({ model: "m", messages: hello })).text, mention.join(""));
      const pair = await streamedChat(llm);
      assert.equal(pair.text, "Answer first. <think>not a thought</think> end.");
    });
  });

  test("a template-opened thought comes out where held back and is learned in a row", async () => {
    const replies: Reply[] = [
      thought(1),
      thought(2),
      ...Array.from({ length: REPLIES_TO_LEARN - 1 }, (_, i) => thought(i + 3)),
      { parts: ["Later: ", "a long", " thought.\n</think>\n", "Hi", " again."] },
      { parts: ["Still pondering", " the matter"], extra: limitHit(framing) },
    ];
    await withServer(framing, inTurn(framing, replies), async (llm) => {
      // Nobody streams it: held back whole, the thought taken out.
      assert.equal((await llm.chat({ model: "m", messages: hello })).text, "Answer 1.");
      // Streamed before the model is learned: what went out stays, and the pieces join to it.
      const live = await streamedChat(llm);
      assert.equal(live.text, thought(2).parts.join(""));
      assert.equal(live.pieces.join(""), live.text);
      for (let i = 0; i < REPLIES_TO_LEARN - 1; i++) await streamedChat(llm);
      // Learned: held back until the closing tag, so no thought is streamed.
      const learned = await streamedChat(llm);
      assert.equal(learned.text, "Hi again.");
      assert.deepEqual(learned.pieces, ["Hi", " again."]);
      // Cut at the token limit while still thinking: thoughts, not an answer.
      const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 40 }));
      assert.equal(reason(error), "no_answer");
      assert.doesNotMatch(JSON.stringify(error.data), /pondering/);
    });
  });

  test("one reply with a lone tag holds no one back; a learned model unlearns at once", async () => {
    const plain: Reply = { parts: ["Plain", " answer."] };
    const replies: Reply[] = [
      { parts: ["Repeat after me:\n", "</think>\n", "Done."] },
      plain,
      ...Array.from({ length: REPLIES_TO_LEARN }, (_, i) => thought(i)),
      plain,
      plain,
      { parts: ["Hmm.\n</think>\nHi."] },
      plain,
    ];
    await withServer(framing, inTurn(framing, replies), async (llm) => {
      const lone = await streamedChat(llm);
      assert.equal(lone.text, "Repeat after me:\n</think>\nDone.", "streamed: kept whole");
      assert.deepEqual((await streamedChat(llm)).pieces, ["Plain", " answer."], "still streams");
      for (let i = 0; i < REPLIES_TO_LEARN; i++) await streamedChat(llm);
      // Learned: one reply without the tag is held back whole, and it unlearns the model.
      const held = await streamedChat(llm);
      assert.deepEqual([held.text, held.pieces], ["Plain answer.", ["Plain answer."]]);
      assert.deepEqual(
        (await streamedChat(llm)).pieces,
        ["Plain", " answer."],
        "not left buffering",
      );
      // Another model's thought (unstreamed: taken out) teaches model m nothing.
      assert.equal((await llm.chat({ model: "r1", messages: hello })).text, "Hi.");
      assert.deepEqual((await streamedChat(llm, "m")).pieces, ["Plain", " answer."]);
    });
  });

  test("JSON answers: a template-opened thought comes out; one without it unlearns nothing", async () => {
    const json = { parts: ['{"facts":', '["sea"]}'] };
    const replies: Reply[] = [
      { parts: ["The user wants facts.\n", "</think>\n\n", '{"facts":["sky"]}'] },
      ...Array.from({ length: REPLIES_TO_LEARN - 1 }, (_, i) => thought(i)),
      // A server's JSON grammar may leave a thinking model no room to think.
      json,
      thought(9),
    ];
    await withServer(framing, inTurn(framing, replies), async (llm) => {
      const schema = z.strictObject({ facts: z.array(z.string()) });
      const ask = async () => (await llm.chatJson({ model: "m", messages: hello, schema })).value;
      assert.deepEqual(await ask(), { facts: ["sky"] });
      for (let i = 0; i < REPLIES_TO_LEARN - 1; i++) await streamedChat(llm);
      assert.deepEqual(await ask(), { facts: ["sea"] });
      const learned = await streamedChat(llm);
      assert.deepEqual(learned.pieces, ["Answer 9."], "still learned: no thought streamed");
    });
  });
}

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);
  /** Reasoning in a field of its own, as a server that parses the thought apart sends it. */
  const reasoningApart = framing.name === "ollama"
    ? framing.part("", { message: { role: "assistant", content: "", thinking: "Hmm." } })
    : chunk({ reasoning_content: "Hmm." });

  test("a reply cut at the limit is words when only a name, or reasoning apart, says otherwise (review34 F8)", async () => {
    const cut = (parts: string[], framed?: string[]) => ({
      parts,
      extra: limitHit(framing),
      framed,
    });
    const replies: Reply[] = [
      // A model named as one whose template opens the thought, never seen: held back, then words.
      cut(["A long", " answer"]),
      ...Array.from({ length: REPLIES_TO_LEARN }, (_, i) => thought(i)),
      // Learned, but its server now parses the thought apart: the text is the answer...
      cut(["The", " answer"], [reasoningApart]),
      // ...and the model is unlearned: its replies stream again.
      { parts: ["Plain", " answer."] },
    ];
    await withServer(framing, inTurn(framing, replies), async (llm) => {
      const named = await streamedChat(llm, "deepseek-r1:8b");
      assert.deepEqual([named.text, named.pieces], ["A long answer", ["A long answer"]]);
      for (let i = 0; i < REPLIES_TO_LEARN; i++) await streamedChat(llm);
      const apart = await streamedChat(llm);
      assert.equal(apart.text, "The answer");
      assert.deepEqual((await streamedChat(llm)).pieces, ["Plain", " answer."]);
    });
  });
}
