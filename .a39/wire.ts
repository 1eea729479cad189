/**
 * attack38: a server started from a tree (default: this worktree) on 127.0.0.1, a JSON-RPC
 * WebSocket client of it, and its resident memory.
 */
import { rssMiB } from "../tests/_attack.ts";

export interface Server {
  pid: number;
  ws: string;
  api: string;
  dir: string;
  stop(): Promise<void>;
  rss(): number;
}

/** Starts `main.ts` of `tree` on ports `port` (WS) and `port + 1` (REST), fresh data dir. */
export async function startServer(
  tree = new URL("..", import.meta.url).pathname,
  port = 23700,
  env: Record<string, string> = {},
): Promise<Server> {
  const dir = env.DATA_DIR ?? await Deno.makeTempDir({ prefix: "a39_" });
  const child = new Deno.Command("deno", {
    args: [
      "run",
      "-A",
      ...(Deno.env.get("A38_DENO_FLAGS")?.split(" ").filter(Boolean) ?? []),
      `${tree}/main.ts`,
    ],
    cwd: dir,
    env: {
      DATA_DIR: dir,
      SERVER_PORT: String(port),
      API_PORT: String(port + 1),
      SERVER_HOST: "127.0.0.1",
      NO_COLOR: "1",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 120_000;
  while (!seen.includes("READY")) {
    if (Date.now() > deadline) throw new Error("no READY: " + seen);
    const { value, done } = await reader.read();
    if (done) {
      throw new Error("server ended: " + seen);
    }
    seen += value;
  }
  // Keep draining both pipes (the log is on stderr).
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (Deno.env.get("A38_SERVER_LOG")) console.error("[server]", value.trimEnd());
      }
    } catch { /* closed */ }
  })();
  child.stdout.cancel().catch(() => {});
  return {
    pid: child.pid,
    ws: `ws://127.0.0.1:${port}/mcp`,
    api: `http://127.0.0.1:${port + 1}/api`,
    dir,
    rss: () => rssMiB(child.pid),
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      await child.status;
      if (!env.KEEP_DIR) await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

/** A JSON-RPC 2.0 client over one WebSocket. */
export class Rpc {
  #ws: WebSocket;
  #id = 0;
  #pending = new Map<number, (reply: { result?: unknown; error?: unknown }) => void>();
  /** The close code and reason, once the socket closed. */
  closed: string | undefined;
  readonly opened: Promise<void>;
  constructor(url: string) {
    this.#ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.#ws.onopen = () => resolve();
      this.#ws.onerror = (e) => reject(e);
    });
    // A socket the server closes answers every request still waiting with its close.
    this.#ws.onclose = (event) => {
      this.closed = `${event.code} ${event.reason} clean=${event.wasClean} at ${
        new Date().toISOString()
      }`;
      for (const resolve of this.#pending.values()) {
        resolve({ error: { closed: this.closed } });
      }
      this.#pending.clear();
    };
    this.#ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id !== undefined) this.#pending.get(message.id)?.(message);
    };
  }
  static async open(url: string): Promise<Rpc> {
    const rpc = new Rpc(url);
    await rpc.opened;
    return rpc;
  }
  /** The reply's result, or throws its error. */
  // deno-lint-ignore no-explicit-any
  async call<T = any>(method: string, params: object = {}): Promise<T> {
    const reply = await this.raw(method, params);
    if (reply.error) throw new Error(`${method}: ${JSON.stringify(reply.error).slice(0, 400)}`);
    return reply.result as T;
  }
  // deno-lint-ignore no-explicit-any
  raw(method: string, params: object = {}): Promise<{ result?: any; error?: any }> {
    const id = ++this.#id;
    if (this.closed) return Promise.resolve({ error: { closed: this.closed } });
    this.#ws.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    return new Promise((resolve) => this.#pending.set(id, resolve));
  }
  close(): void {
    this.#ws.close();
  }
}

/** Milliseconds `run` takes, and its value. */
export async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await run();
  return [Math.round(performance.now() - start), value];
}

/** A seeded random number generator (mulberry32). */
export function seeded(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
