/**
 * attack38: WebSocket floods on one socket: 1,000 pipelined requests (searches and lists) read as
 * they come; a raw client that pipelines 1,000 requests and never reads (half-open: it keeps the
 * connection and neither reads nor closes) while another client is served; a frame of 64 MiB − 1
 * sent whole. Each with time, replies by kind and server RSS.
 * Usage: deno run -A .a38/ws_flood.ts [tree] [port]
 */
import { Rpc, startServer, timed } from "./wire.ts";

const [tree = "", portText = "23750"] = Deno.args;
const server = await startServer(tree || undefined, Number(portText));
const rpc = await Rpc.open(server.ws);
const persona = await rpc.call("persona.create", { name: "Flood", description: "x" });
const persona_id = persona.persona_id ?? persona.id;
for (let i = 0; i < 50; i++) {
  await rpc.call("memory.store", {
    persona_id,
    content: `Zed note ${i}: the garden shed key is under pot ${i}`,
  });
}
const kinds = (
  replies: Array<{ error?: { code?: number; message?: string; closed?: string } }>,
) => {
  const counts = new Map<string, number>();
  for (const reply of replies) {
    const key = reply.error
      ? `${reply.error.code ?? ""} ${
        String(reply.error.message ?? reply.error.closed).slice(0, 90)
      }`
      : "ok";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return JSON.stringify([...counts]);
};
const [ms, replies] = await timed(() =>
  Promise.all(
    Array.from({ length: 1_000 }, (_, i) =>
      i % 2
        ? rpc.raw("memory.search", {
          persona_id,
          query: `where is the shed key ${i}`,
          n_results: 5,
        })
        : rpc.raw("persona.list", {})),
  )
);
console.log(`1,000 pipelined: ${ms} ms rss ${server.rss().toFixed(0)} MiB`, kinds(replies));

// A raw client: upgrade, send 1,000 requests in masked text frames, then never read.
const port = Number(portText);
const conn = await Deno.connect({ hostname: "127.0.0.1", port });
const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
await conn.write(new TextEncoder().encode(
  `GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
));
function frame(payload: Uint8Array, opcode = 1): Uint8Array {
  const mask = crypto.getRandomValues(new Uint8Array(4));
  const length = payload.length;
  const header = length < 126
    ? [0x80 | opcode, 0x80 | length]
    : length < 65536
    ? [0x80 | opcode, 0x80 | 126, length >> 8, length & 255]
    : [
      0x80 | opcode,
      0x80 | 127,
      0,
      0,
      0,
      0,
      (length >>> 24) & 255,
      (length >> 16) & 255,
      (length >> 8) & 255,
      length & 255,
    ];
  const out = new Uint8Array(header.length + 4 + length);
  out.set(header);
  out.set(mask, header.length);
  for (let i = 0; i < length; i++) out[header.length + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}
for (let i = 0; i < 1_000; i++) {
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: i,
    method: "memory.search",
    params: { persona_id, query: "garden shed key", n_results: 100 },
  });
  await conn.write(frame(new TextEncoder().encode(body)));
}
console.log(`raw client sent 1,000 and reads nothing; rss ${server.rss().toFixed(0)} MiB`);
for (let round = 0; round < 4; round++) {
  const [lms] = await timed(() =>
    rpc.call("memory.search", { persona_id, query: "shed key", n_results: 5 })
  );
  console.log(`  other client's search: ${lms} ms rss ${server.rss().toFixed(0)} MiB`);
  await new Promise((r) => setTimeout(r, 5_000));
}
// Does the server still hold the half-open socket? Read what waits for it.
const buffer = new Uint8Array(1 << 20);
let got = 0;
const reading = (async () => {
  for (;;) {
    const n = await conn.read(buffer).catch(() => null);
    if (n === null) break;
    got += n;
  }
})();
await Promise.race([reading, new Promise((r) => setTimeout(r, 5_000))]);
console.log(`half-open socket: read ${got} bytes after 20 s; rss ${server.rss().toFixed(0)} MiB`);
try {
  conn.close();
} catch { /* closed */ }

// One frame of 64 MiB − 1, sent whole.
const big = await Deno.connect({ hostname: "127.0.0.1", port });
await big.write(new TextEncoder().encode(
  `GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
));
const payload = new Uint8Array(64 * 1024 * 1024 - 1).fill(0x20);
const [bms] = await timed(async () => {
  await big.write(frame(payload)).catch((e) => console.log("write:", String(e)));
  const n = await Promise.race([
    big.read(buffer).catch(() => null),
    new Promise<null>((r) => setTimeout(() => r(null), 20_000)),
  ]);
  console.log(
    "64 MiB frame answer:",
    n === null
      ? "none"
      : new TextDecoder().decode(buffer.slice(0, Math.min(n, 300))).replace(/[^\x20-\x7e]/g, "."),
  );
});
console.log(`64 MiB frame: ${bms} ms rss ${server.rss().toFixed(0)} MiB`);
try {
  big.close();
} catch { /* closed */ }
const [ams] = await timed(() => rpc.call("persona.list", {}));
console.log(`after: persona.list ${ams} ms rss ${server.rss().toFixed(0)} MiB`);
rpc.close();
await server.stop();
