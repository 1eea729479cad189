/**
 * The LLM service: one {@linkcode LlmClient} over the configured model servers. Every call waits
 * in one bounded queue (interactive calls before background ones), runs under a whole-call
 * timeout and, while streaming, an idle watch; cancellation closes the connection to the server;
 * failures become honest errors. `provider:model` names pick the server per call.
 *
 * @module
 */
import { z } from "zod";
import { LlmUnavailable } from "../errors.ts";
import type { BackendChat, BackendChatDone, CallIo, ModelBackend } from "./backend.ts";
import type {
  ChatCall,
  ChatResult,
  EmbedOptions,
  JsonCall,
  JsonResult,
  LlmClient,
  ModelList,
} from "./client.ts";
import { answerJsonText, jsonSchemaOf } from "./json_output.ts";
import {
  busyWhenUpstreamIs,
  classifyLlmFailure,
  invalidOutput,
  noAnswer,
  streamBroken,
  thoughtsOnly,
} from "./errors.ts";
import {
  DEFAULT_REPLY_TOKENS,
  EMBED_BYTES_PER_INPUT,
  MODEL_LIST_BYTES,
  REPLY_SLACK_BYTES,
} from "./limits.ts";
import { parseModelRef, type Provider } from "./model_ref.ts";
import { RequestQueue } from "./queue.ts";
import { type CallPlan, callServer } from "./server_call.ts";
import { TemplateThoughtModels } from "./template_thought.ts";
import { ThinkFilter } from "./think_filter.ts";

/** Limits shared by every provider. */
export interface LlmSettings {
  timeoutMs: number;
  streamIdleMs: number;
  concurrency: number;
  queueLimit: number;
  /** How long after a chat background calls leave the last free slot alone (ms; default 0). */
  backgroundQuietMs?: number;
}

/** What the service is built from. */
export interface LlmServiceOptions {
  /** Provider of model names without a `provider:` prefix. */
  defaultProvider: Provider;
  /** The configured servers; a provider left out answers `provider_unconfigured`. */
  backends: Partial<Record<Provider, ModelBackend>>;
  settings: LlmSettings;
}

/** Longest time a model list may take: `system.models` must answer quickly. */
const LIST_TIMEOUT_MS = 5000;

const UNCONFIGURED_HINTS: Record<Provider, string> = {
  ollama: "Set OLLAMA_HOST to where Ollama runs",
  openai: "Set OPENAI_BASE_URL to the server's base URL, /v1 included",
};

/** The LLM service over Ollama and OpenAI-compatible servers. */
export class LlmService implements LlmClient {
  readonly provider: Provider;
  readonly host: string;
  readonly #backends: Partial<Record<Provider, ModelBackend>>;
  readonly #defaultBackend: ModelBackend;
  readonly #settings: LlmSettings;
  readonly #queue: RequestQueue;
  /** Models (`host model`) whose chat template opens a reasoning block, learned from replies. */
  readonly #templateThoughts = new TemplateThoughtModels();

  /** Nothing is contacted until the first call. */
  constructor(options: LlmServiceOptions) {
    this.provider = options.defaultProvider;
    const defaultBackend = options.backends[options.defaultProvider];
    if (!defaultBackend) throw new Error(`No backend for the default provider ${this.provider}`);
    this.host = defaultBackend.server.host;
    this.#defaultBackend = defaultBackend;
    this.#backends = options.backends;
    this.#settings = options.settings;
    this.#queue = new RequestQueue(options.settings.concurrency, options.settings.queueLimit, {
      quietMs: options.settings.backgroundQuietMs,
    });
  }

  /** Milliseconds since the last interactive call started or ended; 0 while one runs or waits. */
  quietFor(): number {
    return this.#queue.quietFor();
  }

  /** Calls running and waiting (both lanes). */
  load(): { running: number; waiting: number } {
    return { running: this.#queue.running, waiting: this.#queue.waiting };
  }

  /** Chats, streaming internally so that idle gaps and aborts are seen at once. */
  async chat(call: ChatCall): Promise<ChatResult> {
    const { result } = await this.#chat(call, undefined);
    return result;
  }

  /** Chats for one JSON value matching `call.schema`, checked before it is returned. */
  async chatJson<T>(call: JsonCall<T>): Promise<JsonResult<T>> {
    const schema = jsonSchemaOf(call.schema);
    const name = (call.schemaName ?? "answer").replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
    const { result, done } = await this.#chat(call, { name, schema });
    let value: unknown;
    try {
      value = JSON.parse(answerJsonText(result.text));
    } catch (error) {
      throw invalidOutput({ model: call.model, detail: `not JSON (${(error as Error).message})` });
    }
    const checked = call.schema.safeParse(value);
    if (!checked.success) {
      throw invalidOutput({
        model: call.model,
        detail: z.prettifyError(checked.error).replaceAll("\n", " "),
        issues: checked.error.issues.map((issue) => ({
          path: issue.path.join("."),
          message: issue.message,
        })),
      });
    }
    return { ...result, value: checked.data, mode: done.jsonMode ?? "schema" };
  }

  async #chat(
    call: ChatCall,
    json: BackendChat["json"],
  ): Promise<{ result: ChatResult; done: BackendChatDone }> {
    const { backend, model } = this.#route(call.model);
    const plan = { backend, model, timeoutMs: this.#settings.timeoutMs, streaming: true };
    // The queue's signal: the caller's, and for background work a chat's claim on the slot.
    return await this.#queue.run(async (signal) => {
      const started = performance.now();
      const result: ChatResult = {
        text: "",
        model: call.model,
        promptTokens: 0,
        completionTokens: 0,
        firstTokenMs: null,
      };
      // Reasoning blocks (`<think>…`) are no part of the answer, streamed pieces included.
      // Unstreamed, a reply is held back whole: a thought the template opened comes out of it.
      const thoughtKey = `${backend.server.host} ${model}`;
      const thoughts = new ThinkFilter({
        opensInThought: this.#templateThoughts.learned(thoughtKey),
        openerByName: this.#templateThoughts.byNameOnly(thoughtKey),
        holdBack: !call.onToken,
      });
      const say = (text: string) => {
        if (text === "") return;
        result.firstTokenMs ??= performance.now() - started;
        result.text += text;
        call.onToken?.(text);
      };
      const done = await this.#call({ ...plan, signal }, (io) =>
        backend.chat({
          model,
          messages: call.messages,
          temperature: call.temperature,
          maxTokens: call.maxTokens,
          json,
        }, { ...io, onText: (piece) => say(thoughts.push(piece)) }));
      const end = thoughts.end({ cutShort: done.hitLimit, thoughtApart: done.thought });
      say(end.rest);
      this.#templateThoughts.record(thoughtKey, {
        shape: end.templateThought,
        // Cut short, a reply proves nothing, unless its reasoning came apart: then no template
        // opens one in its text.
        unsure: (done.hitLimit === true && !done.thought) || json !== undefined,
      });
      // All of the limit spent without a word (a thinking model): say so, not "broke off".
      if (result.text === "" && done.hitLimit) {
        const maxTokens = call.maxTokens ?? DEFAULT_REPLY_TOKENS;
        throw noAnswer(backend.server, { model, maxTokens });
      }
      // The model stopped while or after thinking, without a word: thoughts are no answer.
      if (result.text === "" && (end.thought || done.thought)) {
        throw thoughtsOnly(backend.server, { model });
      }
      // A stream that "finished" without a word is broken: never an empty reply to store.
      if (result.text === "") {
        throw streamBroken(backend.server, { model, detail: "the reply was empty" });
      }
      result.promptTokens = done.promptTokens;
      result.completionTokens = done.completionTokens;
      if (done.hitLimit) result.truncated = true;
      return { result, done };
    }, {
      signal: call.signal,
      priority: call.priority,
      cutsBackground: call.cutsBackground,
      yieldable: call.yieldable,
    });
  }

  /** Embeds `inputs` with `model`; waits in the same queue as chats. */
  async embed(model: string, inputs: string[], options: EmbedOptions = {}): Promise<number[][]> {
    const route = this.#route(model);
    const plan = {
      ...route,
      timeoutMs: this.#settings.timeoutMs,
      streaming: false,
      maxBodyBytes: inputs.length * EMBED_BYTES_PER_INPUT + REPLY_SLACK_BYTES,
    };
    return await this.#queue.run(
      (signal) =>
        this.#call(
          { ...plan, signal },
          (io) => route.backend.embed({ model: route.model, inputs }, io),
        ),
      options,
    ).catch((error) => {
      throw busyWhenUpstreamIs(error);
    });
  }

  /** Lists the default provider's models; never throws (an unreachable server is reported). */
  async listModels(): Promise<ModelList> {
    const backend = this.#defaultBackend;
    const plan = {
      backend,
      model: "-",
      timeoutMs: Math.min(this.#settings.timeoutMs, LIST_TIMEOUT_MS),
      streaming: false,
      maxBodyBytes: MODEL_LIST_BYTES,
    };
    try {
      const models = await this.#call(plan, (io) => backend.listModels(io));
      return { reachable: true, models };
    } catch (error) {
      const failure = classifyLlmFailure(error, { server: backend.server });
      return {
        reachable: false,
        models: [],
        error: { message: failure.message, data: failure.data },
      };
    }
  }

  /** The backend and bare model name for `name`; a provider without settings is an error. */
  #route(name: string): { backend: ModelBackend; model: string } {
    const { provider, model } = parseModelRef(name, this.provider);
    const backend = this.#backends[provider];
    if (!backend) {
      throw new LlmUnavailable(
        `Model "${name}" needs the ${provider} provider, which is not set up`,
        {
          reason: "provider_unconfigured",
          provider,
          model: name,
          hint: UNCONFIGURED_HINTS[provider],
        },
      );
    }
    return { backend, model };
  }

  /** {@linkcode callServer} with this service's stream idle limit. */
  #call<T>(plan: CallPlan, work: (io: CallIo) => Promise<T>): Promise<T> {
    return callServer(plan, work, { streamIdleMs: this.#settings.streamIdleMs });
  }
}
