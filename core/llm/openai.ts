/**
 * The OpenAI-compatible API (`/v1/chat/completions` streaming SSE, `/v1/embeddings`,
 * `/v1/models`) through the official `npm:openai` client: llama.cpp's `llama-server`, LM Studio,
 * vLLM, KoboldCpp, LocalAI, Ollama's `/v1` and hosted services.
 *
 * Compatibility choices: `max_tokens` (what local servers know; `max_completion_tokens` is newer);
 * `stream_options.include_usage` for the server's own token counts, counting streamed pieces when
 * a server sends no usage; `encoding_format: "float"` for embeddings (the client would otherwise
 * ask for base64, which not every server speaks); no retries (the queue and honest errors
 * decide). Structured output asks for `json_schema`; a server that refuses it (older llama.cpp,
 * some proxies) is asked once more for `json_object` with the schema in the prompt, and is
 * remembered per model so later calls go straight there.
 *
 * @module
 */
import type OpenAI from "openai";
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import type { LlmUnavailable } from "../errors.ts";
import type { BackendChat, BackendChatDone, CallIo, ModelBackend } from "./backend.ts";
import type { ChatMessage, ModelList } from "./client.ts";
import { type FailureContext, type ServerInfo, streamBroken } from "./errors.ts";
import { count, MAX_LINE_BYTES, type ReplyBudget, replyBudget } from "./limits.ts";
import { lineLimitedFetch } from "./line_limit.ts";
import { errorDetail, mapOpenAiHttp } from "./openai_errors.ts";
import { isWholeJson, mainChoice, readWholeReply } from "./openai_reply.ts";

/** The client library, loaded only when an OpenAI-compatible server is configured: the default
 * provider (Ollama) never pays its module loading at start (455 modules, about 0.2-0.4 s). A
 * literal specifier keeps it in the static module graph, so `deno compile` and `deno bundle`
 * carry it. */
let sdk: typeof import("openai") | undefined;

/** Loads the client library once; the server awaits it before READY when the provider is set, so
 * no call's deadline pays for it. */
export async function loadOpenAiSdk(): Promise<typeof import("openai")> {
  sdk ??= await import("openai");
  return sdk;
}

/**
 * How long a stream may stay open after its answer said it finished (`finish_reason`): usage and
 * `[DONE]` come right after it; a server that then only sends keep-alives is not waited for.
 */
export const FINISH_GRACE_MS = 2000;

/** Longest timer a runtime accepts; the service's own deadline always comes first. */
const NO_CLIENT_TIMEOUT_MS = 2_147_483_647;

/** Settings of the OpenAI-compatible backend. */
export interface OpenAiSettings {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:8080/v1`. */
  baseUrl: string;
  /** Bearer key; empty sends no Authorization header (local servers need none). */
  apiKey: string;
}

/** True when the server rejected the request because of `response_format` itself. */
function refusesSchema(error: unknown): boolean {
  return sdk !== undefined && error instanceof sdk.APIError &&
    (error.status === 400 || error.status === 422) &&
    /response_format|json_schema|schema|grammar|structured/i.test(errorDetail(error));
}

/** Puts the schema into the system prompt, for servers that only know `json_object`. */
function withSchemaInstruction(
  messages: ChatMessage[],
  schema: Record<string, unknown>,
): ChatMessage[] {
  const instruction = "Answer with one JSON object that matches this JSON Schema, and nothing " +
    `else:\n${JSON.stringify(schema)}`;
  // Some chat templates accept only one system message, and only first.
  const [first, ...rest] = messages;
  if (first?.role === "system") {
    return [{ role: "system", content: `${first.content}\n\n${instruction}` }, ...rest];
  }
  return [{ role: "system", content: instruction }, ...messages];
}

/** The streaming request for `request`, with `response_format` when JSON is asked for. */
function completionBody(
  request: BackendChat,
  format?: ChatCompletionCreateParamsStreaming["response_format"],
): ChatCompletionCreateParamsStreaming {
  return {
    model: request.model,
    messages: request.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(format ? { response_format: format } : {}),
  };
}

/** The OpenAI-compatible backend. */
export class OpenAiBackend implements ModelBackend {
  readonly server: ServerInfo;
  readonly mapHttp = (error: unknown, context: FailureContext): LlmUnavailable | undefined =>
    mapOpenAiHttp(sdk, error, context);
  readonly #apiKey: string;
  /** Models whose server refused `json_schema`: asked for `json_object` straight away. */
  readonly #schemaRefused = new Set<string>();

  /** Nothing is contacted until the first call. */
  constructor(settings: OpenAiSettings) {
    this.server = {
      provider: "openai",
      label: "the OpenAI-compatible server",
      host: settings.baseUrl,
      startHint: "Start the server (llama-server, LM Studio, vLLM, ...), or set OPENAI_BASE_URL " +
        "to where it runs, /v1 included",
    };
    this.#apiKey = settings.apiKey;
    // Loading starts now (the server also awaits it before READY); a failure shows on the call.
    loadOpenAiSdk().catch(() => {});
  }

  /** A fresh client per call, whose fetch aborts for real (`fetch`: io's, or one over it). */
  async #client(io: CallIo, fetch: typeof io.fetch = io.fetch): Promise<OpenAI> {
    const { default: OpenAI } = await loadOpenAiSdk();
    return new OpenAI({
      baseURL: this.server.host,
      // The client insists on a key; without one, the header is removed again.
      apiKey: this.#apiKey || "none",
      defaultHeaders: this.#apiKey ? undefined : { Authorization: null },
      fetch,
      maxRetries: 0,
      timeout: NO_CLIENT_TIMEOUT_MS,
      logLevel: "off",
    });
  }

  async chat(request: BackendChat, io: CallIo): Promise<BackendChatDone> {
    const { json } = request;
    if (!json) return await this.#stream(completionBody(request), io);
    if (!this.#schemaRefused.has(request.model)) {
      const format = {
        type: "json_schema" as const,
        json_schema: { name: json.name, schema: json.schema, strict: true },
      };
      try {
        return { ...(await this.#stream(completionBody(request, format), io)), jsonMode: "schema" };
      } catch (error) {
        if (!refusesSchema(error)) throw error;
        this.#schemaRefused.add(request.model);
      }
    }
    const fallback = { ...request, messages: withSchemaInstruction(request.messages, json.schema) };
    const done = await this.#stream(completionBody(fallback, { type: "json_object" }), io);
    return { ...done, jsonMode: "json_object" };
  }

  /**
   * Streams one completion; throws when the stream ends before the model has finished or a part
   * is not a completion chunk. A reply past its bound ({@linkcode replyBudget}) ends there. A
   * stream that says it finished but stays open ends {@linkcode FINISH_GRACE_MS} after it said
   * so; a whole JSON answer (a server that ignored `stream: true`) is read as one piece.
   */
  async #stream(body: ChatCompletionCreateParamsStreaming, io: CallIo): Promise<BackendChatDone> {
    const budget = replyBudget(body.max_tokens ?? undefined);
    const fetch = lineLimitedFetch(io.fetch, {
      maxLineBytes: MAX_LINE_BYTES,
      onBytes: (chunk) => {
        io.touch();
        // Every byte counts: the client keeps each comment line until the next event.
        const broken = budget.read(chunk);
        if (broken) throw streamBroken(this.server, { model: body.model, detail: broken });
      },
    });
    const { data: stream, response } = await (await this.#client(io, fetch)).chat.completions
      .create(body, { signal: io.signal }).withResponse();
    io.answered();
    if (isWholeJson(response)) return await this.#whole(response, body.model, budget, io);
    let finished = false;
    let hitLimit = false;
    let pieces = 0;
    let usage: ChatCompletionChunk["usage"];
    let thought = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    try {
      for await (const chunk of stream) {
        const { piece, finish, reasoning } = this.#piece(chunk, body.model);
        if (reasoning) thought = true;
        if (piece) {
          pieces++;
          io.onText(piece);
        }
        if (chunk.usage) usage = chunk.usage;
        // Leaving the loop aborts the request.
        if (budget.add(piece)) {
          finished = true;
          hitLimit = true;
          break;
        }
        if (!finish || finished) continue;
        finished = true;
        if (finish === "length") hitLimit = true;
        // The answer is whole; usage and [DONE] follow at once, or the stream is ended here.
        grace = setTimeout(() => stream.controller.abort(), FINISH_GRACE_MS);
      }
    } finally {
      clearTimeout(grace);
    }
    // The client ends quietly on abort; the service then reports the abort's own reason.
    if (!finished) {
      throw streamBroken(this.server, {
        model: body.model,
        detail: "the stream ended before the model finished",
      });
    }
    // Servers that send no usage stream about one token per piece.
    return {
      hitLimit,
      thought,
      promptTokens: count(usage?.prompt_tokens),
      completionTokens: usage?.completion_tokens === undefined
        ? pieces
        : count(usage.completion_tokens),
    };
  }

  /** A whole `chat.completion` answered to a streaming request, as one piece. */
  async #whole(
    response: Response,
    model: string,
    budget: ReplyBudget,
    io: CallIo,
  ): Promise<BackendChatDone> {
    const reply = await readWholeReply(response, { server: this.server, model, budget });
    if (reply.error !== undefined) {
      const { APIError } = await loadOpenAiSdk();
      throw new APIError(undefined, reply.error as object, undefined, response.headers);
    }
    if (reply.text) io.onText(reply.text);
    const { text: _, error: __, ...done } = reply;
    return done;
  }

  /**
   * The answer's text in a chunk and its finish reason, from the main choice
   * ({@linkcode mainChoice}); `stream_broken` when the chunk is not one.
   */
  #piece(
    chunk: ChatCompletionChunk,
    model: string,
  ): { piece: string; finish?: string | null; reasoning: boolean } {
    const invalid = (what: string) =>
      streamBroken(this.server, { model, detail: `an invalid part in the stream (${what})` });
    if (typeof chunk !== "object" || chunk === null) throw invalid("not an object");
    if (chunk.choices !== undefined && !Array.isArray(chunk.choices)) {
      throw invalid("choices is not a list");
    }
    const choice = mainChoice(chunk.choices);
    const content: unknown = choice?.delta?.content;
    if (content !== undefined && content !== null && typeof content !== "string") {
      throw invalid("delta.content is not a string");
    }
    // Reasoning in a field of its own (llama.cpp, vLLM: `reasoning_content`; others `reasoning`).
    const delta = choice?.delta as { reasoning_content?: unknown; reasoning?: unknown } | undefined;
    const reasoning = !!delta && (!!delta.reasoning_content || !!delta.reasoning);
    return { piece: content ?? "", finish: choice?.finish_reason, reasoning };
  }

  /**
   * The vectors in `index` order, unchecked as Ollama's are: the embedder checks them
   * (core/memory/embedding_checks.ts), so a reply of another shape is returned as it came.
   */
  async embed(request: { model: string; inputs: string[] }, io: CallIo): Promise<number[][]> {
    const response = await (await this.#client(io)).embeddings.create(
      { model: request.model, input: request.inputs, encoding_format: "float" },
      { signal: io.signal },
    );
    const data: unknown = response.data;
    if (!Array.isArray(data)) return data as number[][];
    return (data as Array<{ index?: unknown; embedding?: unknown } | null>)
      .toSorted((a, b) => Number(a?.index) - Number(b?.index))
      .map((item) => item?.embedding) as number[][];
  }

  async listModels(io: CallIo): Promise<ModelList["models"]> {
    const models: ModelList["models"] = [];
    const client = await this.#client(io);
    for await (const model of client.models.list({ signal: io.signal })) {
      models.push({
        name: model.id,
        size: null,
        modified_at: model.created ? new Date(model.created * 1000).toISOString() : null,
      });
    }
    return models;
  }
}
