/**
 * A reply of a model learned to open its thoughts in the chat template (`service.ts`): its time
 * to the first token is that of the answer after the closing tag, not of the thought held back.
 * The clock is a fake `performance.now` the fake server moves as the reply goes out.
 *
 * @module
 */
import assert from "node:assert/strict";
import { hello, ollama, openai, withServer } from "./testing/hostile_server.ts";
import { REPLIES_TO_LEARN } from "./template_thought.ts";

for (const framing of [ollama, openai]) {
  Deno.test(`${framing.name}: the first token of a reply is its answer's, not a thought's held back`, async () => {
    const realNow = performance.now;
    let clock = 0;
    performance.now = () => clock;
    const encoder = new TextEncoder();
    let replies = 0;
    try {
      await withServer(framing, () => {
        const last = ++replies > REPLIES_TO_LEARN;
        const stream = new ReadableStream<Uint8Array>({
          async start(controller) {
            clock = 10;
            controller.enqueue(encoder.encode(framing.part("The user greets me.\n")));
            // Time for the client to read the thought before the answer comes, later by the clock.
            if (last) await new Promise((resolve) => setTimeout(resolve, 50));
            clock = 30;
            controller.enqueue(encoder.encode(framing.part("</think>\n\nHello there.")));
            controller.enqueue(encoder.encode(framing.done()));
            controller.close();
          },
        });
        const type = framing.name === "ollama" ? "application/x-ndjson" : "text/event-stream";
        return new Response(stream, { headers: { "content-type": type } });
      }, async (llm) => {
        for (let i = 0; i < REPLIES_TO_LEARN; i++) await llm.chat({ model: "m", messages: hello });
        clock = 0;
        const reply = await llm.chat({ model: "m", messages: hello, onToken: () => {} });
        assert.equal(reply.text, "Hello there.");
        assert.equal(reply.firstTokenMs, 30, "the answer's time, from the start at 0");
      });
    } finally {
      performance.now = realNow;
    }
  });
}
