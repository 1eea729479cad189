/**
 * A server in a child process, started from `main.ts` as a user would ({@linkcode spawnServer}),
 * and what such children share: the repository root, the `--lock` flag for a child `deno`, and
 * the mind's jobs off ({@linkcode MIND_OFF}). Re-exported by `_helpers.ts`.
 *
 * @module
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import { readReadyLine } from "./_ready_line.ts";

/**
 * The mind's background jobs (fact extraction, reflection) are off in tests unless a test turns
 * them on: they would add model calls to every test that counts or reads the model's requests.
 */
export const MIND_OFF: Record<string, string> = {
  MEMORY_EXTRACTION: "false",
  MEMORY_REFLECTION: "false",
};

/** The repository root. */
export const REPO_ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/**
 * `--lock` for a child `deno` that runs test or build code. `tests/deno.lock` pins the server's
 * packages and the test-only ones (MCP SDK, playwright-core, pglite, the dashboard's Preact …);
 * `deno.lock` pins only what `deno task start` runs, since Deno installs all of it on start.
 */
export const DEV_LOCK_FLAG = `--lock=${REPO_ROOT}/tests/deno.lock`;

/** A server process started from `main.ts`, as a user would. */
export interface ServerProcess {
  /** The server's process id (its memory can be read from /proc). */
  pid: number;
  wsUrl: string;
  apiUrl: string;
  dataDir: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves once the process has exited (by itself or signalled), with all of stderr read. */
  exited: Promise<Deno.CommandStatus>;
  /** Stops the process (SIGTERM) and waits for it. */
  stop(): Promise<Deno.CommandStatus>;
  /** Kills the process at once (SIGKILL: no shutdown at all), and waits for it. */
  kill(): Promise<Deno.CommandStatus>;
}

/** Runs `main.ts` in a child process with `env`; resolves when its ready line appears. */
export async function spawnServer(
  env: Record<string, string> = {},
  args: string[] = [],
  entry = `${REPO_ROOT}/main.ts`,
): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? tempDirSync("persona-proc-");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry, ...args],
    env: {
      SERVER_PORT: "0",
      API_PORT: "0",
      ENV_FILE: "/nonexistent",
      ...MIND_OFF,
      ...env,
      DATA_DIR: dataDir,
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const { wsUrl, apiUrl, reader, text: readyText } = await readReadyLine(child);
  let text = readyText;
  const drain = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      text += value;
    }
  })();
  const end = async (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
    const status = await child.status;
    await drain;
    return status;
  };
  return {
    pid: child.pid,
    wsUrl,
    apiUrl,
    dataDir,
    stderr: () => text,
    exited: drain.then(() => child.status),
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
  };
}
