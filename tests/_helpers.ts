/**
 * Test helpers: servers on ephemeral ports with temporary data dirs, and a small JSON-RPC
 * WebSocket client that keeps notifications apart from responses.
 *
 * @module
 */
import { type Config, loadConfig } from "../core/config.ts";
import { createLogger, type Logger } from "../core/log.ts";
import { type RunningServer, startServer } from "../core/server/server.ts";
import { defineHandler, type Handler } from "../core/server/define_handler.ts";
import { z } from "zod";
import { testSchema } from "../core/storage/testing/databases.ts";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { tempDir, tempDirSync } from "../core/testing/temp_dirs.ts";
import { MIND_OFF } from "./_server_process.ts";

export {
  DEV_LOCK_FLAG,
  MIND_OFF,
  REPO_ROOT,
  type ServerProcess,
  spawnServer,
} from "./_server_process.ts";
export { rawHttp, type RawResponse } from "./_raw_http.ts";

/** A logger for tests: silent unless TEST_LOG=1. */
export function testLogger(): Logger {
  return createLogger(Deno.env.get("TEST_LOG") ? "debug" : "error", {
    write: Deno.env.get("TEST_LOG") ? undefined : () => {},
  });
}

/**
 * Settings for a test server: ephemeral ports, a fresh temp DATA_DIR (removed when the test
 * file ends), no .env file.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    env: {
      SERVER_PORT: "0",
      API_PORT: "0",
      DATA_DIR: env.DATA_DIR ?? tempDirSync("persona-test-"),
      ...MIND_OFF,
      ...env,
    },
    dotenv: "",
  });
}

/** Starts an in-process server for a test; stop it with `server.shutdown()` in `finally`. */
export function startTestServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(testConfig(env), { log: testLogger() });
}

/** A JSON-RPC error answered by the server. */
export class RpcCallError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(error: { code: number; message: string; data?: unknown }) {
    super(error.message);
    this.code = error.code;
    this.data = error.data;
  }
}

/** A JSON-RPC client over a real WebSocket. */
export class RpcClient {
  readonly socket: WebSocket;
  readonly notifications: Array<{ method: string; params: Record<string, unknown> }> = [];
  readonly #pending = new Map<string, (message: Record<string, unknown>) => void>();
  readonly #rawWaiters: Array<(message: unknown) => void> = [];
  readonly #notificationWaiters: Array<() => void> = [];
  readonly closed: Promise<CloseEvent>;
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.addEventListener("close", resolve));
    socket.addEventListener("message", (event) => this.#onMessage(event.data as string));
  }

  /** Opens a connection (optionally offering subprotocols) and waits until it is open. */
  static async connect(url: string, protocols?: string | string[]): Promise<RpcClient> {
    const socket = new WebSocket(url, protocols);
    const client = new RpcClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error(`cannot connect to ${url}`)), {
        once: true,
      });
    });
    return client;
  }

  #onMessage(text: string): void {
    const message = JSON.parse(text);
    if (!Array.isArray(message) && message.method && !("id" in message)) {
      this.notifications.push(message);
      this.#notificationWaiters.splice(0).forEach((wake) => wake());
      return;
    }
    const key = Array.isArray(message) ? undefined : JSON.stringify(message.id);
    const waiter = key === undefined ? undefined : this.#pending.get(key);
    if (waiter && key !== undefined) {
      this.#pending.delete(key);
      waiter(message);
      return;
    }
    const raw = this.#rawWaiters.shift();
    if (raw) raw(message);
  }

  /** Calls `method`; resolves to `result`, rejects with {@linkcode RpcCallError}. */
  async call<T = Record<string, unknown>>(
    method: string,
    params?: unknown,
  ): Promise<T> {
    const response = await this.request(method, params);
    if ("error" in response) {
      throw new RpcCallError(response.error as { code: number; message: string });
    }
    return response.result as T;
  }

  /** Sends a request and resolves to the whole response object. */
  request(method: string, params?: unknown, id: string | number = this.#nextId++): Promise<
    Record<string, unknown>
  > {
    const message: Record<string, unknown> = { jsonrpc: "2.0", method, id };
    if (params !== undefined) message.params = params;
    const answer = new Promise<Record<string, unknown>>((resolve) =>
      this.#pending.set(JSON.stringify(id), resolve)
    );
    this.socket.send(JSON.stringify(message));
    return answer;
  }

  /** Sends raw text; resolves to the next message that is not a notification or awaited reply. */
  sendRaw(text: string): Promise<unknown> {
    const answer = new Promise<unknown>((resolve) => this.#rawWaiters.push(resolve));
    this.socket.send(text);
    return answer;
  }

  /** Sends a notification (no id). */
  notify(method: string, params?: unknown): void {
    this.socket.send(JSON.stringify({ jsonrpc: "2.0", method, params }));
  }

  /** Resolves once a notification matching `predicate` has arrived. */
  async waitForNotification(
    predicate: (notification: { method: string; params: Record<string, unknown> }) => boolean,
  ): Promise<{ method: string; params: Record<string, unknown> }> {
    while (true) {
      const found = this.notifications.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => this.#notificationWaiters.push(resolve));
    }
  }

  /** Closes the socket and waits for the close to finish. */
  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    await this.closed;
  }
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A test handler for `method` that never answers: it ends only when its request is cancelled. */
export function waitUntilCancelled(method: string): Handler {
  return defineHandler({
    method,
    description: "Waits until cancelled",
    params: z.strictObject({}),
    handle: (_params, ctx) =>
      new Promise<never>((_resolve, reject) =>
        ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))
      ),
  });
}

/** The body of an MCP `initialize` request (Streamable HTTP tests open sessions with it). */
export const MCP_INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
});

/** What {@linkcode withTestServer} hands a test (`F`: its model-server test server). */
export interface TestHarness<F = FakeOllama> {
  fake: F;
  server: RunningServer;
  client: RpcClient;
}

/**
 * Runs `test` against a server (settings from `env`) that talks to a fresh Ollama-compatible
 * test server, with a WebSocket client; all three are closed afterwards.
 */
export async function withTestServer(
  test: (harness: TestHarness) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const fake = FakeOllama.start();
  await withServerOf({ fake, env: { OLLAMA_HOST: fake.url, ...env } }, test);
}

/**
 * Runs `test` against a test server (settings from `env`, which point it at `fake`) with a
 * WebSocket client; the client, the server and `fake` are closed afterwards.
 */
export async function withServerOf<F extends { stop(): Promise<void> }>(
  setup: { fake: F; env: Record<string, string> },
  test: (harness: TestHarness<F>) => Promise<void>,
): Promise<void> {
  const { fake, env } = setup;
  try {
    const server = await startTestServer(env);
    try {
      const client = await RpcClient.connect(server.wsUrl);
      try {
        await test({ fake, server, client });
      } finally {
        await client.close();
      }
    } finally {
      await server.shutdown();
    }
  } finally {
    await fake.stop();
  }
}

/**
 * Runs `test` with the settings of a server on a fresh PostgreSQL test schema (dropped after),
 * its memories' vectors in an unreachable Chroma.
 */
export async function withPostgresEnv(
  test: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  const schema = await testSchema();
  try {
    await test({
      STORAGE: "postgres",
      DATABASE_URL: schema.url,
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: "http://127.0.0.1:9",
    });
  } finally {
    await schema.drop();
  }
}

/**
 * Runs `test` with the settings of a server on a fresh PostgreSQL test schema, its memories'
 * vectors in a real Chroma server of its own (both gone after).
 */
export async function withPostgresChromaEnv(
  test: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  const schema = await testSchema();
  const chroma = await startChromaServer({
    path: await tempDir("pg-chroma-"),
  });
  try {
    await test({
      STORAGE: "postgres",
      DATABASE_URL: schema.url,
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: chroma.url,
    });
  } finally {
    await chroma.stop();
    await schema.drop();
  }
}
