/**
 * The LLM service against a hostile model server, through both providers' real clients: parts of
 * the wrong shape, a stream without content, token counts that are nonsense, a redirect, a 429.
 * Bounds on what such a server makes us read: `hostile_bounds_test.ts`.
 */
import assert from "node:assert/strict";
import {
  chunk,
  failure,
  hello,
  limitHit,
  ollama,
  openai,
  reason,
  streamed,
  withServer,
} from "./testing/hostile_server.ts";

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);

  test("content that is not a string is stream_broken, naming it", async () => {
    const parts = [framing.part("ok"), framing.part(42), framing.done()];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello }));
        assert.equal(reason(error), "stream_broken");
        assert.match(error.message, /content is not a string/);
      },
    );
  });

  test("a stream that ends with no content is stream_broken, never an empty reply", async () => {
    const parts = [framing.done()];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello }));
        assert.equal(reason(error), "stream_broken");
        assert.match(error.message, /empty/);
      },
    );
  });

  test("a reply that spends its whole limit without text is no_answer, not 'Retry'", async () => {
    const extra = limitHit(framing);
    // A thinking model: its thoughts are not text.
    const thought = framing.name === "ollama"
      ? framing.part("", { message: { role: "assistant", content: "", thinking: "hmm" } })
      : chunk({ reasoning_content: "hmm" });
    const parts = [thought, framing.done(extra)];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 77 }));
        assert.equal(reason(error), "no_answer");
        assert.match(error.message, /whole LLM_MAX_TOKENS \(77\) without answering/);
        assert.match(String((error.data as { hint: string }).hint), /Raise LLM_MAX_TOKENS/);
      },
    );
  });

  test("token counts that are not finite and ≥ 0 count as 0", async () => {
    const extra = framing.name === "ollama"
      ? { prompt_eval_count: -1e308, eval_count: "7" }
      : { usage: { prompt_tokens: -1e308, completion_tokens: "7", total_tokens: 0 } };
    const parts = [framing.part("hi"), framing.done(extra)];
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts.shift() ?? null),
      async (llm) => {
        const result = await llm.chat({ model: "m", messages: hello });
        assert.equal(result.text, "hi");
        assert.equal(result.promptTokens, 0);
        assert.equal(result.completionTokens, 0);
      },
    );
  });
  test("a redirect is refused with a clear error and never followed", async () => {
    await withServer(
      framing,
      (_sent, url) =>
        new Response(null, { status: 302, headers: { location: `${url}/elsewhere` } }),
      async (llm, sent) => {
        const error = await failure(llm.chat({ model: "m", messages: hello }));
        assert.equal(reason(error), "redirected");
        assert.match(
          error.message,
          /redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:\d+\/elsewhere/,
        );
        assert.deepEqual(sent.requests, [framing.chatPath]);
      },
    );
  });
}

for (const framing of [ollama, openai]) {
  Deno.test(`${framing.name}: a 429's Retry-After is passed on in seconds`, async () => {
    await withServer(framing, () =>
      new Response(JSON.stringify({ error: "slow down" }), {
        status: 429,
        headers: { "content-type": "application/json", "retry-after": "17" },
      }), async (llm) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal((error.data as { retry_after_s?: number }).retry_after_s, 17);
      assert.match(error.message, /slow down/);
    });
  });
}
