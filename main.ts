/**
 * persona-mcp: `deno task start` (or the compiled `persona-mcp` binary). Starts the WebSocket
 * JSON-RPC server (also MCP Streamable HTTP on `/mcp`) and the REST PersonaAPI, then logs one
 * line with both URLs. With `--stdio` it instead serves MCP on stdin/stdout, with no network
 * listener, until stdin ends (how Claude Desktop runs local servers).
 *
 * @module
 */
import { type Config, ConfigError, loadConfig } from "./core/config.ts";
import { buildApp, startServer } from "./core/server.ts";
import { serveStdio } from "./core/transport/stdio.ts";

/** The flag that selects the stdio transport; every other flag is a setting. */
const STDIO_FLAG = "--stdio";

function fail(error: unknown): never {
  const known = error instanceof ConfigError;
  console.error(`persona-mcp: ${known ? "" : "cannot start: "}${(error as Error).message}`);
  Deno.exit(known ? 2 : 1);
}

async function serveNetwork(config: Config): Promise<void> {
  const server = await startServer(config).catch(fail);
  // Printed whatever LOG_LEVEL says: clients and tests wait for this line.
  console.error(
    `${
      new Date().toISOString()
    } READY persona-mcp ${server.services.version} websocket=${server.wsUrl} rest=${server.apiUrl} mcp=${server.mcpUrl}`,
  );
  let stopping = false;
  const stop = async () => {
    // A second signal while shutting down means "now".
    if (stopping) Deno.exit(1);
    stopping = true;
    server.services.log.info("Shutting down");
    await server.shutdown();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
}

async function serveStdin(config: Config): Promise<void> {
  const app = await buildApp(config).catch(fail);
  // stdout belongs to the protocol: the ready line, like every log line, goes to stderr.
  console.error(`${new Date().toISOString()} READY persona-mcp ${app.services.version} stdio`);
  const stop = () => {
    app.services.db.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
  await serveStdio(app.services, app.dispatcher, {
    input: Deno.stdin.readable,
    output: Deno.stdout.writable,
  });
  stop();
}

async function main(): Promise<void> {
  const stdio = Deno.args.includes(STDIO_FLAG);
  const args = Deno.args.filter((arg) => arg !== STDIO_FLAG);
  let config: Config;
  try {
    config = loadConfig({ args, env: Deno.env.toObject() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error);
  }
  await (stdio ? serveStdin(config) : serveNetwork(config));
}

if (import.meta.main) await main();
