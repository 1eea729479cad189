/**
 * An Ollama-compatible HTTP server for tests: real HTTP on 127.0.0.1, Ollama's wire format
 * (`/api/chat` streaming NDJSON and non-streaming, `/api/tags`, `/api/embed`, `/api/version`),
 * driven through the real `npm:ollama` client. It can be told to be slow, to fail, to drop the
 * stream, to lack a model, or to be absent; it records what it received and which requests the
 * client abandoned.
 *
 * @module
 */
import {
  countTokens,
  type FakeBehavior,
  type FakeChatRequest,
  fakeEmbedding,
  tokenize,
} from "./fake_model_behavior.ts";
import { FakeModelServer } from "./fake_model_server.ts";

export {
  defaultReply,
  type FakeBehavior,
  type FakeChatMessage,
  type FakeChatRequest,
  fakeEmbedding,
  tokenize,
} from "./fake_model_behavior.ts";

/** The fake Ollama. */
export class FakeOllama extends FakeModelServer {
  protected override readonly chatPath = "/api/chat";

  /** Starts a fake on an ephemeral port (or `port`, to come back where it was). */
  static start(behavior: Partial<FakeBehavior> = {}, port = 0): FakeOllama {
    return new FakeOllama(behavior, port);
  }

  protected override failure(): Response {
    return Response.json({ error: "fake ollama: internal failure" }, { status: 500 });
  }

  protected override route(path: string, body: unknown, request: Request): Promise<Response> {
    switch (path) {
      case "/api/version":
        return Promise.resolve(Response.json({ version: "0.12.3" }));
      case "/api/tags":
        return Promise.resolve(Response.json({ models: this.behavior.models.map(describeModel) }));
      case "/api/embed":
        return Promise.resolve(this.#embed(body as { model: string; input: string | string[] }));
      case "/api/chat":
        return this.#chat(body as FakeChatRequest, request);
      default:
        return Promise.resolve(new Response("404 page not found", { status: 404 }));
    }
  }

  #modelMissing(model: string): Response | undefined {
    if (this.behavior.models.includes(model)) return undefined;
    return Response.json({ error: `model "${model}" not found, try pulling it first` }, {
      status: 404,
    });
  }

  #embed(body: { model: string; input: string | string[] }): Response {
    const missing = this.#modelMissing(body.model);
    if (missing) return missing;
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return Response.json({
      model: body.model,
      embeddings: inputs.map((text) => fakeEmbedding(text, this.behavior.embedDimensions)),
      total_duration: 1000,
      load_duration: 10,
      prompt_eval_count: inputs.reduce((sum, text) => sum + countTokens(text), 0),
    });
  }

  async #chat(body: FakeChatRequest, request: Request): Promise<Response> {
    const missing = this.#modelMissing(body.model);
    if (missing) return missing;
    const text = this.behavior.reply(body);
    const promptTokens = body.messages.reduce((sum, m) => sum + countTokens(m.content), 0);
    const final = {
      model: body.model,
      created_at: new Date().toISOString(),
      done: true,
      done_reason: this.behavior.finishReason ?? "stop",
      total_duration: 1_000_000,
      load_duration: 1000,
      prompt_eval_count: this.behavior.counts?.prompt ?? promptTokens,
      prompt_eval_duration: 1000,
      eval_count: this.behavior.counts?.completion ?? countTokens(text),
      eval_duration: 1000,
    };
    if (body.stream === false) {
      if (!await this.delayedAnswer(request, body)) return new Response(null, { status: 499 });
      return Response.json({ ...final, message: { role: "assistant", content: text } });
    }
    const line = (value: unknown) => JSON.stringify(value) + "\n";
    return this.stream(tokenize(text), {
      body,
      contentType: "application/x-ndjson",
      token: (token) =>
        line({
          model: body.model,
          created_at: new Date().toISOString(),
          message: { role: "assistant", content: token },
          done: false,
        }),
      final: () => line({ ...final, message: { role: "assistant", content: "" } }),
      error: () => line({ error: "fake ollama: the model runner stopped" }),
    });
  }
}

function describeModel(name: string) {
  return {
    name,
    model: name,
    modified_at: "2026-01-01T00:00:00Z",
    size: 4_920_753_328,
    digest: "fakefakefake",
    details: {
      format: "gguf",
      family: "llama",
      parameter_size: "8.0B",
      quantization_level: "Q4_K_M",
    },
  };
}
