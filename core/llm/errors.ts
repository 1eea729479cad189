/**
 * Honest LLM errors: each says what happened, in the words of the server that was asked, and
 * what to do (`data.reason` and `data.hint`). Failures common to every provider (timeout, idle
 * stream, broken stream, unreachable) are built here; each provider maps its own HTTP errors.
 *
 * @module
 */
import { AppError, Busy, LlmUnavailable } from "../errors.ts";
import { excerpt } from "./limits.ts";

/** Who was asked, for messages and hints. */
export interface ServerInfo {
  /** `ollama` or `openai`. */
  provider: string;
  /** What messages call it: `Ollama`, `the OpenAI-compatible server`. */
  label: string;
  /** Base URL. */
  host: string;
  /** What to do when nothing answers at `host`. */
  startHint: string;
}

/** The context of a failed call, for the message. */
export interface FailureContext {
  server: ServerInfo;
  model?: string;
  /** True once the server had started answering: a failure now is a broken stream. */
  streaming?: boolean;
}

/** A provider's mapping of its HTTP errors; `undefined` leaves the failure to the common rules. */
export type HttpFailureMapper = (error: unknown, context: FailureContext) => AppError | undefined;

function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = error.cause instanceof Error ? error.cause.message : "";
  const text = `${error.name} ${error.message} ${cause}`;
  // Clients that wrap fetch's TypeError (npm:openai's APIConnectionError) keep it as the cause.
  return error instanceof TypeError || error.cause instanceof TypeError ||
    /ECONNREFUSED|connection refused|error sending request|dns error|tcp connect/i.test(text);
}

/** `text` with its first letter in upper case, to start a sentence with a server's label. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A model server answered with a redirect, which model requests never follow. */
export class Redirected extends Error {
  constructor(readonly status: number, readonly location: string) {
    super(`answered with a redirect (HTTP ${status})`);
  }
}

/** A successful reply longer than the call allows: reading stopped there. */
export class ReplyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the reply was over ${maxBytes} bytes`);
  }
}

/** The error for a redirect: where it pointed, and to set the host to the final address. */
function redirectError(server: ServerInfo, redirect: Redirected): LlmUnavailable {
  const to = excerpt(redirect.location) || "an unnamed address";
  return new LlmUnavailable(
    `${capitalised(server.label)} answered with a redirect (HTTP ${redirect.status}) to ${to}; ` +
      "model requests do not follow redirects",
    {
      reason: "redirected",
      provider: server.provider,
      host: server.host,
      status: redirect.status,
      hint: "Set the server's address to where it redirects, if that is the model server",
    },
  );
}

/**
 * `data.reason`s of a model server that answered "busy, retry" (HTTP 429, Ollama's full queue, a
 * 503 such as a model still loading).
 */
const UPSTREAM_BUSY = new Set(["rate_limited", "server_busy", "model_loading"]);

/**
 * An embeddings call's failure as its callers need it: a model server that said it is busy is
 * {@linkcode Busy} (-32003, HTTP 429, its `retry_after_s` kept), as a full queue of ours is, not
 * a memory store out of reach; anything else as it is.
 */
export function busyWhenUpstreamIs(error: unknown): unknown {
  if (!(error instanceof LlmUnavailable)) return error;
  const data = error.data as { reason?: unknown } | undefined;
  if (typeof data?.reason !== "string" || !UPSTREAM_BUSY.has(data.reason)) return error;
  return new Busy(`${error.message}; retry shortly`, { ...data });
}

/** Maps a failure of a model call to a domain error: the provider's own mapping first. */
export function classifyLlmFailure(
  error: unknown,
  context: FailureContext & { mapHttp?: HttpFailureMapper },
): AppError {
  if (error instanceof AppError) return error;
  // Client libraries wrap what their fetch threw (npm:openai's APIConnectionError).
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof AppError) return cause;
  if (error instanceof Redirected) return redirectError(context.server, error);
  if (cause instanceof Redirected) return redirectError(context.server, cause);
  const mapped = context.mapHttp?.(error, context);
  if (mapped) return mapped;
  const { server } = context;
  const tooLarge = error instanceof ReplyTooLarge ? error : cause;
  if (tooLarge instanceof ReplyTooLarge) {
    return new LlmUnavailable(`${capitalised(server.label)} sent ${tooLarge.message}`, {
      reason: "reply_too_large",
      provider: server.provider,
      host: server.host,
      model: context.model,
      max_bytes: tooLarge.maxBytes,
      hint: `Check that ${server.host} is ${server.label}`,
    });
  }
  // A whole reply (not a stream) that is not JSON: said plainly, never the parser's words.
  if (!context.streaming && (error instanceof SyntaxError || cause instanceof SyntaxError)) {
    return new LlmUnavailable(`${capitalised(server.label)} sent a reply that could not be read`, {
      reason: "unreadable_reply",
      provider: server.provider,
      host: server.host,
      model: context.model,
      hint: `Check that ${server.host} is ${server.label}`,
    });
  }
  const detail = excerpt(error instanceof Error ? error.message : String(error));
  if (!context.streaming && isConnectionFailure(error)) {
    return new LlmUnavailable(`Cannot reach ${server.label} at ${server.host}`, {
      reason: "unreachable",
      provider: server.provider,
      host: server.host,
      hint: server.startHint,
      detail,
    });
  }
  return streamBroken(server, { model: context.model, detail });
}

/** The error for a stream that broke off or ended before the model had finished. */
export function streamBroken(
  server: ServerInfo,
  options: { model?: string; detail: string },
): LlmUnavailable {
  return new LlmUnavailable(`The stream from ${server.label} broke off: ${options.detail}`, {
    reason: "stream_broken",
    provider: server.provider,
    host: server.host,
    model: options.model,
    hint: `Retry; if it keeps happening, check the log of ${server.label}`,
    detail: options.detail,
  });
}

/** The error for a reply that ended at its token limit before any text (a thinking model). */
export function noAnswer(server: ServerInfo, options: { model: string; maxTokens: number }) {
  return new LlmUnavailable(
    `The model used its whole LLM_MAX_TOKENS (${options.maxTokens}) without answering ` +
      "(a thinking model?)",
    {
      reason: "no_answer",
      provider: server.provider,
      model: options.model,
      max_tokens: options.maxTokens,
      hint: "Raise LLM_MAX_TOKENS or use a model that does not think",
    },
  );
}

/**
 * The error for a reply that held only reasoning (`<think>…`, or a reasoning field), with no
 * answer after it.
 */
export function thoughtsOnly(server: ServerInfo, options: { model: string }) {
  return new LlmUnavailable(
    "The model's reply held only its reasoning and no answer",
    {
      reason: "no_answer",
      provider: server.provider,
      model: options.model,
      hint: `Retry, or turn the model's thinking off on ${server.label}, or use a model that ` +
        "does not think",
    },
  );
}

/** The error for a call that ran past OLLAMA_TIMEOUT_MS. */
export function timeoutError(server: ServerInfo, options: { ms: number; model: string }) {
  return new LlmUnavailable(
    `${capitalised(server.label)} did not finish within ${options.ms} ms`,
    {
      reason: "timeout",
      provider: server.provider,
      model: options.model,
      timeout_ms: options.ms,
      hint: "Try a shorter message or a smaller model, or raise OLLAMA_TIMEOUT_MS",
    },
  );
}

/** The error for a stream silent for longer than OLLAMA_STREAM_IDLE_MS. */
export function idleError(server: ServerInfo, options: { ms: number; model: string }) {
  return new LlmUnavailable(`${capitalised(server.label)} sent nothing for ${options.ms} ms`, {
    reason: "stream_idle",
    provider: server.provider,
    model: options.model,
    idle_ms: options.ms,
    hint: "The model may still be loading; retry, or raise OLLAMA_STREAM_IDLE_MS",
  });
}

/** The error for a structured answer that is not JSON or does not match the schema. */
export function invalidOutput(
  options: { model: string; detail: string; issues?: unknown },
): LlmUnavailable {
  return new LlmUnavailable(
    `The model's answer does not match the requested JSON schema: ${options.detail}`,
    {
      reason: "invalid_output",
      model: options.model,
      detail: options.detail,
      ...(options.issues ? { issues: options.issues } : {}),
      hint: "Retry, or use a larger model; some models follow schemas poorly",
    },
  );
}
