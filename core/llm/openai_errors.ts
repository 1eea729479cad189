/**
 * How the errors of OpenAI-compatible servers become {@linkcode LlmUnavailable}: a prompt too long
 * for the context, a model still loading (503), unauthorized, a missing model, rate limits, errors
 * mid-stream and other HTTP statuses, each with a hint.
 *
 * @module
 */
import { LlmUnavailable } from "../errors.ts";
import { capitalised, type FailureContext } from "./errors.ts";
import { excerpt, retryAfterSeconds } from "./limits.ts";

/** The text of an API error's body, whatever shape the server gave it. */
export function errorDetail(error: InstanceType<typeof import("openai").APIError>): string {
  const body = error.error as { message?: unknown } | string | undefined;
  if (typeof body === "string") return excerpt(body);
  if (body && typeof body.message === "string") return excerpt(body.message);
  return excerpt(error.message);
}

const MODEL_MISSING = /model.*(not found|does not exist|not loaded|unknown|no such)|unknown model/i;

/** `type`/`code` of a prompt too long for the context: llama-server's, OpenAI's. */
const CONTEXT_CODES = new Set(["exceed_context_size_error", "context_length_exceeded"]);
/** The words of the same from servers that send no such code (vLLM, LM Studio, proxies). */
const CONTEXT_WORDS =
  /maximum context length|context (length|size|window) (is |was )?(exceeded|overflow)|exceeds? the (available )?context|context overflow/i;
/** A 503 while the server loads its model (llama-server's "Loading model"). */
const LOADING = /loading model|model is (still )?loading|still loading/i;

/** Whether `error` says the prompt does not fit in the model's context. */
function contextOverflow(
  error: InstanceType<typeof import("openai").APIError>,
  detail: string,
): boolean {
  const status = error.status;
  if (status !== undefined && status !== 400 && status !== 413 && status !== 422) return false;
  return CONTEXT_CODES.has(String(error.type)) || CONTEXT_CODES.has(String(error.code)) ||
    CONTEXT_WORDS.test(detail);
}

/**
 * Maps the HTTP errors of OpenAI-compatible servers (OpenAI, vLLM, llama.cpp, LM Studio); `sdk` is
 * the client library once loaded (undefined before: then no call was made).
 */
export function mapOpenAiHttp(
  sdk: typeof import("openai") | undefined,
  error: unknown,
  context: FailureContext,
): LlmUnavailable | undefined {
  // Connection failures (timeouts included) and aborts follow the common rules. Without the
  // library loaded no call was made, so no error is its own.
  if (!sdk || !(error instanceof sdk.APIError) || error instanceof sdk.APIConnectionError) {
    return undefined;
  }
  if (error instanceof sdk.APIUserAbortError) return undefined;
  const { server, model } = context;
  const detail = errorDetail(error);
  const status = error.status;
  const retryAfter = retryAfterSeconds(error.headers?.get("retry-after"));
  const base = {
    provider: server.provider,
    host: server.host,
    detail,
    ...(retryAfter === undefined ? {} : { retry_after_s: retryAfter }),
  };
  if (contextOverflow(error, detail)) {
    return new LlmUnavailable(
      `The prompt does not fit in the model's context on ${server.label}: ${detail}`,
      {
        ...base,
        reason: "context_overflow",
        ...(status === undefined ? {} : { status }),
        model,
        hint: "Raise the server's context size (llama-server -c, LM Studio's context length, " +
          "vLLM --max-model-len), or put less in the prompt (PROMPT_HISTORY_CHARS, " +
          "PROMPT_MEMORY_COUNT, LORE_TOTAL_TOKEN_BUDGET) or lower LLM_MAX_TOKENS",
      },
    );
  }
  if (status === 503) {
    const loading = LOADING.test(detail) || error.type === "unavailable_error";
    return new LlmUnavailable(
      loading
        ? `${capitalised(server.label)} is still loading the model (HTTP 503): ${detail}`
        : `${capitalised(server.label)} is unavailable for now (HTTP 503): ${detail}`,
      {
        ...base,
        reason: loading ? "model_loading" : "server_busy",
        status,
        model,
        hint: loading
          ? "Retry when the model has loaded (after retry_after_s, when the server gave one)"
          : "Retry shortly; if it lasts, check the log of the server",
      },
    );
  }
  if (status === 401 || status === 403) {
    return new LlmUnavailable(
      `${capitalised(server.label)} refused the request (HTTP ${status}): ${detail}`,
      {
        ...base,
        reason: "unauthorized",
        status,
        hint: "Set OPENAI_API_KEY to a key this server accepts",
      },
    );
  }
  const modelMissing = model !== undefined &&
    ((status === 404 && (error.code === "model_not_found" || /model/i.test(detail))) ||
      (status === 400 && MODEL_MISSING.test(detail)));
  if (modelMissing) {
    return new LlmUnavailable(`Model "${model}" is not available on ${server.label}`, {
      ...base,
      reason: "model_missing",
      model,
      hint: `Load or serve "${model}" there (system.models lists what it has), ` +
        "or set DEFAULT_MODEL to one of its models",
    });
  }
  if (status === 429) {
    return new LlmUnavailable(`${capitalised(server.label)} is rate limiting requests: ${detail}`, {
      ...base,
      reason: "rate_limited",
      status,
      hint: "Wait and retry, or lower LLM_CONCURRENCY",
    });
  }
  if (status === undefined) {
    // An error event inside the stream (e.g. the context window overflowed mid-answer).
    return new LlmUnavailable(
      `${capitalised(server.label)} reported an error mid-stream: ${detail}`,
      {
        ...base,
        reason: "server_error",
        model,
        hint: `Check the log of ${server.label}`,
      },
    );
  }
  return new LlmUnavailable(`${capitalised(server.label)} answered HTTP ${status}: ${detail}`, {
    ...base,
    reason: "server_error",
    status,
    hint: status === 404
      ? "Check that OPENAI_BASE_URL ends with /v1 (e.g. http://127.0.0.1:8080/v1)"
      : `Check the log of ${server.label}`,
  });
}
