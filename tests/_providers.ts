/**
 * Test support for running one test against every model-server provider: each case starts its
 * fake server, says which settings point persona-mcp at it, and what its provider-specific
 * errors say. `eachProvider.test` registers a test once per provider, named `... [ollama]` and
 * `... [openai]`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { AppError } from "../core/errors.ts";
import type { Provider } from "../core/llm/model_ref.ts";
import { OllamaBackend } from "../core/llm/ollama.ts";
import { OpenAiBackend } from "../core/llm/openai.ts";
import { LlmService, type LlmSettings } from "../core/llm/service.ts";
import { FakeOllama } from "./fake_ollama.ts";
import type { FakeBehavior } from "./fake_model_behavior.ts";
import { FakeOpenAi } from "./fake_openai.ts";

/** Either fake. */
export type FakeServer = FakeOllama | FakeOpenAi;

/** One provider under test. */
export interface ProviderCase {
  name: Provider;
  /** Starts its fake on an ephemeral port (or `port`). */
  start(behavior?: Partial<FakeBehavior>, port?: number): FakeServer;
  /** The settings that make persona-mcp talk to `fake` through this provider. */
  env(fake: FakeServer): Record<string, string>;
  /** An LLM service talking to `fake` (small limits by default), for unit tests. */
  llm(fake: FakeServer, settings?: Partial<LlmSettings>): LlmService;
  /** What the hint of a missing `model` says. */
  modelMissingHint(model: string): RegExp;
  /** What the hint of an unreachable server says. */
  unreachableHint: RegExp;
  /** What "Cannot reach ..." names. */
  unreachableMessage: RegExp;
  /** `data.reason` of an HTTP error answer. */
  httpErrorReason: string;
  /** The fake's request body field holding the answer length limit. */
  maxTokensOf(request: Record<string, unknown>): unknown;
}

const TEST_LIMITS: LlmSettings = {
  timeoutMs: 5000,
  streamIdleMs: 5000,
  concurrency: 1,
  queueLimit: 64,
};

function baseUrl(fake: FakeServer): string {
  return fake instanceof FakeOpenAi ? fake.baseUrl : `${fake.url}/v1`;
}

/** Ollama through its own API. */
export const OLLAMA: ProviderCase = {
  name: "ollama",
  start: (behavior, port) => FakeOllama.start(behavior, port),
  env: (fake) => ({ OLLAMA_HOST: fake.url }),
  llm: (fake, settings = {}) =>
    new LlmService({
      defaultProvider: "ollama",
      backends: { ollama: new OllamaBackend(fake.url) },
      settings: { ...TEST_LIMITS, ...settings },
    }),
  modelMissingHint: (model) => new RegExp(`ollama pull ${model.replaceAll(".", "\\.")}`),
  unreachableHint: /ollama serve/,
  unreachableMessage: /Cannot reach Ollama/,
  httpErrorReason: "ollama_error",
  maxTokensOf: (request) => (request.options as Record<string, unknown> | undefined)?.num_predict,
};

/** An OpenAI-compatible server (llama-server, LM Studio, vLLM, ...). */
export const OPENAI: ProviderCase = {
  name: "openai",
  start: (behavior, port) => FakeOpenAi.start(behavior, port),
  env: (fake) => ({ LLM_PROVIDER: "openai", OPENAI_BASE_URL: baseUrl(fake) }),
  llm: (fake, settings = {}) =>
    new LlmService({
      defaultProvider: "openai",
      backends: { openai: new OpenAiBackend({ baseUrl: baseUrl(fake), apiKey: "" }) },
      settings: { ...TEST_LIMITS, ...settings },
    }),
  modelMissingHint: (model) =>
    new RegExp(`Load or serve "${model.replaceAll(".", "\\.")}".*system\\.models`),
  unreachableHint: /OPENAI_BASE_URL/,
  unreachableMessage: /Cannot reach the OpenAI-compatible server/,
  httpErrorReason: "server_error",
  maxTokensOf: (request) => request.max_tokens,
};

/** Every provider. */
export const PROVIDER_CASES: readonly ProviderCase[] = [OLLAMA, OPENAI];

/** The provider whose API `fake` speaks. */
export function caseOf(fake: FakeServer): ProviderCase {
  return fake instanceof FakeOpenAi ? OPENAI : OLLAMA;
}

/**
 * Registers tests once per provider: `eachProvider.test(name, async (p) => ...)` adds
 * `name [ollama]` and `name [openai]`. (Shaped like `Deno.test` so the formatter keeps the
 * test's header on one line.)
 */
export const eachProvider = {
  test(name: string, fn: (provider: ProviderCase) => Promise<void>): void {
    for (const provider of PROVIDER_CASES) {
      Deno.test(`${name} [${provider.name}]`, () => fn(provider));
    }
  },
};

/** The domain error `promise` rejects with. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected a domain error, got ${error}`);
    return error;
  }
  assert.fail("expected a failure");
}

/** `data.reason` of a domain error. */
export function reason(error: AppError): string {
  return (error.data as { reason: string }).reason;
}
