/**
 * Bounds on what a hostile model server makes the LLM service read, through both providers' real
 * clients: an error body without end, a line without end, a reply without end, lines that are not
 * JSON without end, a model list without end. Every bound is checked by counting what was read or
 * kept, never by timing.
 */
import assert from "node:assert/strict";
import { EXCERPT_CHARS, MAX_GAP_BYTES } from "./limits.ts";
import {
  body,
  CHUNK,
  failure,
  hello,
  llmAt,
  ollama,
  openai,
  reason,
  type Sent,
  streamed,
  withServer,
} from "./testing/hostile_server.ts";

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);

  test("an error body is read only in its first bytes, and repeated as a one-line excerpt", async () => {
    const total = 32 * 1024 * 1024;
    const trace = "Error: boom\n    at internal (/srv/secret/runner.go:42)\n".repeat(1200);
    await withServer(framing, (sent) => {
      const stream = body(sent, () => sent.bytes < total ? trace.slice(0, CHUNK) : null);
      return new Response(stream, { status: 500, headers: { "content-type": "text/plain" } });
    }, async (llm, sent) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal((error.data as { status: number }).status, 500);
      assert.ok(!error.message.includes("\n"), "one line");
      assert.ok(error.message.length < EXCERPT_CHARS + 100, `message of ${error.message.length}`);
      assert.ok(JSON.stringify(error.data).length < 4 * EXCERPT_CHARS);
      assert.ok(sent.bytes < total, `the whole body was read (${sent.bytes} bytes)`);
    });
  });
  test("a line without end is stream_broken 'line too long', not read to its end", async () => {
    const total = 16 * 1024 * 1024;
    const piece = framing.name === "ollama" ? '{"message":{"content":"' : 'data: {"x":"';
    let first = true;
    await withServer(framing, (sent) =>
      streamed(framing, sent, () => {
        if (sent.bytes >= total) return null;
        const head = first ? piece : "";
        first = false;
        return head + "a".repeat(CHUNK);
      }), async (llm, sent) => {
      const error = await failure(llm.chat({ model: "m", messages: hello }));
      assert.equal(reason(error), "stream_broken");
      assert.match(error.message, /line too long/);
      assert.ok(sent.bytes < total, `the whole line was read (${sent.bytes} bytes)`);
    });
  });
  test("a reply without end is cut at its bound and the request is aborted", async () => {
    const maxParts = 100_000;
    let parts = 0;
    await withServer(
      framing,
      (sent) => streamed(framing, sent, () => parts++ < maxParts ? framing.part("tok ") : null),
      async (llm, sent) => {
        const result = await llm.chat({ model: "m", messages: hello, maxTokens: 10 });
        // 10 tokens: at most 2 parts per token and 16 more (the last one kept), 32 characters each.
        const bound = Math.min((2 * 10 + 16 + 1) * "tok ".length, 10 * 32);
        assert.ok(result.text.length <= bound, `${result.text.length} characters kept`);
        assert.ok(result.text.startsWith("tok tok"));
        assert.equal(result.truncated, true, "cut at our bound: the reply says so");
        for (let i = 0; i < 100 && !sent.cancelled; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.ok(sent.cancelled, "the request was aborted");
        assert.ok(parts < maxParts);
      },
    );
  });
}

/** Bytes that are no part: SSE comments (openai), blank lines (ollama). */
const filler = (framing: typeof ollama) => framing.name === "ollama" ? "\n" : ": c\n\n";

for (const framing of [ollama, openai]) {
  const test = (name: string, fn: () => Promise<void>) => Deno.test(`${framing.name}: ${name}`, fn);

  // attack9 F3: a flood of comments held a chat for the whole timeout (+576 MB of RSS).
  for (const [size, bound] of [["short", "4096 line breaks"], ["long", `${MAX_GAP_BYTES} bytes`]]) {
    test(`${size} lines that are no part (comments, blank lines) are stream_broken past ${bound}`, async () => {
      const total = 24 * 1024 * 1024;
      const line = size === "short"
        ? filler(framing)
        : framing.name === "ollama"
        ? `${" ".repeat(256 * 1024)}\n`
        : `: ${"c".repeat(256 * 1024)}\n\n`;
      const blob = line.repeat(Math.max(1, CHUNK / line.length));
      let first = true;
      await withServer(framing, (sent) =>
        streamed(framing, sent, () => {
          if (sent.bytes >= total) return null;
          if (!first) return blob;
          first = false;
          return framing.part("tok ");
        }), async (llm, sent) => {
        const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 512 }));
        assert.equal(reason(error), "stream_broken");
        assert.match(error.message, new RegExp(`over ${bound} without a part`));
        // Past the bound, only what sockets buffered.
        assert.ok(sent.bytes < 12 * 1024 * 1024, `${sent.bytes} bytes sent`);
      });
    });
  }
  test("parts padded with bytes are stream_broken past the stream's byte bound", async () => {
    const pad = "x".repeat(256 * 1024);
    const fat = framing.name === "ollama"
      ? `{"message":{"role":"assistant","content":""},"done":false,"pad":"${pad}"}\n`
      : `data: {"choices":[{"index":0,"delta":{"content":""},"finish_reason":null}],` +
        `"pad":"${pad}"}\n\n`;
    let parts = 0;
    await withServer(framing, (sent) =>
      streamed(framing, sent, () => {
        parts++;
        if (parts === 1) return framing.part("tok ");
        return parts < 400 ? fat : null;
      }), async (llm, sent) => {
      // 50 tokens: 116 parts allowed; 116 KiB + 1,600 characters × 8 + 64 KiB of bytes.
      const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 50 }));
      assert.equal(reason(error), "stream_broken");
      assert.match(error.message, /over 197120 bytes in all \(the bound for 50 tokens\)/);
      assert.ok(sent.bytes < 8 * 1024 * 1024, `${sent.bytes} bytes sent`);
    });
  });
}

Deno.test("openai: data lines that never end their event are stream_broken past the gap bound", async () => {
  const total = 24 * 1024 * 1024;
  const blob = "data: {}\n".repeat(CHUNK / 9);
  await withServer(
    openai,
    (sent) => streamed(openai, sent, () => sent.bytes < total ? blob : null),
    async (llm, sent) => {
      const error = await failure(llm.chat({ model: "m", messages: hello, maxTokens: 512 }));
      assert.equal(reason(error), "stream_broken");
      assert.match(error.message, /line breaks without a part/);
      assert.ok(sent.bytes < 12 * 1024 * 1024, `${sent.bytes} bytes sent`);
    },
  );
});

Deno.test("ollama: lines that are not JSON count against the reply's bound", async () => {
  const maxLines = 100_000;
  let lines = 0;
  await withServer(
    ollama,
    (sent) =>
      streamed(ollama, sent, () => {
        lines++;
        if (lines === 1) return ollama.part("tok ");
        return lines < maxLines ? "not json\n" : null;
      }),
    async (llm, sent) => {
      const result = await llm.chat({ model: "m", messages: hello, maxTokens: 10 });
      assert.equal(result.text, "tok ");
      assert.equal(result.truncated, true, "cut at our bound: the reply says so");
      for (let i = 0; i < 100 && !sent.cancelled; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(sent.cancelled, "the request was aborted");
      // 10 tokens: 2 parts per token and 16 more; the rest only what sockets buffered.
      assert.ok(lines < maxLines, `${lines} lines sent`);
    },
  );
});

for (const framing of [ollama, openai]) {
  Deno.test(`${framing.name}: a model list without end is cut at 4 MiB, a clear error`, async () => {
    const sent: Sent = { bytes: 0, cancelled: false, requests: [] };
    const piece = '{"name":"m","model":"m","size":1},'.repeat(2000);
    let first = true;
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
      const stream = body(sent, () => {
        if (sent.bytes > 256 * 1024 * 1024) return null;
        const head = first ? '{"object":"list","models":[' : "";
        first = false;
        return head + piece;
      });
      return new Response(stream, { headers: { "content-type": "application/json" } });
    });
    const llm = llmAt(framing, `http://127.0.0.1:${server.addr.port}`);
    try {
      const list = await llm.listModels();
      assert.equal(list.reachable, false);
      assert.equal((list.error?.data as { reason: string }).reason, "reply_too_large");
      assert.match(list.error!.message, /over 4194304 bytes/);
      // 4 MiB read; past that, only what sockets buffered (the body has 256 MiB).
      assert.ok(sent.bytes < 32 * 1024 * 1024, `${sent.bytes} bytes sent`);
    } finally {
      await server.shutdown();
    }
  });
}
