/**
 * attack38: MCP Streamable HTTP with malformed session ids and batches: each request's status,
 * time, and the start of its body. Usage: deno run -A .a38/mcp_ids.ts [tree] [port]
 */
import { startServer } from "./wire.ts";

const [tree = "", portText = "23730"] = Deno.args;
const server = await startServer(tree || undefined, Number(portText));
const url = server.ws.replace("ws://", "http://");
const base = { "Content-Type": "application/json", Accept: "application/json, text/event-stream" };
async function post(label: string, body: string, headers: Record<string, string> = {}) {
  const start = performance.now();
  try {
    const res = await fetch(url, { method: "POST", headers: { ...base, ...headers }, body });
    const text = await res.text();
    console.log(
      `${label}: ${res.status} ${(performance.now() - start).toFixed(0)} ms`,
      `sid=${(res.headers.get("mcp-session-id") ?? "").slice(0, 40)}`,
      text.slice(0, 220).replaceAll("\n", " "),
    );
    return res;
  } catch (error) {
    console.log(
      `${label}: FAILED ${(performance.now() - start).toFixed(0)} ms`,
      String(error).slice(0, 200),
    );
  }
}
const init = (id: number | string, version = "2025-06-18") =>
  JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "initialize",
    params: {
      protocolVersion: version,
      capabilities: {},
      clientInfo: { name: "a38", version: "1" },
    },
  });
const opened = await post("initialize", init(1));
const sid = opened?.headers.get("mcp-session-id") ?? "";
const call = (id: number) => JSON.stringify({ jsonrpc: "2.0", id, method: "tools/list" });
const withVersion = { "MCP-Protocol-Version": "2025-06-18" };
await post("tools/list good sid", call(2), { ...withVersion, "Mcp-Session-Id": sid });
for (
  const [label, value] of [
    ["empty sid", ""],
    ["space sid", " "],
    ["10k sid", "a".repeat(10_000)],
    ["sid + junk", sid + "x"],
    ["sid upper", sid.toUpperCase()],
    ["two sids comma", `${sid}, ${sid}`],
    ["sid with tab", `${sid}\tx`],
    ["utf8 sid", "ſession"],
    ["__proto__", "__proto__"],
    ["constructor", "constructor"],
    ["toString", "toString"],
    ["hasOwnProperty", "hasOwnProperty"],
  ]
) {
  await post(label!, call(3), { ...withVersion, "Mcp-Session-Id": value! });
}
await post("batch of tools/list with sid", `[${call(4)},${call(5)}]`, {
  ...withVersion,
  "Mcp-Session-Id": sid,
});
await post("batch legacy version", `[${call(4)},${call(5)}]`, {
  "MCP-Protocol-Version": "2025-03-26",
  "Mcp-Session-Id": sid,
});
await post("batch of initialize (legacy)", `[${init(6, "2025-03-26")},${init(7, "2025-03-26")}]`);
await post("batch init + call (legacy)", `[${init(8, "2025-03-26")},${call(9)}]`);
await post("empty batch", "[]", { ...withVersion, "Mcp-Session-Id": sid });
await post("nested batch", `[[${call(10)}]]`, { ...withVersion, "Mcp-Session-Id": sid });
await post(
  "10k batch legacy",
  `[${Array.from({ length: 10_000 }, (_, i) => call(100 + i)).join(",")}]`,
  {
    "MCP-Protocol-Version": "2025-03-26",
    "Mcp-Session-Id": sid,
  },
);
await post("batch of notifications", `[{"jsonrpc":"2.0","method":"notifications/initialized"}]`, {
  "MCP-Protocol-Version": "2025-03-26",
  "Mcp-Session-Id": sid,
});
await post("init with sid of another", init(11), { "Mcp-Session-Id": sid });
await post("id is object", JSON.stringify({ jsonrpc: "2.0", id: { a: 1 }, method: "tools/list" }), {
  ...withVersion,
  "Mcp-Session-Id": sid,
});
await post(
  "huge id string",
  JSON.stringify({ jsonrpc: "2.0", id: "x".repeat(500_000), method: "tools/list" }),
  {
    ...withVersion,
    "Mcp-Session-Id": sid,
  },
);
const del = await fetch(url, { method: "DELETE", headers: { "Mcp-Session-Id": sid } });
console.log("DELETE", del.status, (await del.text()).slice(0, 100));
const del2 = await fetch(url, {
  method: "DELETE",
  headers: { "Mcp-Session-Id": "a".repeat(10_000) },
});
console.log("DELETE 10k", del2.status, (await del2.text()).slice(0, 100));
await post("after delete", call(12), { ...withVersion, "Mcp-Session-Id": sid });
console.log("rss", server.rss().toFixed(0), "MiB");
await server.stop();
