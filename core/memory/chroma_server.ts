/**
 * A real Chroma server from npm (`chromadb-js-bindings-linux-x64-gnu@1.0.1`, server 1.0.0, the
 * last build that runs on this glibc), in a child process (`chroma_serve.ts`) because the server
 * blocks the thread that starts it, and because its package stays out of the server's own
 * dependencies. `deno task chroma` runs one in the foreground for local use (port from
 * CHROMA_URL, data in DATA_DIR/chroma); tests call {@linkcode startChromaServer}.
 *
 * @module
 */
import { chromaServeArgs } from "./chroma_serve.ts";

/** A Chroma server running in a child process. */
export interface ChromaServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Its data folder. */
  path: string;
  /**
   * Stops the process and waits for it. The data stays in `path` when it was given; a temporary
   * folder made for the server (no `path`) is removed with it.
   */
  stop(): Promise<void>;
}

/** Options for {@linkcode startChromaServer}. */
export interface ChromaServerOptions {
  /**
   * Data folder (created if missing). Absent: a temporary folder, removed at `stop()`, so that
   * tests leave no server data behind (each run's is ~260 MB).
   */
  path?: string;
  /** Port; 0 or absent picks a free one. */
  port?: number;
  /** Longest wait for the heartbeat, in ms (default 60 s). */
  startTimeoutMs?: number;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Resolves when `url` answers its heartbeat, or rejects when the child exits or time runs out. */
async function waitForHeartbeat(
  url: string,
  exited: Promise<Deno.CommandStatus>,
  timeoutMs: number,
): Promise<void> {
  let gone = false;
  exited.then(() => gone = true);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`Chroma exited before answering at ${url}`);
    try {
      const response = await fetch(`${url}/api/v2/heartbeat`);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Chroma did not answer at ${url} within ${timeoutMs} ms`);
}

/** Starts a Chroma server in a child process and waits until it answers. */
export async function startChromaServer(options: ChromaServerOptions = {}): Promise<ChromaServer> {
  const port = options.port || freePort();
  const temporary = options.path === undefined;
  const path = options.path ?? Deno.makeTempDirSync({ prefix: "persona-chroma-" });
  Deno.mkdirSync(path, { recursive: true });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...chromaServeArgs(),
      "--path",
      path,
      "--port",
      String(port),
    ],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // Already gone.
    }
    await child.status;
    if (temporary) await Deno.remove(path, { recursive: true }).catch(() => {});
  };
  try {
    await waitForHeartbeat(url, child.status, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, path, stop };
}

/** `deno task chroma`: a Chroma server where the server's settings say Chroma is, until stopped. */
async function main(): Promise<void> {
  const { loadConfig } = await import("../config.ts");
  const config = loadConfig({ env: Deno.env.toObject() });
  const path = `${config.DATA_DIR}/chroma`;
  const port = new URL(config.CHROMA_URL).port || "8000";
  console.error(`Chroma for persona-mcp: ${config.CHROMA_URL}, data in ${path}`);
  Deno.mkdirSync(path, { recursive: true });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...chromaServeArgs(), "--path", path, "--port", port],
  }).spawn();
  const stop = () => child.kill("SIGTERM");
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  Deno.exit((await child.status).code);
}

if (import.meta.main) await main();
