/**
 * persona-mcp: `deno task start` (or the compiled `persona-mcp` binary). Starts the WebSocket
 * JSON-RPC server and the REST PersonaAPI, then logs one line with both URLs.
 *
 * @module
 */
import { ConfigError, loadConfig } from "./core/config.ts";
import { startServer } from "./core/server.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ args: Deno.args, env: Deno.env.toObject() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`persona-mcp: ${error.message}`);
    Deno.exit(2);
  }
  let server;
  try {
    server = await startServer(config);
  } catch (error) {
    const prefix = error instanceof ConfigError ? "" : "cannot start: ";
    console.error(`persona-mcp: ${prefix}${(error as Error).message}`);
    Deno.exit(error instanceof ConfigError ? 2 : 1);
  }
  // Printed whatever LOG_LEVEL says: clients and tests wait for this line.
  console.error(
    `${
      new Date().toISOString()
    } READY persona-mcp ${server.services.version} websocket=${server.wsUrl} rest=${server.apiUrl}`,
  );
  const stop = async () => {
    server.services.log.info("Shutting down");
    await server.shutdown();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) await main();
