/**
 * attack36: MCP Streamable HTTP chats whose client walks away mid-stream, and sessions opened
 * and left: a slow fake model (tests/fake_ollama.ts), `rounds` chats each aborted after its
 * first event, then a chat that is read to the end; sessions, in-flight work and RSS after.
 *
 *   deno run -A .a36/streams.ts [tree] [port=23770] [rounds=100]
 */
import { FakeOllama } from "../tests/fake_ollama.ts";
import { startServer, timed } from "./wire.ts";

const [tree, port = "23770", roundsArg = "100"] = Deno.args;
const fake = FakeOllama.start({ firstTokenDelayMs: 50, tokenDelayMs: 200 });
const server = await startServer(tree || undefined, Number(port), { OLLAMA_HOST: fake.url });
const url = server.ws.replace("ws:", "http:");
const headers = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2025-06-18",
};
const post = (body: unknown, extra: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(url, {
    method: "POST",
    headers: { ...headers, ...extra },
    body: JSON.stringify(body),
    signal,
  });
const init = await post({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "a36", version: "1" },
  },
});
const sid = init.headers.get("mcp-session-id")!;
await init.text();
const s = { "mcp-session-id": sid };
await (await post({ jsonrpc: "2.0", method: "notifications/initialized" }, s)).text();
const created = await (await post({
  jsonrpc: "2.0",
  id: 2,
  method: "tools/call",
  params: { name: "persona_create", arguments: { name: "Streamer", description: "x" } },
}, s)).text();
console.log(`load ${Deno.loadavg()[0]}; create ${created.slice(0, 120)}`);
const chat = (id: number) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: {
    name: "conversation_send_message",
    arguments: { persona_id: "Streamer", content: `hello ${id}` },
    _meta: { progressToken: `t${id}` },
  },
});
const [ms] = await timed(async () => {
  for (let i = 0; i < Number(roundsArg); i++) {
    const controller = new AbortController();
    try {
      const response = await post(chat(100 + i), s, controller.signal);
      const reader = response.body!.getReader();
      await reader.read(); // the first event, then walk away
      controller.abort();
    } catch (error) {
      if (!(error instanceof DOMException)) console.log("  chat", i, String(error).slice(0, 100));
    }
  }
});
console.log(`  ${roundsArg} chats abandoned in ${ms} ms, rss ${server.rss().toFixed(0)} MiB`);
await new Promise((r) => setTimeout(r, 3000));
const [endMs, full] = await timed(async () => await (await post(chat(9), s)).text());
console.log(
  `  a chat read to the end: ${endMs} ms, ${full.length} bytes, ends ${
    JSON.stringify(full.slice(-120))
  }`,
);
const status = await (await fetch(`${server.api}/health`)).text().catch((e) => String(e));
console.log(`  health ${status.slice(0, 200)}, rss ${server.rss().toFixed(0)} MiB`);
await server.stop();
await fake.stop();
