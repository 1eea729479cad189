/**
 * attack37: MCP Streamable HTTP resumption and sessions: GET /mcp with Last-Event-ID values, a
 * deleted session reused, 300 GET streams opened and abandoned, a 1 MB header, then health.
 *   deno run -A .a37/mcp_resume.ts [tree] [port=23740]
 */
import { startServer, timed } from "./wire.ts";

const [tree = "", port = "23740"] = Deno.args;
const server = await startServer(tree || undefined, Number(port));
const url = server.ws.replace("ws:", "http:");
const base = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2025-06-18",
};
async function session(): Promise<string> {
  const init = await fetch(url, {
    method: "POST",
    headers: base,
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "a37", version: "1" },
      },
    }),
  });
  await init.text();
  return init.headers.get("mcp-session-id")!;
}
async function get(label: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3000);
  const [ms, out] = await timed(async () => {
    try {
      const res = await fetch(url, {
        method: "GET",
        headers: { ...base, ...headers },
        signal: controller.signal,
      });
      const reader = res.body?.getReader();
      const first = reader ? await reader.read() : undefined;
      controller.abort();
      return `${res.status} ${
        new TextDecoder().decode(first?.value ?? new Uint8Array()).slice(0, 160)
      }`;
    } catch (error) {
      return `aborted/err ${String(error).slice(0, 80)}`;
    }
  });
  clearTimeout(timer);
  console.log(`${label}: ${ms} ms ${out.replace(/\n/g, " ")}`);
}
const sid = await session();
const other = await session();
for (
  const [label, id] of [
    ["no id", undefined],
    ["empty", ""],
    ["garbage", "garbage"],
    ["huge number", "999999999999999999999"],
    ["negative", "-1"],
    ["other session's", `${other}_1`],
    ["64 KB", "x".repeat(65_536)],
  ] as const
) {
  await get(`last-event-id ${label}`, {
    "mcp-session-id": sid,
    ...(id === undefined ? {} : { "last-event-id": id }),
  });
}
await get("unknown session", { "mcp-session-id": "nope" });
const del = await fetch(url, { method: "DELETE", headers: { ...base, "mcp-session-id": other } });
console.log("delete", del.status, (await del.text()).slice(0, 100));
await get("deleted session GET", { "mcp-session-id": other });
const reuse = await fetch(url, {
  method: "POST",
  headers: { ...base, "mcp-session-id": other },
  body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }),
});
console.log("deleted session POST", reuse.status, (await reuse.text()).slice(0, 160));
// 300 GET streams opened on one session and abandoned without reading.
const rss0 = server.rss();
const held: AbortController[] = [];
const statuses = new Map<number, number>();
for (let i = 0; i < 300; i++) {
  const c = new AbortController();
  held.push(c);
  const res = await fetch(url, {
    method: "GET",
    headers: { ...base, "mcp-session-id": sid },
    signal: c.signal,
  }).catch(() => undefined);
  statuses.set(res?.status ?? 0, (statuses.get(res?.status ?? 0) ?? 0) + 1);
  if (res && res.status !== 200) await res.body?.cancel();
}
console.log(
  "300 GET streams:",
  JSON.stringify([...statuses]),
  `rss ${rss0.toFixed(0)} -> ${server.rss().toFixed(0)} MiB`,
);
await new Promise((r) => setTimeout(r, 2000));
const [hms, health] = await timed(async () => (await fetch(`${server.api}/health`)).status);
console.log("health while held", health, hms, "ms");
for (const c of held) c.abort();
await new Promise((r) => setTimeout(r, 2000));
const big = await fetch(url, {
  method: "POST",
  headers: { ...base, "mcp-session-id": sid, "x-big": "y".repeat(1_000_000) },
  body: "{}",
}).catch((e) => String(e));
console.log("1 MB header", typeof big === "string" ? big.slice(0, 100) : big.status);
console.log(`rss end ${server.rss().toFixed(0)} MiB`);
await server.stop();
