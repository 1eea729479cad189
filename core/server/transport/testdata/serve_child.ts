/**
 * A server for kept_listener_test.ts, run in its own process under a low `ulimit -n`: `serveOn`
 * as the real server uses it, answering `ok` over HTTP and echoing WebSocket messages. Prints
 * its port, then its log lines.
 *
 * @module
 */
import { loadConfig } from "../../../config.ts";
import { createLogger } from "../../../log.ts";
import { serveOn } from "../listen.ts";

// As main.ts does at start: Deno's signal machinery then holds its descriptors before any run
// out (set up lazily under EMFILE, Deno 2.9.6 panicked in ext/signals once in CI).
Deno.addSignalListener("SIGTERM", () => Deno.exit(0));

const config = loadConfig({ env: { SERVER_PORT: "0" }, dotenv: "" });
const log = createLogger("info", { write: (line) => console.log(line) });
const listener = serveOn("SERVER_PORT", config, (request) => {
  if (request.headers.get("upgrade") !== "websocket") return new Response("ok");
  const { socket, response } = Deno.upgradeWebSocket(request);
  socket.onmessage = (event) => socket.send(event.data);
  return response;
}, { log });
console.log(`PORT ${listener.addr.port}`);
