/**
 * Ollama's full queue (a 503 saying "server busy", as Ollama words it alone, or in an
 * OpenAI-style `{error: {message}}` body a proxy sends) reads as busy: `server_busy`, which
 * memory clients get as Busy (-32003), not as an Ollama error.
 */
import assert from "node:assert/strict";
import { Busy, LlmUnavailable } from "../errors.ts";
import type { CallIo } from "./backend.ts";
import { busyWhenUpstreamIs, classifyLlmFailure } from "./errors.ts";
import { OllamaBackend } from "./ollama.ts";

/** The failure `backend.embed` gives when Ollama answers `response`, as its callers see it. */
async function embedFailure(response: Response): Promise<unknown> {
  const backend = new OllamaBackend("http://127.0.0.1:1");
  const io = {
    fetch: () => Promise.resolve(response),
    signal: new AbortController().signal,
    answered() {},
    touch() {},
    onText() {},
  } as unknown as CallIo;
  const thrown = await backend.embed({ model: "e", inputs: ["x"] }, io).then(
    () => assert.fail("the embed call should fail"),
    (error: unknown) => error,
  );
  return busyWhenUpstreamIs(
    classifyLlmFailure(thrown, { server: backend.server, model: "e", mapHttp: backend.mapHttp }),
  );
}

const JSON_TYPE = { "content-type": "application/json" };

Deno.test("Ollama: a 503 saying only 'server busy' is busy (-32003)", async () => {
  const error = await embedFailure(
    new Response(JSON.stringify({ error: "server busy, please try again" }), {
      status: 503,
      headers: JSON_TYPE,
    }),
  );
  assert.ok(error instanceof Busy, String(error));
  assert.equal((error.data as { reason: string }).reason, "server_busy");
});

Deno.test("Ollama: a 503 with an OpenAI-style {error:{message}} saying 'server busy' is busy", async () => {
  const error = await embedFailure(
    new Response(JSON.stringify({ error: { message: "server busy, please try again" } }), {
      status: 503,
      headers: JSON_TYPE,
    }),
  );
  assert.ok(error instanceof Busy, String(error));
  assert.match(error.message, /server busy/);
});

Deno.test("Ollama: another 503 stays an Ollama error", async () => {
  const error = await embedFailure(
    new Response(JSON.stringify({ error: { message: "model loading" } }), {
      status: 503,
      headers: JSON_TYPE,
    }),
  );
  assert.ok(error instanceof LlmUnavailable, String(error));
  assert.equal((error.data as { reason: string }).reason, "ollama_error");
});
