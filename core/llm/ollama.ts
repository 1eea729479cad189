/**
 * Ollama's own API (`/api/chat` streaming NDJSON, `/api/embed`, `/api/tags`) through
 * `npm:ollama`. Structured output uses Ollama's `format` with the JSON Schema.
 *
 * @module
 */
import { Ollama } from "ollama";
import { LlmUnavailable } from "../errors.ts";
import type { BackendChat, BackendChatDone, CallIo, ModelBackend } from "./backend.ts";
import type { ModelList } from "./client.ts";
import { type FailureContext, type ServerInfo, streamBroken } from "./errors.ts";

function isResponseError(error: unknown): error is Error & { status_code: number; error: string } {
  return error instanceof Error && error.name === "ResponseError" &&
    typeof (error as { status_code?: unknown }).status_code === "number";
}

/** Maps Ollama's HTTP errors: a 404 "not found" for a model means it was never pulled. */
function mapOllamaHttp(error: unknown, context: FailureContext): LlmUnavailable | undefined {
  if (!isResponseError(error)) return undefined;
  if (error.status_code === 404 && /not found/i.test(error.error) && context.model) {
    return new LlmUnavailable(`Model "${context.model}" is not available in Ollama`, {
      reason: "model_missing",
      provider: "ollama",
      model: context.model,
      hint: `Run \`ollama pull ${context.model}\`, or set DEFAULT_MODEL to a model you have`,
      detail: error.error,
    });
  }
  return new LlmUnavailable(`Ollama answered HTTP ${error.status_code}: ${error.error}`, {
    reason: "ollama_error",
    provider: "ollama",
    status: error.status_code,
    detail: error.error,
    hint: "Check the Ollama server's log",
  });
}

/** The Ollama backend. */
export class OllamaBackend implements ModelBackend {
  readonly server: ServerInfo;
  readonly mapHttp = mapOllamaHttp;

  /** `host` is Ollama's base URL (OLLAMA_HOST). */
  constructor(host: string) {
    this.server = {
      provider: "ollama",
      label: "Ollama",
      host,
      startHint: "Start Ollama with `ollama serve`, or set OLLAMA_HOST to where it runs",
    };
  }

  /** A fresh client per call, whose fetch aborts for real. */
  #client(io: CallIo): Ollama {
    return new Ollama({ host: this.server.host, fetch: io.fetch });
  }

  async chat(request: BackendChat, io: CallIo): Promise<BackendChatDone> {
    const stream = await this.#client(io).chat({
      model: request.model,
      messages: request.messages,
      stream: true,
      options: { temperature: request.temperature, num_predict: request.maxTokens },
      format: request.json?.schema,
    });
    io.answered();
    let done: BackendChatDone | undefined;
    for await (const part of stream) {
      io.touch();
      const piece = part.message?.content ?? "";
      if (piece) io.onText(piece);
      if (part.done) {
        done = {
          promptTokens: part.prompt_eval_count ?? 0,
          completionTokens: part.eval_count ?? 0,
        };
      }
    }
    if (!done) {
      throw streamBroken(this.server, {
        model: request.model,
        detail: "the stream ended before its final message",
      });
    }
    return request.json ? { ...done, jsonMode: "schema" } : done;
  }

  async embed(request: { model: string; inputs: string[] }, io: CallIo): Promise<number[][]> {
    const response = await this.#client(io).embed({ model: request.model, input: request.inputs });
    return response.embeddings;
  }

  async listModels(io: CallIo): Promise<ModelList["models"]> {
    const { models } = await this.#client(io).list();
    return models.map((model) => ({
      name: model.name,
      size: model.size ?? null,
      modified_at: model.modified_at ? new Date(model.modified_at).toISOString() : null,
    }));
  }
}
