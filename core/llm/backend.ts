/**
 * What one model server's API must do for the LLM service. The service owns the queue, the
 * deadlines, the idle watch, cancellation and JSON checking; a backend only speaks its server's
 * HTTP API through the `fetch` it is given and maps that server's HTTP errors.
 *
 * @module
 */
import type { ChatMessage, ModelList } from "./client.ts";
import type { HttpFailureMapper, ServerInfo } from "./errors.ts";

/** A chat as a backend sends it. */
export interface BackendChat {
  /** The model name without a provider prefix. */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for one JSON value matching `schema` (a JSON Schema object). */
  json?: { name: string; schema: Record<string, unknown> };
}

/** What a backend gets for one call. */
export interface CallIo {
  /** A fetch whose abort really closes the connection. */
  fetch: typeof fetch;
  /** Aborted on cancel, timeout or idle stream. */
  signal: AbortSignal;
  /** The server has answered: a failure from now on is a broken stream, not "unreachable". */
  answered(): void;
  /** Something arrived on the stream (keeps the idle watch quiet). */
  touch(): void;
  /** A piece of the answer's text. */
  onText(piece: string): void;
}

/** Token counts of a finished chat, and how JSON was asked for. */
export interface BackendChatDone {
  promptTokens: number;
  completionTokens: number;
  /** Set on JSON calls: whether the server constrained the answer to the schema. */
  jsonMode?: "schema" | "json_object";
  /** Set when the server said it stopped at the token limit (`length`). */
  hitLimit?: boolean;
  /** Set when the server sent reasoning in a field of its own (never part of the text). */
  thought?: boolean;
}

/** One model server's API. */
export interface ModelBackend {
  readonly server: ServerInfo;
  /** Streams a chat; throws when the stream ends before the model has finished. */
  chat(request: BackendChat, io: CallIo): Promise<BackendChatDone>;
  embed(request: { model: string; inputs: string[] }, io: CallIo): Promise<number[][]>;
  listModels(io: CallIo): Promise<ModelList["models"]>;
  /** Maps this server's HTTP errors to honest domain errors. */
  readonly mapHttp: HttpFailureMapper;
}
