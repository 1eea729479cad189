/**
 * persona-mcp: `deno task start` (or the compiled `persona-mcp` binary). Starts the WebSocket
 * JSON-RPC server (also MCP Streamable HTTP on `/mcp`) and the REST PersonaAPI, then logs one
 * line with both URLs. With `--stdio` it instead serves MCP on stdin/stdout, with no network
 * listener, until stdin ends (how Claude Desktop runs local servers).
 *
 * @module
 */
import { type Config, ConfigError, loadConfig } from "./core/config.ts";
import { buildServer, closeServices, startServer } from "./core/server/server.ts";
import { keepStdoutForProtocol, serveStdio } from "./core/server/transport/stdio.ts";
import { VERSION } from "./core/services.ts";
import { usageText } from "./core/server/docs/usage.ts";
import { checkModelServer } from "./core/server/model_check.ts";
import type { Services } from "./core/services_types.ts";

/** The flag that selects the stdio transport; every other flag is a setting. */
const STDIO_FLAG = "--stdio";

function fail(error: unknown): never {
  const known = error instanceof ConfigError;
  console.error(`persona-mcp: ${known ? "" : "cannot start: "}${(error as Error).message}`);
  Deno.exit(known ? 2 : 1);
}

/**
 * Makes DATA_DIR (SQLite only) before anything else, so that a folder that cannot be made (a
 * read-only working directory, as Claude Desktop gives, or a file in the way) stops the server with
 * one line naming the setting, like every other start failure.
 */
function makeDataDir(config: Config): void {
  if (config.STORAGE === "postgres") return;
  try {
    Deno.mkdirSync(config.DATA_DIR, { recursive: true });
  } catch (error) {
    const absolute = config.DATA_DIR.startsWith("/") ? config.DATA_DIR : underCwd(config.DATA_DIR);
    // Deno's message ends in ": mkdir 'data'", which the line already says better.
    const reason = (error as Error).message.replace(/: mkdir '.*'$/, "");
    console.error(
      `persona-mcp: cannot start: cannot create DATA_DIR "${config.DATA_DIR}" (${absolute}): ` +
        `${reason}; set DATA_DIR (or --data-dir) to an absolute folder you can write`,
    );
    Deno.exit(1);
  }
}

/** `path` under the working directory, or as it is when that directory is gone. */
function underCwd(path: string): string {
  try {
    return `${Deno.cwd()}/${path}`;
  } catch {
    return path;
  }
}

async function serveNetwork(config: Config): Promise<void> {
  const server = await startServer(config).catch(fail);
  // Printed whatever LOG_LEVEL says: clients and tests wait for this line.
  console.error(
    `${
      new Date().toISOString()
    } READY persona-mcp ${server.services.version} websocket=${server.wsUrl} rest=${server.apiUrl} mcp=${server.mcpUrl}`,
  );
  lookAtModelServer(server.services);
  onStopSignal(async () => {
    server.services.log.info("Shutting down");
    await server.shutdown();
  });
}

/** After READY, in the background: a WARN line if chats cannot work yet (no model server). */
function lookAtModelServer(services: Services): void {
  checkModelServer({
    llm: services.llm,
    log: services.log,
    config: services.config,
  }).catch(() => {}); // listModels reports rather than throws; a log line is not worth a crash
}

/** Runs `stop` on SIGINT or SIGTERM, then exits; a second signal while stopping exits at once. */
function onStopSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = async () => {
    if (stopping) Deno.exit(1);
    stopping = true;
    await stop();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", handler);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", handler);
}

async function serveStdin(config: Config): Promise<void> {
  keepStdoutForProtocol();
  const server = await buildServer(config).catch(fail);
  // stdout belongs to the protocol: the ready line, like every log line, goes to stderr.
  console.error(`${new Date().toISOString()} READY persona-mcp ${server.services.version} stdio`);
  lookAtModelServer(server.services);
  onStopSignal(() => closeServices(server.services));
  await serveStdio(server.connections, {
    input: Deno.stdin.readable,
    output: Deno.stdout.writable,
  });
  await closeServices(server.services);
  Deno.exit(0);
}

/**
 * Runs the server as its command line asks (`--help`, `--version`, `--stdio`, else the network
 * listeners). Called when this file is the main module, and by `core/server/bundle_main.ts`.
 */
export async function main(): Promise<void> {
  // Answered before settings are read, so that they work whatever the environment holds.
  if (Deno.args.some((arg) => arg === "--help" || arg === "-h")) {
    console.log(usageText(VERSION));
    return;
  }
  if (Deno.args.some((arg) => arg === "--version" || arg === "-V")) {
    console.log(`persona-mcp ${VERSION}`);
    return;
  }
  const stdio = Deno.args.includes(STDIO_FLAG);
  const args = Deno.args.filter((arg) => arg !== STDIO_FLAG);
  let config: Config;
  try {
    config = loadConfig({ args, env: Deno.env.toObject() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error);
  }
  makeDataDir(config);
  await (stdio ? serveStdin(config) : serveNetwork(config));
}

if (import.meta.main) await main();
