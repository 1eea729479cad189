/**
 * Reasoning never passes for the answer, through both providers' real clients over HTTP:
 * `<think>…</think>` in the text (split anywhere across the stream's parts), reasoning fields
 * (`reasoning_content`, `reasoning`, Ollama's `thinking`), a reply that is all thoughts, and JSON
 * answers that start with thoughts.
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

/** A response streaming `parts`, then the final part (`extra` on it). */
function replying(framing: Framing, parts: string[], extra?: Record<string, unknown>) {
  return (sent: Parameters<typeof streamed>[1]) => {
    const queue = [...parts.map((text) => framing.part(text)), framing.done(extra)];
    return streamed(framing, sent, () => queue.shift() ?? null);
  };
}

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);

  test("a <think> block split across parts is neither answer nor streamed piece", async () => {
    const parts = [
      "\n<Thi",
      "nk>\nI should",
      " greet.\n</th",
      "ink>\n",
      "\nGreetings, ",
      "traveller.",
    ];
    await withServer(framing, replying(framing, parts), async (llm) => {
      const pieces: string[] = [];
      const result = await llm.chat({
        model: "m",
        messages: hello,
        onToken: (piece) => pieces.push(piece),
      });
      assert.equal(result.text, "Greetings, traveller.");
      assert.equal(pieces.join(""), result.text);
      assert.ok(pieces.every((piece) => piece !== ""), "no empty piece goes out");
    });
  });

  test("every split of a reply with <think> and <thinking> blocks gives the same answer", async () => {
    const whole = "  <thinking>plan</thinking> <think>more</think>\n\nHi <think>there</think>.";
    for (let at = 1; at < whole.length; at++) {
      const parts = [whole.slice(0, at), whole.slice(at)];
      await withServer(framing, replying(framing, parts), async (llm) => {
        const result = await llm.chat({ model: "m", messages: hello });
        // A tag after the answer has begun is the persona's own text.
        assert.equal(result.text, "Hi <think>there</think>.", `split at ${at}`);
      });
    }
  });

  test("reasoning fields are not part of the answer", async () => {
    const thoughts = framing.name === "ollama"
      ? [
        framing.part("", { message: { role: "assistant", content: "", thinking: "hmm" } }),
        framing.part("", { message: { role: "assistant", content: "Hello", thinking: "ok" } }),
      ]
      : [chunk({ reasoning_content: "hmm" }), chunk({ reasoning: "hmm", content: "Hello" })];
    const queue = [...thoughts, framing.part(" there."), framing.done()];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => queue.shift() ?? null),
      async (llm) => {
        const result = await llm.chat({ model: "m", messages: hello });
        assert.equal(result.text, "Hello there.");
      },
    );
  });

  test("a reply that is all thoughts is no_answer, never the thoughts", async () => {
    // Still inside the block at the token limit: the limit was spent thinking.
    await withServer(
      framing,
      replying(framing, ["<think>", "I wonder"], limitHit(framing)),
      async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 40 }));
        assert.equal(reason(error), "no_answer");
        assert.match(error.message, /whole LLM_MAX_TOKENS \(40\)/);
      },
    );
    // Finished inside the block, or with nothing after it, or thoughts in a field of their own.
    const fields = framing.name === "ollama"
      ? [framing.part("", { message: { role: "assistant", content: "", thinking: "I wonder" } })]
      : [chunk({ reasoning_content: "I wonder" }), chunk({ reasoning: "I wonder" })];
    const replies = [
      replying(framing, ["<think>I wonder"]),
      replying(framing, ["<think>I wonder</think>\n\n"]),
      ...fields.map((field) => (sent: Parameters<typeof streamed>[1]) => {
        const queue = [field, framing.done()];
        return streamed(framing, sent, () => queue.shift() ?? null);
      }),
    ];
    for (const reply of replies) {
      await withServer(framing, reply, async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello }));
        assert.equal(reason(error), "no_answer");
        assert.match(error.message, /held only its reasoning and no answer/);
        assert.doesNotMatch(JSON.stringify(error.data), /wonder/);
      });
    }
  });

  test("a reply that only looked like a tag is kept whole", async () => {
    await withServer(framing, replying(framing, ["<thi"]), async (llm) => {
      assert.equal((await llm.chat({ model: "m", messages: hello })).text, "<thi");
    });
    await withServer(framing, replying(framing, ["<b>", "Bold</b>"]), async (llm) => {
      assert.equal((await llm.chat({ model: "m", messages: hello })).text, "<b>Bold</b>");
    });
  });

  test("a JSON answer after a <think> block is parsed", async () => {
    const parts = ["<think>", "The user wants facts.", "</think>\n", '{"facts":["sea"]}'];
    await withServer(framing, replying(framing, parts), async (llm) => {
      const { value } = await llm.chatJson({
        model: "m",
        messages: hello,
        schema: z.strictObject({ facts: z.array(z.string()) }),
      });
      assert.deepEqual(value, { facts: ["sea"] });
    });
  });
}
