/**
 * A reply whose first words turn out to be a thought the chat template opened (`service.ts`):
 * its time to the first token is that of the answer after the closing tag, not of the thought
 * taken back. The clock is a fake `performance.now` the test moves as the reply arrives.
 *
 * @module
 */
import assert from "node:assert/strict";
import { hello, ollama, openai, withServer } from "./testing/hostile_server.ts";

for (const framing of [ollama, openai]) {
  Deno.test(`${framing.name}: the first token of a reply is its answer's, not a thought's taken back`, async () => {
    const realNow = performance.now;
    let clock = 0;
    performance.now = () => clock;
    let thoughtSeen!: () => void;
    const seen = new Promise<void>((resolve) => thoughtSeen = resolve);
    const encoder = new TextEncoder();
    try {
      await withServer(framing, () => {
        const stream = new ReadableStream<Uint8Array>({
          async start(controller) {
            clock = 10;
            controller.enqueue(encoder.encode(framing.part("The user greets me.")));
            // The answer comes once the client has passed the thought on, later by the clock.
            await seen;
            clock = 30;
            controller.enqueue(encoder.encode(framing.part("</think>Hello there.")));
            controller.enqueue(encoder.encode(framing.done()));
            controller.close();
          },
        });
        const type = framing.name === "ollama" ? "application/x-ndjson" : "text/event-stream";
        return new Response(stream, { headers: { "content-type": type } });
      }, async (llm) => {
        const reply = await llm.chat({
          model: "m",
          messages: hello,
          onToken: () => thoughtSeen(),
        });
        assert.equal(reply.text, "Hello there.");
        assert.equal(reply.firstTokenMs, 30, "the answer's time, from the start at 0");
      });
    } finally {
      performance.now = realNow;
    }
  });
}
