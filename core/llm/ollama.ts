/**
 * Ollama's own API: `/api/embed` and `/api/tags` through `npm:ollama`; the streamed `/api/chat`
 * (NDJSON), which every chat crosses, read straight from `fetch` ({@linkcode readLines}) with
 * `npm:ollama`'s conventions: its reading of OLLAMA_HOST, its content headers, an HTTP error as its
 * `ResponseError` (the server's `error` text and status), an `error` line in the stream as an
 * error, lines that are not JSON skipped, the stream done at the message with `done`.
 * Structured output uses Ollama's `format` with the JSON Schema.
 *
 * @module
 */
import { Ollama } from "ollama";
import { readLines } from "./ndjson.ts";
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

/** `npm:ollama`'s base URL for an OLLAMA_HOST (a scheme and Ollama's port added when missing). */
class OllamaHost extends Ollama {
  get base(): string {
    return this.config.host;
  }
}

/** The headers `npm:ollama` sends (its User-Agent aside: these requests are not its own). */
const HEADERS = {
  "Content-Type": "application/json",
  Accept: "application/json",
  "User-Agent": "persona-mcp",
};

/** An HTTP error as `npm:ollama` reports it (what {@linkcode mapOllamaHttp} reads). */
class ResponseError extends Error {
  override readonly name = "ResponseError";
  constructor(readonly error: string, readonly status_code: number) {
    super(error);
  }
}

/** The error of a response that is not OK: the server's `error` text (JSON) or its body. */
async function responseError(response: Response): Promise<ResponseError> {
  let message = `Error ${response.status}: ${response.statusText}`;
  try {
    if (response.headers.get("content-type")?.includes("application/json")) {
      message = (await response.json())?.error || message;
    } else {
      message = (await response.text()) || message;
    }
  } catch {
    // The status line says enough.
  }
  return new ResponseError(message, response.status);
}

/** One line of Ollama's chat stream. */
interface ChatPart {
  message?: { content?: string };
  done?: boolean;
  error?: string;
  prompt_eval_count?: number;
  eval_count?: number;
}

/** A line as a chat part; undefined when it is not JSON (skipped, as `npm:ollama` does). */
function chatPart(line: string): ChatPart | undefined {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** The Ollama backend. */
export class OllamaBackend implements ModelBackend {
  readonly server: ServerInfo;
  readonly mapHttp = mapOllamaHttp;
  readonly #chatUrl: string;

  /** `host` is Ollama's base URL (OLLAMA_HOST). */
  constructor(host: string) {
    this.server = {
      provider: "ollama",
      label: "Ollama",
      host,
      startHint: "Start Ollama with `ollama serve`, or set OLLAMA_HOST to where it runs",
    };
    this.#chatUrl = `${new OllamaHost({ host }).base}/api/chat`;
  }

  /** A fresh client per call, whose fetch aborts for real. */
  #client(io: CallIo): Ollama {
    return new Ollama({ host: this.server.host, fetch: io.fetch });
  }

  async chat(request: BackendChat, io: CallIo): Promise<BackendChatDone> {
    const response = await fetch(this.#chatUrl, {
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({
        model: request.model,
        messages: request.messages,
        stream: true,
        options: { temperature: request.temperature, num_predict: request.maxTokens },
        format: request.json?.schema,
      }),
      signal: io.signal,
    });
    if (!response.ok) throw await responseError(response);
    if (!response.body) throw new Error("Missing body");
    io.answered();
    let done: BackendChatDone | undefined;
    await readLines(response.body, io.signal, (line) => {
      const part = chatPart(line);
      if (part === undefined) return false;
      if (part.error !== undefined) throw new Error(part.error);
      io.touch();
      const piece = part.message?.content ?? "";
      if (piece) io.onText(piece);
      if (!part.done) return false;
      done = { promptTokens: part.prompt_eval_count ?? 0, completionTokens: part.eval_count ?? 0 };
      return true;
    });
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
