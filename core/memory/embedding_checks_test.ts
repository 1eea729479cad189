import assert from "node:assert/strict";
import { EmbedderInvalid } from "../errors.ts";
import { OllamaBackend } from "../llm/ollama.ts";
import { OpenAiBackend } from "../llm/openai.ts";
import { LlmService } from "../llm/service.ts";
import { RpcCode, toWireError } from "../server/rpc/wire_errors.ts";
import { ModelEmbedder } from "./embedder.ts";
import { DIMENSION_CHANGED_HINT, MAX_EMBEDDING_DIMENSIONS } from "./embedding_checks.ts";

/**
 * A model server on 127.0.0.1 speaking Ollama's `/api/embed` and OpenAI's `/v1/embeddings`,
 * whose vectors are whatever JSON text `vectors` gives for the inputs (raw text, so that
 * `1e999` reaches the client as a JSON parser reads it).
 */
function hostileServer(vectors: (inputs: number) => string | { body: BodyInit }) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const body = await request.json() as { input: string[] };
    const list = vectors(body.input.length);
    if (typeof list !== "string") {
      return new Response(list.body, { headers: { "content-type": "application/json" } });
    }
    const path = new URL(request.url).pathname;
    const text = path === "/api/embed"
      ? `{"model":"emb","embeddings":${list}}`
      : `{"object":"list",` +
        `"data":${openAiData(list)},"model":"emb","usage":{"prompt_tokens":1,"total_tokens":1}}`;
    return new Response(text, { headers: { "content-type": "application/json" } });
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  const llms = {
    ollama: new LlmService({
      defaultProvider: "ollama",
      backends: { ollama: new OllamaBackend(url) },
      settings: { timeoutMs: 5000, streamIdleMs: 5000, concurrency: 1, queueLimit: 8 },
    }),
    openai: new LlmService({
      defaultProvider: "openai",
      backends: { openai: new OpenAiBackend({ baseUrl: `${url}/v1`, apiKey: "" }) },
      settings: { timeoutMs: 5000, streamIdleMs: 5000, concurrency: 1, queueLimit: 8 },
    }),
  };
  return { llms, stop: () => server.shutdown() };
}

/** OpenAI's `data` for a list of vectors given as JSON text (anything else stays as it is). */
function openAiData(list: string): string {
  if (!list.startsWith("[[") && list !== "[]") return list;
  const inner = list === "[]" ? [] : list.slice(2, -2).split("],[");
  return `[${inner.map((v, i) => `{"object":"embedding","index":${i},"embedding":[${v}]}`)}]`;
}

const vector = (values: string) => (inputs: number) =>
  `[${Array.from({ length: inputs }, () => `[${values}]`).join(",")}]`;

/**
 * Asserts `embed(texts)` is refused as embedder_invalid with `message` (a bad upstream: -32003,
 * REST 502, not the memory store's -32002/503); returns its data.
 */
async function refused(embedder: ModelEmbedder, texts: string[], message: RegExp) {
  let data: { reason: string; hint: string } | undefined;
  await assert.rejects(embedder.embed(texts), (error: unknown) => {
    assert.ok(error instanceof EmbedderInvalid, String(error));
    const wire = toWireError(error);
    assert.deepEqual([wire.error.code, wire.status], [RpcCode.LlmError, 502]);
    data = error.data as { reason: string; hint: string };
    assert.equal(data.reason, "embedder_invalid");
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /TypeError|Error:|undefined|is not (a function|iterable)/);
    return true;
  });
  return data!;
}

for (const provider of ["ollama", "openai"] as const) {
  Deno.test(`a model's embeddings are refused unless one finite, non-zero vector per input [${provider}]`, async () => {
    let reply: (inputs: number) => string | { body: BodyInit } = vector("3,4");
    const server = hostileServer((inputs) => reply(inputs));
    try {
      const embedder = new ModelEmbedder(server.llms[provider], "emb");
      reply = () => "[]";
      await refused(embedder, ["a"], /returned 0 vectors for 1 inputs/);
      reply = () => '{"a":1}';
      await refused(embedder, ["a"], /no list of vectors|could not be read/);
      let sent = 0;
      let cancelled = false;
      const numbers = new TextEncoder().encode("1,".repeat(32 * 1024));
      reply = () => ({
        body: new ReadableStream({
          start: (controller) => controller.enqueue(new TextEncoder().encode('{"embeddings":[[')),
          pull(controller) {
            if (sent > 256 * 1024 * 1024) return controller.close();
            sent += numbers.length;
            controller.enqueue(numbers);
          },
          cancel: () => void (cancelled = true),
        }),
      });
      await refused(embedder, ["a"], /its reply was too large/);
      // One input may have 8,192 × 24 bytes + 64 KiB; past that, only what sockets buffered.
      for (let i = 0; i < 100 && !cancelled; i++) await new Promise((ok) => setTimeout(ok, 20));
      assert.ok(cancelled, "the reply was cut");
      assert.ok(sent < 16 * 1024 * 1024, `${sent} bytes sent for one input`);
      reply = () => ({ body: "not json" });
      await refused(embedder, ["a"], /its reply could not be read/);
      await assert.rejects(embedder.embed(["a"]), (error: EmbedderInvalid) => {
        assert.doesNotMatch(JSON.stringify(error.data), /Unexpected|token|SyntaxError|broke off/);
        return true;
      });
      reply = vector("1e999,1");
      await refused(embedder, ["a"], /not a finite number/);
      reply = vector("1e300,1"); // finite as a double, infinite as a float32
      await refused(embedder, ["a"], /not a finite number/);
      reply = vector('"1",2');
      await refused(embedder, ["a"], /not a finite number/);
      reply = vector("0,0");
      await refused(embedder, ["a"], /vector of zeros/);
      reply = vector(Array(MAX_EMBEDDING_DIMENSIONS + 1).fill(1).join(","));
      await refused(embedder, ["a"], /returned 8193 numbers, expected 1 to 8192/);
      reply = vector("");
      await refused(embedder, ["a"], /returned 0 numbers/);

      // Nothing refused pinned a dimension: the first valid reply does.
      reply = vector("3,4");
      assert.deepEqual(await embedder.embed(["a", "b"]), [
        Float32Array.of(0.6, 0.8),
        Float32Array.of(0.6, 0.8),
      ]);
      reply = vector(Array(17).fill(1).join(","));
      const changed = await refused(
        embedder,
        ["a"],
        /the embedder returned 17 numbers, expected 2$/,
      );
      // The size pinned since the server started changed: the hint says so, restart and reindex.
      assert.equal(changed.hint, DIMENSION_CHANGED_HINT);
      assert.match(changed.hint, /changed its vector size.*restart.*memory\.reindex/);
      reply = (inputs) => `[[3,4]${",[1,2,3]".repeat(inputs - 1)}]`;
      await refused(embedder, ["a", "b"], /returned 3 numbers, expected 2$/);
      // The largest allowed is accepted by an embedder that has no dimension yet.
      const fresh = new ModelEmbedder(server.llms[provider], "emb");
      // Two sizes in the first reply: no size was pinned, so no model changed; the usual hint.
      const mixed = await refused(fresh, ["a", "b"], /returned 3 numbers, expected 2$/);
      assert.match(mixed.hint, /^Check that EMBED_MODEL is an embedding model/);
      reply = vector(Array(MAX_EMBEDDING_DIMENSIONS).fill(1).join(","));
      assert.equal((await fresh.embed(["a"]))[0]!.length, MAX_EMBEDDING_DIMENSIONS);
    } finally {
      await server.stop();
    }
  });
}
