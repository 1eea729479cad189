import assert from "node:assert/strict";
import { lineLimitedFetch } from "./line_limit.ts";
import { LineTooLong } from "./ndjson.ts";

const MAX = 16;

/** The body of a reply arriving in `chunks`, read through the line bound of {@linkcode MAX}. */
async function read(chunks: string[]): Promise<string> {
  const encoder = new TextEncoder();
  const base: typeof fetch = () =>
    Promise.resolve(
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
            controller.close();
          },
        }),
      ),
    );
  const response = await lineLimitedFetch(base, { maxLineBytes: MAX })("http://127.0.0.1/");
  return await response.text();
}

const a = (n: number) => "a".repeat(n);

Deno.test("lines of the bound pass, in one chunk or across chunks, with \\n or \\r\\n", async () => {
  const whole = `${a(MAX)}\n${a(MAX)}\r\n${a(3)}\n${a(MAX)}`;
  assert.equal(await read([whole]), whole);
  assert.equal(await read([a(8), `${a(8)}\n${a(2)}`, `${a(14)}\n`]), `${a(16)}\n${a(16)}\n`);
});

Deno.test("a line past the bound fails wherever its end falls", async () => {
  const cases: Record<string, string[]> = {
    "whole in one chunk, then its newline": [`${a(MAX + 1)}\n`],
    "inside a chunk between short lines": [`ok\n${a(MAX + 1)}\nok\n`],
    "begun in one chunk, ended in the next": [a(10), `${a(MAX - 9)}\nok\n`],
    "without a newline (as before)": [a(10), a(10)],
  };
  for (const [name, chunks] of Object.entries(cases)) {
    await assert.rejects(read(chunks), LineTooLong, name);
  }
});
