/** attack37: a 1 MB line of "ma ma ma" (and others) as a memory, a query and a chat message. */
import { Rpc, startServer, timed } from "./wire.ts";
const [tree = "", port = "23716"] = Deno.args;
const server = await startServer(tree || undefined, Number(port), {
  MAX_FRAME_BYTES: String(4 << 20),
});
const rpc = await Rpc.open(server.ws);
const { persona_id } = await rpc.call("persona.create", { name: "Big", description: "x" });
for (const piece of ["ma ", "am ", "oor ", "masel ", "мама ", "ma"]) {
  const text = piece.repeat(Math.ceil(1_000_000 / piece.length));
  for (
    const [method, params] of [
      ["memory.store", { persona_id, content: text }],
      ["memory.search", { persona_id, query: text }],
      ["memory.search", { persona_id, query: text.slice(0, 1999) }],
    ] as const
  ) {
    const [ms, reply] = await timed(() => rpc.raw(method, params));
    console.log(
      JSON.stringify(piece),
      method,
      ms,
      "ms",
      JSON.stringify(reply.error ?? reply.result).slice(0, 160),
      `rss ${server.rss().toFixed(0)}`,
    );
  }
}
rpc.close();
await server.stop();
