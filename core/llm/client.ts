/**
 * The LLM seam: what the conversation engine, dialogues, memory and background jobs need from a
 * language model, whichever server runs it. `core/llm/service.ts` implements it over Ollama and
 * OpenAI-compatible servers; the simulation's scripted model implements it without one.
 *
 * @module
 */
import type { z } from "zod";
import type { Priority } from "./queue.ts";

export type { Priority } from "./queue.ts";

/** One chat message. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** A chat call. */
export interface ChatCall {
  /** A model of the default provider, or `provider:model` (`openai:...`, `ollama:...`). */
  model: string;
  messages: ChatMessage[];
  /** Sampling temperature (the server's default when absent). */
  temperature?: number;
  /** Most tokens of the answer (Ollama's `num_predict`, OpenAI's `max_tokens`). */
  maxTokens?: number;
  /** Aborts the call (queued or running); the connection to the server is closed. */
  signal?: AbortSignal;
  /** Called with each piece of text as it arrives. */
  onToken?: (text: string) => void;
  /** `interactive` (default) goes before every waiting `background` call. */
  priority?: Priority;
  /** A person's chat: may take a running background call's slot (`RunOptions.cutsBackground`). */
  cutsBackground?: boolean;
  /** A background call a chat may cut (default true; `RunOptions.yieldable`). */
  yieldable?: boolean;
}

/** The model's answer with the server's own token counts. */
export interface ChatResult {
  text: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  /**
   * Time from the call leaving the queue to the first token of the answer passed on (ms): a reply
   * held back (not streamed, or a model learned to open its thoughts) counts when it is let go.
   */
  firstTokenMs: number | null;
  /**
   * True when the reply was cut at its token limit (the server said `length`, or the reply
   * reached its bound here): it may end mid-sentence. Absent when the model finished.
   */
  truncated?: boolean;
}

/** A chat call whose answer must be one JSON value matching `schema`. */
export interface JsonCall<T> extends Omit<ChatCall, "onToken"> {
  /** The shape asked for; sent as JSON Schema and checked on the answer. */
  schema: z.ZodType<T>;
  /** Name of the schema for servers that want one (letters, digits, `_`, `-`). */
  schemaName?: string;
}

/** A structured answer: the checked value, and how the server was asked for it. */
export interface JsonResult<T> extends ChatResult {
  value: T;
  /**
   * `schema`: the server constrained the answer to the schema (Ollama's `format`, OpenAI's
   * `json_schema`). `json_object`: the server refused schemas, so it was asked for any JSON
   * object with the schema in the prompt, and the answer was checked here.
   */
  mode: "schema" | "json_object";
}

/** Options of {@linkcode LlmClient.embed}. */
export interface EmbedOptions {
  signal?: AbortSignal;
  priority?: Priority;
}

/** What the model list says, or why it could not be asked. */
export interface ModelList {
  reachable: boolean;
  models: Array<{ name: string; size: number | null; modified_at: string | null }>;
  error?: { message: string; data?: unknown };
}

/** A chat/embedding backend; the rest of the code depends on this, not on a server's API. */
export interface LlmClient {
  /** The default provider (`ollama`, `openai`; `scripted` in simulations). */
  readonly provider: string;
  /** Base URL of the default provider. */
  readonly host: string;
  /** Chats, streaming internally; honest errors (`LlmUnavailable`, `Busy`, `Cancelled`). */
  chat(call: ChatCall): Promise<ChatResult>;
  /** Chats for one JSON value matching `call.schema`; the value is checked before it returns. */
  chatJson<T>(call: JsonCall<T>): Promise<JsonResult<T>>;
  /** One vector per input, in order; waits in the same queue as chats. */
  embed(model: string, inputs: string[], options?: EmbedOptions): Promise<number[][]>;
  /** The default provider's models; never throws (an unreachable server is reported). */
  listModels(): Promise<ModelList>;
  /** Calls running and waiting. */
  load(): { running: number; waiting: number };
  /**
   * Milliseconds since the last interactive call (a chat, a dialogue turn) started or ended; 0
   * while one runs or waits. Background work uses it to keep out of chats' way.
   */
  quietFor?(): number;
}
