/**
 * A bare `Deno.serve` WebSocket echo server: the baseline the persona server is compared with.
 * Prints `PORT <n>` on stdout when listening. With `--reply-bytes N` it answers every frame with a
 * JSON-RPC reply of about N bytes instead (a kept result's text with a new id spliced in, as
 * `persona.get` answers): what the size of a reply costs a server that does nothing else
 * (`echo_size.ts`).
 */
const at = Deno.args.indexOf("--reply-bytes");
const replyBytes = at >= 0 ? Number(Deno.args[at + 1]) : 0;
const kept = JSON.stringify({ persona: { text: "x".repeat(Math.max(0, replyBytes - 60)) } });
let id = 0;

Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: ({ port }) => console.log(`PORT ${port}`),
}, (request) => {
  const { socket, response } = Deno.upgradeWebSocket(request);
  socket.onmessage = replyBytes > 0
    ? () => socket.send(`{"jsonrpc":"2.0","id":${id++},"result":${kept}}`)
    : (event) => socket.send(event.data);
  return response;
});
