/**
 * attack36: MCP Streamable HTTP and REST limits over real sockets: many sessions, huge batches,
 * deep JSON, abandoned bodies, oversize REST bodies; each request timed, the server's RSS after.
 *
 *   deno run -A .a36/mcp_http.ts [tree] [port=23730]
 */
import { startServer, timed } from "./wire.ts";

const [tree, port = "23730"] = Deno.args;
const server = await startServer(tree || undefined, Number(port));
const url = server.ws.replace("ws:", "http:");
const headers = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2025-06-18",
};
async function post(body: string, extra: Record<string, string> = {}) {
  const [ms, res] = await timed(() =>
    fetch(url, { method: "POST", headers: { ...headers, ...extra }, body })
  );
  const text = await res.text();
  return { ms, status: res.status, text, session: res.headers.get("mcp-session-id") };
}
const init = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "a36", version: "1" },
  },
});
const log = (label: string, r: { ms: number; status: number; text: string }) =>
  console.log(
    `  ${label}: ${r.status} ${r.ms} ms ${r.text.slice(0, 160).replace(/\n/g, " ")} | rss ${
      server.rss().toFixed(0)
    } MiB`,
  );

console.log(`load ${Deno.loadavg()[0]}`);
// 1. many sessions
const statuses = new Map<number, number>();
const [manyMs] = await timed(async () => {
  for (let i = 0; i < 600; i++) {
    const r = await post(init);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
});
console.log(
  `  600 initialize: ${JSON.stringify([...statuses])} in ${manyMs} ms, rss ${
    server.rss().toFixed(0)
  } MiB`,
);
await new Promise((r) => setTimeout(r, 1500));
const first = await post(init);
log("initialize after", first);
const sid = first.session ?? "";
const s = { "mcp-session-id": sid };
await post(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }), s);
// 2. batches
for (const n of [10, 64, 65, 1000, 10000]) {
  const batch = Array.from(
    { length: n },
    (_, i) => ({ jsonrpc: "2.0", id: i + 1, method: "tools/list" }),
  );
  log(`batch ${n}`, await post(JSON.stringify(batch), s));
}
// 3. deep json, big json
log("deep [", await post("[".repeat(100000) + "]".repeat(100000), s));
log("deep {", await post('{"a":'.repeat(50000) + "1" + "}".repeat(50000), s));
log(
  "big string",
  await post(
    JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/list",
      params: { x: "a".repeat(20_000_000) },
    }),
    s,
  ),
);
log(
  "many keys",
  await post(
    JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/list",
      params: Object.fromEntries(Array.from({ length: 200000 }, (_, i) => [`k${i}`, i])),
    }),
    s,
  ),
);
// 4. tools/call with huge args
log(
  "tools/call unknown",
  await post(
    JSON.stringify({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "x".repeat(100000), arguments: {} },
    }),
    s,
  ),
);
// 5. a body that never ends (abandoned stream)
const controllers: ReadableStreamDefaultController<Uint8Array>[] = [];
const pending = Array.from({ length: 50 }, () =>
  fetch(url, {
    method: "POST",
    headers: { ...headers, ...s },
    body: new ReadableStream({
      start(c) {
        controllers.push(c);
        c.enqueue(new TextEncoder().encode('{"jsonrpc":"2.0",'));
      },
    }),
    // @ts-ignore deno streaming body
    duplex: "half",
  }).then((r) => r.status).catch((e) => String(e).slice(0, 60)));
const [abMs, abandoned] = await timed(() => Promise.all(pending));
console.log(
  `  50 unfinished bodies: ${
    JSON.stringify(
      abandoned.reduce((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {} as Record<string, number>),
    )
  } in ${abMs} ms, rss ${server.rss().toFixed(0)} MiB`,
);
log(
  "after abandoned",
  await post(JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }), s),
);
// 6. REST
const api = server.api;
for (
  const [label, body] of [
    ["persona huge", JSON.stringify({ name: "x", description: "d".repeat(5_000_000) })],
    ["persona deep", '{"name":"x","description":' + "[".repeat(100000) + "]".repeat(100000) + "}"],
  ]
) {
  const [ms, res] = await timed(() =>
    fetch(`${api}/personas`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    })
  );
  log(`REST ${label}`, { ms, status: res.status, text: await res.text() });
}
await server.stop();
