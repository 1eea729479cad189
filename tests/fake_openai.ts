/**
 * An OpenAI-compatible HTTP server for tests, as llama-server, LM Studio and vLLM speak it: real
 * HTTP on 127.0.0.1, `/v1/chat/completions` streaming real Server-Sent Events
 * (`data: {...}\n\n`, then `data: [DONE]\n\n`) and non-streaming, `/v1/embeddings` (float or
 * base64), `/v1/models`, bearer keys, OpenAI's error bodies. Driven through the real
 * `npm:openai` client. The failure modes are those of {@linkcode FakeOllama}, plus an error
 * event inside the stream, a refused `response_format`, a wrong key and a server that sends no
 * `usage`.
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

/** What only the OpenAI-compatible fake can be told. */
export interface FakeOpenAiBehavior extends FakeBehavior {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`; others get a 401. */
  apiKey?: string;
  /** Send the `usage` chunk when `stream_options.include_usage` asks for it (true by default). */
  sendUsage: boolean;
  /** `response_format` types answered with a 400, as servers that lack them do. */
  refuseFormats: Array<"json_schema" | "json_object">;
}

function encodeBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function openAiError(status: number, error: Record<string, unknown>): Response {
  return Response.json({ error }, { status });
}

/** The fake OpenAI-compatible server. */
export class FakeOpenAi extends FakeModelServer<FakeOpenAiBehavior> {
  protected override readonly chatPath = "/v1/chat/completions";
  #nextId = 1;

  private constructor(behavior: Partial<FakeOpenAiBehavior>, port: number) {
    super({ sendUsage: true, refuseFormats: [], ...behavior }, port);
  }

  /** Starts a fake on an ephemeral port (or `port`, to come back where it was). */
  static start(behavior: Partial<FakeOpenAiBehavior> = {}, port = 0): FakeOpenAi {
    return new FakeOpenAi(behavior, port);
  }

  /** What OPENAI_BASE_URL should be: the URL with `/v1`. */
  get baseUrl(): string {
    return `${this.url}/v1`;
  }

  protected override failure(): Response {
    return openAiError(500, {
      message: "fake openai: internal failure",
      type: "server_error",
      code: null,
    });
  }

  protected override route(path: string, body: unknown, request: Request): Promise<Response> {
    const key = this.behavior.apiKey;
    if (key !== undefined && request.headers.get("authorization") !== `Bearer ${key}`) {
      return Promise.resolve(openAiError(401, {
        message: "Incorrect API key provided",
        type: "invalid_request_error",
        code: "invalid_api_key",
      }));
    }
    switch (path) {
      case "/v1/models":
        return Promise.resolve(Response.json({
          object: "list",
          data: this.behavior.models.map((id) => ({
            id,
            object: "model",
            created: 1_767_225_600,
            owned_by: "fake",
          })),
        }));
      case "/v1/embeddings":
        return Promise.resolve(this.#embed(body as EmbeddingRequest));
      case "/v1/chat/completions":
        return this.#chat(body as FakeChatRequest, request);
      default:
        return Promise.resolve(openAiError(404, {
          message: `Unknown request URL: POST ${path}`,
          type: "invalid_request_error",
          code: "unknown_url",
        }));
    }
  }

  #modelMissing(model: string): Response | undefined {
    if (this.behavior.models.includes(model)) return undefined;
    return openAiError(404, {
      message: `The model \`${model}\` does not exist or you do not have access to it.`,
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
    });
  }

  #embed(body: EmbeddingRequest): Response {
    const missing = this.#modelMissing(body.model);
    if (missing) return missing;
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const vector = (text: string) => {
      const values = fakeEmbedding(text, this.behavior.embedDimensions);
      if (body.encoding_format !== "base64") return values;
      return encodeBase64(new Uint8Array(Float32Array.from(values).buffer));
    };
    const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
    return Response.json({
      object: "list",
      // Listed last to first: clients must order by `index`, as the API allows.
      data: inputs.map((text, index) => ({ object: "embedding", index, embedding: vector(text) }))
        .reverse(),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  async #chat(body: FakeChatRequest, request: Request): Promise<Response> {
    const missing = this.#modelMissing(body.model);
    if (missing) return missing;
    const format = (body.response_format as { type?: string } | undefined)?.type;
    if (format && (this.behavior.refuseFormats as string[]).includes(format)) {
      return openAiError(400, {
        message: `Unsupported response_format type: ${format}`,
        type: "invalid_request_error",
        param: "response_format",
        code: null,
      });
    }
    const text = this.behavior.reply(body);
    const promptTokens = body.messages.reduce((sum, m) => sum + countTokens(m.content), 0);
    const prompt = this.behavior.counts?.prompt ?? promptTokens;
    const completion = this.behavior.counts?.completion ?? countTokens(text);
    const usage = {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
    };
    const head = {
      id: `chatcmpl-${this.#nextId++}`,
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: "fake",
    };
    if (body.stream !== true) {
      if (!await this.delayedAnswer(request, body)) return new Response(null, { status: 499 });
      return Response.json({
        ...head,
        object: "chat.completion",
        choices: [{
          index: 0,
          message: { role: "assistant", content: text },
          finish_reason: this.behavior.finishReason ?? "stop",
        }],
        usage,
      });
    }
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)
      ?.include_usage === true;
    const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      event({
        ...head,
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      });
    let first = true;
    return this.stream(tokenize(text), {
      body,
      contentType: "text/event-stream",
      token: (token) => {
        const delta = first ? { role: "assistant", content: token } : { content: token };
        first = false;
        return chunk(delta, null);
      },
      final: () =>
        chunk({}, this.behavior.finishReason ?? "stop") +
        (wantsUsage && this.behavior.sendUsage
          ? event({ ...head, object: "chat.completion.chunk", choices: [], usage })
          : "") +
        "data: [DONE]\n\n",
      error: () =>
        event({
          error: {
            message: "fake openai: the context window is full",
            type: "server_error",
            code: 500,
          },
        }),
    });
  }
}

interface EmbeddingRequest {
  model: string;
  input: string | string[];
  encoding_format?: "float" | "base64";
}
