/**
 * The LLM layer: Ollama's chat and embed APIs through `npm:ollama`, behind a bounded FIFO
 * queue, with a whole-request timeout, a stream idle timeout and cancellation that reaches
 * Ollama. Failures are honest errors, never a canned line pretending to be the model.
 *
 * @module
 */
import { Ollama } from "ollama";
import { AppError, Cancelled } from "../errors.ts";
import { abortableFetch } from "./abortable_fetch.ts";
import { classifyLlmFailure, type FailureContext, idleError, timeoutError } from "./errors.ts";
import { RequestQueue } from "./queue.ts";

/** One chat message. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** A chat call. */
export interface ChatCall {
  model: string;
  messages: ChatMessage[];
  /** Sampling options passed to Ollama (`temperature`, `num_predict`, ...). */
  options?: Record<string, number>;
  /** Aborts the call (queued or running). */
  signal?: AbortSignal;
  /** Called with each piece of text as it arrives. */
  onToken?: (text: string) => void;
}

/** The model's answer with Ollama's own token counts. */
export interface ChatResult {
  text: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** Time from the call leaving the queue to the first token (ms). */
  firstTokenMs: number | null;
}

/** What `/api/tags` says, or why it could not be asked. */
export interface ModelList {
  reachable: boolean;
  models: Array<{ name: string; size: number | null; modified_at: string | null }>;
  error?: { message: string; data?: unknown };
}

/** Settings of the LLM layer. */
export interface LlmSettings {
  host: string;
  timeoutMs: number;
  streamIdleMs: number;
  concurrency: number;
  queueLimit: number;
}

/** A chat/embedding backend; the chat engine depends on this, not on Ollama. */
export interface LlmClient {
  readonly host: string;
  chat(call: ChatCall): Promise<ChatResult>;
  embed(model: string, inputs: string[], signal?: AbortSignal): Promise<number[][]>;
  listModels(): Promise<ModelList>;
  /** Calls running and waiting. */
  load(): { running: number; waiting: number };
}

/** Runs `work` with a controller that aborts on `outer`, after `timeoutMs`, or when told to. */
async function withDeadline<T>(
  outer: AbortSignal | undefined,
  timeoutMs: number,
  onTimeout: () => Error,
  work: (controller: AbortController) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  // A domain reason (e.g. "the conversation was ended") is kept; anything else is a cancel.
  const forward = () =>
    controller.abort(outer?.reason instanceof AppError ? outer.reason : new Cancelled());
  if (outer?.aborted) forward();
  outer?.addEventListener("abort", forward, { once: true });
  const timer = setTimeout(() => controller.abort(onTimeout()), timeoutMs);
  try {
    return await work(controller);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", forward);
  }
}

/** The Ollama implementation of {@linkcode LlmClient}. */
export class OllamaClient implements LlmClient {
  readonly host: string;
  readonly #settings: LlmSettings;
  readonly #queue: RequestQueue;

  /** Creates a client; nothing is contacted until the first call. */
  constructor(settings: LlmSettings) {
    this.host = settings.host;
    this.#settings = settings;
    this.#queue = new RequestQueue(settings.concurrency, settings.queueLimit);
  }

  /** Calls running and waiting. */
  load(): { running: number; waiting: number } {
    return { running: this.#queue.running, waiting: this.#queue.waiting };
  }

  /** Chats, streaming internally so that idle gaps and aborts are seen at once. */
  chat(call: ChatCall): Promise<ChatResult> {
    return this.#queue.run(() => this.#chatNow(call), call.signal);
  }

  #chatNow(call: ChatCall): Promise<ChatResult> {
    const { timeoutMs, streamIdleMs } = this.#settings;
    return this.#call(call.signal, timeoutMs, call.model, async (ollama, controller, context) => {
      const started = performance.now();
      const idle = idleWatch(controller, streamIdleMs, () => idleError(streamIdleMs, call.model));
      const result: ChatResult = {
        text: "",
        model: call.model,
        promptTokens: 0,
        completionTokens: 0,
        firstTokenMs: null,
      };
      try {
        const stream = await ollama.chat({
          model: call.model,
          messages: call.messages,
          stream: true,
          options: call.options,
        });
        context.streaming = true;
        for await (const part of stream) {
          idle.touch();
          const piece = part.message?.content ?? "";
          if (piece) {
            result.firstTokenMs ??= performance.now() - started;
            result.text += piece;
            call.onToken?.(piece);
          }
          if (part.done) {
            result.promptTokens = part.prompt_eval_count ?? 0;
            result.completionTokens = part.eval_count ?? 0;
          }
        }
        return result;
      } finally {
        idle.stop();
      }
    });
  }

  /** Embeds `inputs` with `model` via `/api/embed`; waits in the same queue as chats. */
  embed(model: string, inputs: string[], signal?: AbortSignal): Promise<number[][]> {
    const { timeoutMs } = this.#settings;
    return this.#queue.run(
      () =>
        this.#call(signal, timeoutMs, model, async (ollama) => {
          const response = await ollama.embed({ model, input: inputs });
          return response.embeddings;
        }),
      signal,
    );
  }

  /** Lists the models Ollama has; never throws (an unreachable Ollama is reported). */
  async listModels(): Promise<ModelList> {
    const timeoutMs = Math.min(this.#settings.timeoutMs, 5000);
    try {
      const { models } = await this.#call(
        undefined,
        timeoutMs,
        undefined,
        (ollama) => ollama.list(),
      );
      return {
        reachable: true,
        models: models.map((model) => ({
          name: model.name,
          size: model.size ?? null,
          modified_at: model.modified_at ? new Date(model.modified_at).toISOString() : null,
        })),
      };
    } catch (error) {
      const failure = classifyLlmFailure(error, { host: this.host });
      return {
        reachable: false,
        models: [],
        error: { message: failure.message, data: failure.data },
      };
    }
  }

  /**
   * One call to Ollama: a fresh client whose fetch aborts for real, a deadline, and failures
   * turned into honest errors (an abort keeps its reason: cancel, timeout or idle stream).
   */
  #call<T>(
    outer: AbortSignal | undefined,
    timeoutMs: number,
    model: string | undefined,
    work: (ollama: Ollama, controller: AbortController, context: FailureContext) => Promise<T>,
  ): Promise<T> {
    return withDeadline(
      outer,
      timeoutMs,
      () => timeoutError(timeoutMs, model ?? "-"),
      async (controller) => {
        const context: FailureContext = { host: this.host, model, streaming: false };
        try {
          const ollama = new Ollama({ host: this.host, fetch: abortableFetch(controller.signal) });
          return await work(ollama, controller, context);
        } catch (error) {
          if (controller.signal.aborted) throw controller.signal.reason;
          throw classifyLlmFailure(error, context);
        }
      },
    );
  }
}

/** Aborts `controller` with `reason()` after `ms` without a `touch()`. */
function idleWatch(controller: AbortController, ms: number, reason: () => Error) {
  let timer = setTimeout(() => controller.abort(reason()), ms);
  return {
    touch() {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(reason()), ms);
    },
    stop: () => clearTimeout(timer),
  };
}
