/**
 * Holds many idle WebSocket connections to a server, for `idle_sockets.ts`: opens `--count`
 * sockets (`--parallel` handshakes at a time), makes one `ping` call on each, prints
 * `HELD <open> REFUSED <refused> FAILED <failed>` and keeps the open ones until stdin closes.
 * A refusal is an upgrade answered with an HTTP error (503 at the server's connection limit).
 *
 *   deno run --allow-net tests/bench/socket_holder.ts --url ws://... --count 10000
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";

const url = stringFlag(Deno.args, "url")!;
const count = numberFlag(Deno.args, "count", 1000);
const parallel = numberFlag(Deno.args, "parallel", 100);

const sockets: WebSocket[] = [];
let refused = 0;
let failed = 0;

/** Opens one socket and makes one call; resolves to whether it is held. */
function holdOne(): Promise<void> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    let opened = false;
    socket.onopen = () => {
      opened = true;
      socket.send(JSON.stringify({ jsonrpc: "2.0", method: "ping", id: 1 }));
    };
    socket.onmessage = () => {
      sockets.push(socket);
      resolve();
    };
    socket.onerror = (event) => {
      // Deno reports a refused upgrade ("...status code 503...") as an error before open.
      const message = (event as ErrorEvent).message ?? "";
      if (!opened && /\b(503|Service Unavailable)\b/.test(message)) refused++;
      else failed++;
      resolve();
    };
    socket.onclose = () => resolve();
  });
}

let started = 0;
await Promise.all(Array.from({ length: Math.min(parallel, count) }, async () => {
  while (started < count) {
    started++;
    await holdOne();
  }
}));
console.log(`HELD ${sockets.length} REFUSED ${refused} FAILED ${failed}`);
// Held until the benchmark closes our stdin.
for await (const _ of Deno.stdin.readable) {
  // Nothing is sent on stdin.
}
for (const socket of sockets) socket.close();
