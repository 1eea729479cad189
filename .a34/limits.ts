/**
 * attack34: request limits over the wire: a JSON-RPC batch of many stores, concurrent writes to
 * one persona, many personas, updates of long memories. Each step timed, with the server's
 * resident memory.
 *
 *   deno run -A .a34/limits.ts [tree] [port=7640] [only=step names, comma-separated]
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "7640", only = ""] = Deno.args;
const random = seeded(3);
const prose = (chars: number) => {
  const vocab = "the my sister lives in Leeds and works as nurse dog called Rex likes long walks"
    .split(" ");
  let text = "";
  while (text.length < chars - 12) text += vocab[Math.floor(random() * vocab.length)] + " ";
  return text.trim();
};
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
const { persona_id } = await rpc.call("persona.create", { name: "Limits", description: "x" });
const steps: Record<string, () => Promise<string>> = {
  async batch_store() {
    const ws = new WebSocket(server.ws);
    await new Promise((resolve) => (ws.onopen = resolve));
    const reply = new Promise<string>((resolve) => (ws.onmessage = (e) => resolve(e.data)));
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      jsonrpc: "2.0",
      id: i,
      method: "memory.store",
      params: { persona_id, content: prose(1000), importance: 0.5 },
    }));
    ws.send(JSON.stringify(batch));
    const text = await Promise.race([
      reply,
      new Promise<string>((r) => setTimeout(() => r("(no reply in 120 s)"), 120_000)),
    ]);
    ws.close();
    return `${text.length} bytes: ${text.slice(0, 200)}`;
  },
  async concurrent_writes() {
    const stored = await Promise.all(
      Array.from(
        { length: 100 },
        () => rpc.raw("memory.store", { persona_id, content: prose(9_000), importance: 0.5 }),
      ),
    );
    const ids = stored.map((r) => r.result?.memory_id).filter(Boolean);
    const errors = stored.filter((r) => r.error).map((r) => r.error.message);
    const mixed = await Promise.all(ids.flatMap((id: string) => [
      rpc.raw("memory.update", { memory_id: id, content: prose(9_500) }),
      rpc.raw("memory.search", { persona_id, query: "where does my sister live", n_results: 10 }),
    ]));
    const mixedErrors = mixed.filter((r) => r.error).map((r) => r.error.message);
    return `${ids.length} stored, errors ${JSON.stringify([...new Set(errors)]).slice(0, 200)}; ` +
      `update+search errors ${mixedErrors.length} ${
        JSON.stringify([...new Set(mixedErrors)]).slice(0, 300)
      }`;
  },
  async many_personas() {
    const made = await Promise.all(
      Array.from(
        { length: 1000 },
        (_, i) => rpc.raw("persona.create", { name: `P${i}`, description: prose(500) }),
      ),
    );
    const errors = made.filter((r) => r.error).map((r) => r.error.message);
    const [ms, list] = await timed(() => rpc.raw("persona.list", {}));
    return `${made.length - errors.length} made, errors ${
      JSON.stringify([...new Set(errors)]).slice(0, 200)
    }; list ${ms} ms, ${JSON.stringify(list).length} bytes ${
      list.error ? JSON.stringify(list.error).slice(0, 200) : ""
    }`;
  },
  async big_message() {
    const ws = new WebSocket(server.ws);
    await new Promise((resolve) => (ws.onopen = resolve));
    const reply = new Promise<string>((resolve) => {
      ws.onmessage = (e) => resolve(String(e.data).slice(0, 200));
      ws.onclose = (e) => resolve(`closed ${e.code} ${e.reason}`);
    });
    ws.send(JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "memory.search",
      params: { persona_id, query: "x ".repeat(20_000_000) },
    }));
    const text = await Promise.race([
      reply,
      new Promise<string>((r) => setTimeout(() => r("(no reply in 60 s)"), 60_000)),
    ]);
    ws.close();
    return text;
  },
};
try {
  for (const [name, step] of Object.entries(steps)) {
    if (only && !only.split(",").includes(name)) continue;
    const [ms, what] = await timed(step);
    console.log(`== ${name}: ${ms} ms, rss ${server.rss().toFixed(0)} MiB: ${what}`);
  }
} finally {
  rpc.close();
  await server.stop();
}
