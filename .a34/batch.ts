/**
 * attack34: one JSON-RPC batch of `count` memory.store requests of `chars` characters on one
 * socket; when it replies, and whether another socket is answered meanwhile.
 *
 *   deno run -A .a34/batch.ts [tree] [port=7680] [count=1000] [chars=1000] [close=0]
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "7680", count = "1000", chars = "1000", close = "0"] = Deno.args;
const random = seeded(9);
const server = await startServer(tree || undefined, Number(port));
try {
  const rpc = await Rpc.open(server.ws);
  const { persona_id } = await rpc.call("persona.create", { name: "Batch", description: "x" });
  const ws = new WebSocket(server.ws);
  await new Promise((resolve) => (ws.onopen = resolve));
  const started = performance.now();
  const reply = new Promise<string>((resolve) => {
    ws.onmessage = (e) =>
      resolve(`${Math.round(performance.now() - started)} ms: ${String(e.data).slice(0, 160)}`);
    ws.onclose = (e) => resolve(`closed ${e.code} ${e.reason}`);
  });
  const text = () => {
    let t = "";
    while (t.length < Number(chars) - 10) t += Math.floor(random() * 1e6).toString(36) + " ";
    return t;
  };
  ws.send(JSON.stringify(Array.from({ length: Number(count) }, (_, i) => ({
    jsonrpc: "2.0",
    id: i,
    method: "memory.store",
    params: { persona_id, content: text() },
  }))));
  if (close === "1") {
    await new Promise((r) => setTimeout(r, 2_000));
    ws.close();
    console.log("batch socket closed after 2 s");
  }
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 5_000));
    const [ms, r] = await timed(() =>
      rpc.raw("memory.search", { persona_id, query: "hello there", n_results: 3 })
    );
    const [sms, s] = await timed(() =>
      rpc.raw("memory.store", { persona_id, content: "I like tea." })
    );
    const stats = await rpc.call("memory.get_stats", { persona_id }).catch((e) => ({
      error: e.message,
    }));
    console.log(
      `other socket: search ${ms} ms ${r.error ? r.error.message : "ok"}, store ${sms} ms ${
        s.error ? s.error.message : "ok"
      }, memories ${JSON.stringify(stats).slice(0, 60)}, rss ${server.rss().toFixed(0)} MiB`,
    );
  }
  console.log(
    "batch reply:",
    await Promise.race([
      reply,
      new Promise<string>((r) => setTimeout(() => r("(none in 240 s)"), 240_000)),
    ]),
  );
  rpc.close();
} finally {
  await server.stop();
}
