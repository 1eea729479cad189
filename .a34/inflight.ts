/**
 * attack34: many requests in flight on one socket: `count` concurrent memory.store of `chars`
 * characters, then what happened to each (reply, error, or none when the socket closed).
 *
 *   deno run -A .a34/inflight.ts [tree] [port=7670] [count=100] [chars=9000]
 */
import { seeded, startServer } from "./wire.ts";

const [tree, port = "7670", count = "100", chars = "9000"] = Deno.args;
const random = seeded(5);
const server = await startServer(tree || undefined, Number(port));
try {
  const ws = new WebSocket(server.ws);
  await new Promise((resolve) => (ws.onopen = resolve));
  const replies = new Map<number, string>();
  const errorsWithoutId: string[] = [];
  let closed = "";
  ws.onclose = (e) => (closed = `closed ${e.code} ${e.reason}`);
  ws.onmessage = (e) => {
    const message = JSON.parse(e.data);
    if (message.id === undefined || message.id === null) {
      errorsWithoutId.push(String(e.data).slice(0, 200));
    } else replies.set(message.id, message.error ? `error ${message.error.message}` : "ok");
  };
  const send = (id: number, method: string, params: object) =>
    ws.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
  send(0, "persona.create", { name: "Inflight", description: "x" });
  while (!replies.has(0)) await new Promise((r) => setTimeout(r, 50));
  const list = await (await fetch(`${server.api}/personas`)).json();
  const persona_id = list.personas.find((p: { name: string }) => p.name === "Inflight").id;
  const text = () => {
    let t = "";
    while (t.length < Number(chars) - 10) t += Math.floor(random() * 1e6).toString(36) + " ";
    return t;
  };
  const started = performance.now();
  for (let i = 1; i <= Number(count); i++) send(i, "memory.store", { persona_id, content: text() });
  const deadline = Date.now() + 180_000;
  while (replies.size < Number(count) + 1 && !closed && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const kinds = new Map<string, number>();
  for (const [id, what] of replies) if (id > 0) kinds.set(what, (kinds.get(what) ?? 0) + 1);
  console.log(
    `${replies.size - 1}/${count} replied in ${Math.round(performance.now() - started)} ms; ` +
      `${JSON.stringify([...kinds])}; ${closed || "open"}; without id: ${errorsWithoutId.length} ` +
      `${errorsWithoutId[0] ?? ""}; rss ${server.rss().toFixed(0)} MiB`,
  );
  // Then every stored memory updated and a search beside each, all at once.
  const ids: string[] = [];
  const stored = new Map<number, string>();
  ws.onmessage = (e) => {
    const message = JSON.parse(e.data);
    if (message.id === undefined || message.id === null) {
      errorsWithoutId.push(String(e.data).slice(0, 200));
    } else stored.set(message.id, message.error ? `error ${message.error.message}` : "ok");
  };
  const listed = await (await fetch(`${server.api}/personas/${persona_id}/memories?limit=100`))
    .json();
  for (const memory of listed.memories ?? []) ids.push(memory.id);
  const again = performance.now();
  let id = 10_000;
  for (const memory of ids) {
    send(id++, "memory.update", { memory_id: memory, content: text() });
    send(id++, "memory.search", { persona_id, query: "where does my sister live", n_results: 10 });
  }
  const sent = id - 10_000;
  const until = Date.now() + 240_000;
  while (stored.size < sent && !closed && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const second = new Map<string, number>();
  for (const what of stored.values()) {
    second.set(what.slice(0, 90), (second.get(what.slice(0, 90)) ?? 0) + 1);
  }
  console.log(
    `update+search: ${stored.size}/${sent} replied in ${
      Math.round(performance.now() - again)
    } ms; ` +
      `${JSON.stringify([...second])}; ${
        closed || "open"
      }; without id: ${errorsWithoutId.length} ` +
      `${errorsWithoutId.at(-1) ?? ""}; rss ${server.rss().toFixed(0)} MiB`,
  );
  ws.close();
} finally {
  await server.stop();
}
