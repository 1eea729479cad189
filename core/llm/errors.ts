/**
 * Turns whatever the Ollama client threw into an honest {@linkcode LlmUnavailable} that says
 * what happened and what to do.
 *
 * @module
 */
import { AppError, LlmUnavailable } from "../errors.ts";

/** The context of a failed call, for the message. */
export interface FailureContext {
  host: string;
  model?: string;
  /** True once Ollama had started answering: a failure now is a broken stream. */
  streaming?: boolean;
}

function isResponseError(error: unknown): error is Error & { status_code: number; error: string } {
  return error instanceof Error && error.name === "ResponseError" &&
    typeof (error as { status_code?: unknown }).status_code === "number";
}

function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message} ${
    (error.cause as Error | undefined)?.message ?? ""
  }`;
  return error instanceof TypeError ||
    /ECONNREFUSED|connection refused|Connection refused|error sending request|dns error|tcp connect/i
      .test(text);
}

/** Maps a failure of an Ollama call to a domain error. */
export function classifyLlmFailure(error: unknown, context: FailureContext): AppError {
  if (error instanceof AppError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (isResponseError(error)) {
    if (error.status_code === 404 && /not found/i.test(error.error) && context.model) {
      return new LlmUnavailable(`Model "${context.model}" is not available in Ollama`, {
        reason: "model_missing",
        model: context.model,
        hint: `Run \`ollama pull ${context.model}\`, or set DEFAULT_MODEL to a model you have`,
        detail: error.error,
      });
    }
    return new LlmUnavailable(`Ollama answered HTTP ${error.status_code}: ${error.error}`, {
      reason: "ollama_error",
      status: error.status_code,
      detail: error.error,
      hint: "Check the Ollama server's log",
    });
  }
  if (!context.streaming && isConnectionFailure(error)) {
    return new LlmUnavailable(`Cannot reach Ollama at ${context.host}`, {
      reason: "unreachable",
      host: context.host,
      hint: "Start Ollama with `ollama serve`, or set OLLAMA_HOST to where it runs",
      detail,
    });
  }
  return new LlmUnavailable(`The Ollama stream broke off: ${detail}`, {
    reason: "stream_broken",
    host: context.host,
    model: context.model,
    hint: "Retry; if it keeps happening, check the Ollama server's log",
    detail,
  });
}

/** The error for a call that ran past OLLAMA_TIMEOUT_MS. */
export function timeoutError(ms: number, model: string): LlmUnavailable {
  return new LlmUnavailable(`Ollama did not finish within ${ms} ms`, {
    reason: "timeout",
    model,
    timeout_ms: ms,
    hint: "Try a shorter message or a smaller model, or raise OLLAMA_TIMEOUT_MS",
  });
}

/** The error for a stream silent for longer than OLLAMA_STREAM_IDLE_MS. */
export function idleError(ms: number, model: string): LlmUnavailable {
  return new LlmUnavailable(`Ollama sent nothing for ${ms} ms`, {
    reason: "stream_idle",
    model,
    idle_ms: ms,
    hint: "The model may still be loading; retry, or raise OLLAMA_STREAM_IDLE_MS",
  });
}
