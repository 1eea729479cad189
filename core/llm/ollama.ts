/**
 * Ollama's own API: `/api/tags` through `npm:ollama`; `/api/embed` and the streamed `/api/chat`
 * (NDJSON), which every chat crosses, straight from `fetch` ({@linkcode readLines}) with
 * `npm:ollama`'s conventions: its reading of OLLAMA_HOST, its content headers, an HTTP error as its
 * `ResponseError` (the server's `error` text and status), an `error` line in the stream as an
 * error, lines that are not JSON skipped, the stream done at the message with `done`.
 * Structured output uses Ollama's `format` with the JSON Schema.
 *
 * @module
 */
import { Ollama } from "ollama";
import { refuseRedirect } from "./abortable_fetch.ts";
import {
  count,
  errorBodyPrefix,
  excerpt,
  MAX_LINE_BYTES,
  replyBudget,
  retryAfterSeconds,
} from "./limits.ts";
import { readLines } from "./ndjson.ts";
import { LlmUnavailable } from "../errors.ts";
import type { BackendChat, BackendChatDone, CallIo, ModelBackend } from "./backend.ts";
import type { ModelList } from "./client.ts";
import { type FailureContext, type ServerInfo, streamBroken } from "./errors.ts";
import { shellWord } from "../shell_word.ts";

function isResponseError(error: unknown): error is Error & { status_code: number; error: string } {
  return error instanceof Error && error.name === "ResponseError" &&
    typeof (error as { status_code?: unknown }).status_code === "number";
}

/** Ollama's answer when its queue is full (OLLAMA_MAX_QUEUE): "server busy, please try again". */
const OLLAMA_BUSY = /server busy|maximum pending requests/i;

/**
 * Maps Ollama's HTTP errors: a 404 "not found" for a model means it was never pulled; a 429, or
 * a 503 saying "server busy", is a full queue (`server_busy`).
 */
function mapOllamaHttp(error: unknown, context: FailureContext): LlmUnavailable | undefined {
  if (!isResponseError(error)) return undefined;
  const detail = excerpt(error.error);
  if (error.status_code === 404 && /not found/i.test(detail) && context.model) {
    return new LlmUnavailable(`Model "${context.model}" is not available in Ollama`, {
      reason: "model_missing",
      provider: "ollama",
      model: context.model,
      hint: `Run \`ollama pull ${
        shellWord(context.model)
      }\`, or set DEFAULT_MODEL to a model you have`,
      detail,
    });
  }
  const retryAfter = (error as { retryAfterS?: number }).retryAfterS;
  if (error.status_code === 429 || (error.status_code === 503 && OLLAMA_BUSY.test(detail))) {
    return new LlmUnavailable(`Ollama is busy (HTTP ${error.status_code}): ${detail}`, {
      reason: "server_busy",
      provider: "ollama",
      status: error.status_code,
      detail,
      ...(retryAfter === undefined ? {} : { retry_after_s: retryAfter }),
      hint: "Retry shortly, or raise OLLAMA_MAX_QUEUE / OLLAMA_NUM_PARALLEL on the Ollama server",
    });
  }
  return new LlmUnavailable(`Ollama answered HTTP ${error.status_code}: ${detail}`, {
    reason: "ollama_error",
    provider: "ollama",
    status: error.status_code,
    detail,
    ...(retryAfter === undefined ? {} : { retry_after_s: retryAfter }),
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
  constructor(
    readonly error: string,
    readonly status_code: number,
    readonly retryAfterS?: number,
  ) {
    super(error);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The error of a response that is not OK: the server's `error` text (JSON) or its body, from the
 * first bytes only ({@linkcode errorBodyPrefix}), cut to a one-line excerpt.
 */
async function responseError(response: Response): Promise<ResponseError> {
  let message = `Error ${response.status}: ${response.statusText}`;
  try {
    const text = await errorBodyPrefix(response);
    let error: unknown = text;
    if (response.headers.get("content-type")?.includes("application/json")) {
      try {
        error = JSON.parse(text)?.error;
      } catch {
        // Cut off or not JSON: the text itself.
      }
    }
    // An OpenAI-style body (a proxy's, `{"error":{"message":…}}`) names it in `message`.
    if (isObject(error) && typeof error.message === "string") error = error.message;
    if (typeof error === "string" && error.trim()) message = excerpt(error);
  } catch {
    // The status line says enough.
  }
  const retryAfter = retryAfterSeconds(response.headers.get("retry-after"));
  return new ResponseError(message, response.status, retryAfter);
}

/** One line of Ollama's chat stream, checked. */
interface ChatPart {
  content: string;
  done: boolean;
  error?: string;
  /** Ollama's `done_reason` was `length`. */
  hitLimit?: boolean;
  /** The part carried `message.thinking` (reasoning, never part of the text). */
  thinking?: boolean;
  promptTokens: number;
  completionTokens: number;
}

/** A line that is JSON but not a chat part: `stream_broken`, naming what was wrong. */
class InvalidPart extends Error {
  constructor(what: string) {
    super(`an invalid part in the stream (${what})`);
  }
}

/**
 * A line as a chat part; undefined when it is not JSON (skipped, as `npm:ollama` does, but
 * counted against the reply's bound). Counts that are not finite and ≥ 0 are taken as 0.
 */
function chatPart(line: string): ChatPart | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value)) throw new InvalidPart("not an object");
  if (value.error !== undefined) {
    const error = typeof value.error === "string" ? value.error : JSON.stringify(value.error);
    return {
      content: "",
      done: false,
      error: excerpt(error),
      promptTokens: 0,
      completionTokens: 0,
    };
  }
  const message = value.message ?? {};
  if (!isObject(message)) throw new InvalidPart("message is not an object");
  const content = message.content ?? "";
  if (typeof content !== "string") throw new InvalidPart("message.content is not a string");
  if (value.done !== undefined && typeof value.done !== "boolean") {
    throw new InvalidPart("done is not true or false");
  }
  return {
    content,
    done: value.done === true,
    hitLimit: value.done_reason === "length",
    thinking: !!message.thinking,
    promptTokens: count(value.prompt_eval_count),
    completionTokens: count(value.eval_count),
  };
}

/** The Ollama backend. */
export class OllamaBackend implements ModelBackend {
  readonly server: ServerInfo;
  readonly mapHttp = mapOllamaHttp;
  readonly #chatUrl: string;
  readonly #embedUrl: string;

  /** `host` is Ollama's base URL (OLLAMA_HOST). */
  constructor(host: string) {
    this.server = {
      provider: "ollama",
      label: "Ollama",
      host,
      startHint: "Start Ollama with `ollama serve`, or set OLLAMA_HOST to where it runs",
    };
    const base = new OllamaHost({ host }).base;
    this.#chatUrl = `${base}/api/chat`;
    this.#embedUrl = `${base}/api/embed`;
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
      redirect: "manual",
    });
    refuseRedirect(response);
    if (!response.ok) throw await responseError(response);
    if (!response.body) throw new Error("Missing body");
    io.answered();
    let done: BackendChatDone | undefined;
    const budget = replyBudget(request.maxTokens);
    let parts = 0;
    let thought = false;
    const onLine = (line: string) => {
      const part = chatPart(line);
      // A line that is not JSON is skipped, but counted (parts and characters) against the
      // bound: a server sending nothing else cannot keep the call reading without end.
      if (part === undefined) {
        if (!budget.add(line)) return false;
        done = { promptTokens: 0, completionTokens: parts, hitLimit: true };
        return true;
      }
      if (part.error !== undefined) throw new Error(part.error);
      parts++;
      if (part.thinking) thought = true;
      if (part.content) io.onText(part.content);
      if (!part.done && !budget.add(part.content)) return false;
      // Done, or past our bound: the reply ends here (reading stops, the request is aborted).
      const completionTokens = part.done ? part.completionTokens : parts;
      const hitLimit = part.done ? part.hitLimit : true;
      done = { promptTokens: part.promptTokens, completionTokens, hitLimit };
      return true;
    };
    await readLines(response.body, io.signal, onLine, {
      maxLineBytes: MAX_LINE_BYTES,
      onBytes: (chunk) => {
        io.touch();
        // Every byte counts, lines or not: blank lines without end are no reply either.
        const broken = budget.read(chunk);
        if (broken) throw streamBroken(this.server, { model: request.model, detail: broken });
      },
    });
    if (!done) {
      throw streamBroken(this.server, {
        model: request.model,
        detail: "the stream ended before its final message",
      });
    }
    const finished: BackendChatDone = { ...done, thought };
    return request.json ? { ...finished, jsonMode: "schema" } : finished;
  }

  /**
   * Our own fetch, not `npm:ollama`'s `embed`: an HTTP error is {@linkcode responseError}'s (the
   * upstream's Retry-After kept, an OpenAI-style body read) and nothing is logged to stdout.
   */
  async embed(request: { model: string; inputs: string[] }, io: CallIo): Promise<number[][]> {
    const response = await io.fetch(this.#embedUrl, {
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({ model: request.model, input: request.inputs }),
    });
    if (!response.ok) throw await responseError(response);
    const body: unknown = await response.json();
    // The shape is checked by the embedder (core/memory/embedding_checks.ts).
    return (isObject(body) ? body.embeddings : undefined) as number[][];
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
