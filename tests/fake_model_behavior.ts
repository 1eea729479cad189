/**
 * What the model-server fakes (`fake_model_server.ts`) are asked and how they answer: the chat
 * request's shape, the behaviour a test sets, the record of a request, and the deterministic
 * reply, token count and embedding both fakes give.
 *
 * @module
 */

/** A chat message as the server receives it. */
export interface FakeChatMessage {
  role: string;
  content: string;
}

/** A chat request body as received (`/api/chat` or `/v1/chat/completions`). */
export interface FakeChatRequest {
  model: string;
  messages: FakeChatMessage[];
  stream?: boolean;
  options?: Record<string, unknown>;
  [key: string]: unknown;
}

/** How the server answers; change fields at any time during a test. */
export interface FakeBehavior {
  /** Builds the assistant's reply; by default a deterministic line that quotes the user. */
  reply: (request: FakeChatRequest) => string;
  /** Delay before the first token (ms). */
  firstTokenDelayMs: number;
  /** Delay between tokens (ms). */
  tokenDelayMs: number;
  /**
   * `ok`; `error` answers HTTP 500; `drop` sends two tokens then breaks the connection;
   * `truncate` sends two tokens then ends the body cleanly, without the final message;
   * `stream_error` sends two tokens then an error message in the stream; `hang` never answers.
   */
  mode: "ok" | "error" | "drop" | "truncate" | "stream_error" | "hang";
  /** Models the server lists; a chat or embed for any other model is a 404 like the real one's. */
  models: string[];
  /** Embedding dimension. */
  embedDimensions: number;
  /** Token counts to report instead of counting words (servers count their own way). */
  counts?: { prompt: number; completion: number };
  /** Why the model stopped (`done_reason`, `finish_reason`): `stop` unless set. */
  finishReason?: "stop" | "length";
  /**
   * For requests that ask for JSON (a schema or `json_object`): another `mode` and another
   * first-token delay and gate (`held`), so background jobs can fail or be slow while chats work.
   */
  json?: { mode?: FakeBehavior["mode"]; firstTokenDelayMs?: number; held?: Promise<void> };
  /**
   * Chats start answering only once this resolves (then after `firstTokenDelayMs`): a test
   * holds the model's replies until it lets them go, an order rather than a delay.
   */
  held?: Promise<void>;
}

/** Whether a request body asks for JSON (Ollama's `format`, OpenAI's `response_format`). */
export function asksForJson(body: unknown): boolean {
  const request = body as Record<string, unknown> | undefined;
  return request?.format !== undefined || request?.response_format !== undefined;
}

/** A request as recorded. */
export interface RecordedRequest {
  path: string;
  body: unknown;
  headers: Headers;
  at: number;
}

/** Default reply: quotes the last user message so tests can see what the model was asked. */
export function defaultReply(request: FakeChatRequest): string {
  const last = [...request.messages].reverse().find((message) => message.role === "user");
  const said = (last?.content ?? "").split("\n").at(-1)?.slice(0, 80) ?? "";
  return `Well met! You said: ${said}. What a tale that would make.`;
}

/** Splits a reply into word-ish tokens that join back to it exactly. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Tokens as the fakes count them. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}

/** A deterministic bag-of-words embedding, so similar texts get similar vectors. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 2166136261;
    for (const char of word) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    const bucket = Math.abs(hash) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
