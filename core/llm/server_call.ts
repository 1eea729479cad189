/**
 * One call to a model server, as `LlmService` (service.ts) makes each once its turn in the queue
 * comes: a fetch that aborts for real, a deadline, an idle watch for streams, and failures turned
 * into honest errors.
 *
 * @module
 */
import { abortableFetch } from "./abortable_fetch.ts";
import type { CallIo, ModelBackend } from "./backend.ts";
import { idleWatch, withDeadline } from "./deadline.ts";
import { classifyLlmFailure, idleError, timeoutError } from "./errors.ts";

/** One call's plan: which server, which model, and how long it may take. */
export interface CallPlan {
  backend: ModelBackend;
  model: string;
  signal?: AbortSignal;
  timeoutMs: number;
  /** Watch the stream for silence (chats), or not (embeddings, model lists). */
  streaming: boolean;
  /** Longest successful body `io.fetch` reads (embeddings, model lists). */
  maxBodyBytes?: number;
}

/** Options of {@linkcode callServer}. */
export interface ServerCallOptions {
  /** Longest silence of a stream (ms) before the call is aborted as idle. */
  streamIdleMs: number;
}

/**
 * Runs `work` as one call to `plan.backend`'s server: a fetch that aborts for real, a deadline,
 * an idle watch for streams, and failures turned into honest errors (an abort keeps its reason:
 * cancel, timeout, idle).
 */
export function callServer<T>(
  plan: CallPlan,
  work: (io: CallIo) => Promise<T>,
  options: ServerCallOptions,
): Promise<T> {
  const { backend, model } = plan;
  const server = backend.server;
  return withDeadline(
    {
      outer: plan.signal,
      timeoutMs: plan.timeoutMs,
      onTimeout: () => timeoutError(server, { ms: plan.timeoutMs, model }),
    },
    async (controller) => {
      const context = { server, model, streaming: false, mapHttp: backend.mapHttp };
      const ms = options.streamIdleMs;
      const idle = plan.streaming
        ? idleWatch(controller, { ms, reason: () => idleError(server, { ms, model }) })
        : undefined;
      const io: CallIo = {
        fetch: abortableFetch(controller.signal, plan.maxBodyBytes),
        signal: controller.signal,
        answered: () => (context.streaming = true),
        touch: () => idle?.touch(),
        onText: () => {},
      };
      try {
        const result = await work(io);
        if (controller.signal.aborted) throw controller.signal.reason;
        return result;
      } catch (error) {
        if (controller.signal.aborted) throw controller.signal.reason;
        throw classifyLlmFailure(error, context);
      } finally {
        idle?.stop();
      }
    },
  );
}
