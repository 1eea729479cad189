/**
 * A real Chroma server from npm (`chromadb-js-bindings-linux-x64-gnu@1.0.1`, server 1.0.0, the
 * last build that runs on this glibc). `deno task chroma` runs one in the foreground for local
 * use (port from CHROMA_URL, data in DATA_DIR/chroma); tests call {@linkcode startChromaServer},
 * which runs this file in a child process because the server blocks the thread that starts it.
 *
 * @module
 */
import bindingsPackage from "chromadb-js-bindings-linux-x64-gnu/package.json" with {
  type: "json",
};
import { createRequire } from "node:module";

/** A Chroma server running in a child process. */
export interface ChromaServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Its data folder. */
  path: string;
  /** Stops the process and waits for it (the data stays in `path`). */
  stop(): Promise<void>;
}

/** Options for {@linkcode startChromaServer}. */
export interface ChromaServerOptions {
  /** Data folder (created if missing). */
  path: string;
  /** Port; 0 or absent picks a free one. */
  port?: number;
  /** Longest wait for the heartbeat, in ms (default 60 s). */
  startTimeoutMs?: number;
}

/** Runs the Chroma server in this process; never returns while it serves. */
function serveHere(path: string, port: number): void {
  // The bindings are a native addon; `require` by file path avoids resolving the bare name,
  // which `npm:chromadb`'s own (newer, unusable here) optional copy of the package confuses.
  const require = createRequire(import.meta.url);
  const packageUrl = import.meta.resolve("chromadb-js-bindings-linux-x64-gnu/package.json");
  const addon = require(new URL(bindingsPackage.main, packageUrl).pathname);
  addon.cli(["chroma", "run", "--path", path, "--port", String(port)]);
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
export async function startChromaServer(options: ChromaServerOptions): Promise<ChromaServer> {
  const port = options.port || freePort();
  Deno.mkdirSync(options.path, { recursive: true });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-ffi",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-net",
      "--allow-sys",
      new URL(import.meta.url).pathname,
      "--path",
      options.path,
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
  };
  try {
    await waitForHeartbeat(url, child.status, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, path: options.path, stop };
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  let path = flag(args, "path");
  let port = flag(args, "port");
  if (path === undefined || port === undefined) {
    // `deno task chroma`: where the server's settings say Chroma is.
    const { loadConfig } = await import("../config.ts");
    const config = loadConfig({ env: Deno.env.toObject() });
    path ??= `${config.DATA_DIR}/chroma`;
    port ??= new URL(config.CHROMA_URL).port || "8000";
    console.error(`Chroma for persona-mcp: ${config.CHROMA_URL}, data in ${path}`);
  }
  Deno.mkdirSync(path, { recursive: true });
  serveHere(path, Number(port));
}

if (import.meta.main) await main(Deno.args);
