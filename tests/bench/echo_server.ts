/**
 * A bare `Deno.serve` WebSocket echo server: the baseline the persona server is compared with.
 * Prints `PORT <n>` on stdout when listening.
 */
Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: ({ port }) => console.log(`PORT ${port}`),
}, (request) => {
  const { socket, response } = Deno.upgradeWebSocket(request);
  socket.onmessage = (event) => socket.send(event.data);
  return response;
});
