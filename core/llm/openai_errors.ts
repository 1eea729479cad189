/**
 * How the errors of OpenAI-compatible servers become {@linkcode LlmUnavailable}: unauthorized,
 * a missing model, rate limits, errors mid-stream and other HTTP statuses, each with a hint.
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
