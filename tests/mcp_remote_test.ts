/**
 * Acceptance: `mcp-remote` (the stdio-to-HTTP bridge, TypeScript SDK 2.x inside) connects with
 * MCP 2026-07-28 (`--protocol auto` probes with `server/discover`) and bridges a 2025-11-25 client
 * (the official SDK 1.x) to the stateless server without an error in its log; in its default
 * (legacy) mode it still uses `initialize` and an HTTP session, as before.
 */
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { RunningServer } from "../core/server/server.ts";
import { startTestServer } from "./_helpers.ts";
import { MCP_REMOTE } from "./_mcp_tools.ts";

type Json = Record<string, unknown>;

/** The npm and module cache of the Deno running this test. */
function denoDir(): string {
  const explicit = Deno.env.get("DENO_DIR");
  if (explicit) return explicit;
  const cache = Deno.env.get("XDG_CACHE_HOME") ?? `${Deno.env.get("HOME")}/.cache`;
  return `${cache}/deno`;
}

/** Runs `test` with an SDK client talking to `server` through mcp-remote; returns its log. */
async function throughRemote(
  server: RunningServer,
  flags: string[],
  test: (client: Client) => Promise<void>,
): Promise<string> {
  const home = Deno.makeTempDirSync({ prefix: "persona-mcp-remote-" });
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "-A", "--no-config", "--no-lock", MCP_REMOTE, server.mcpUrl, ...flags],
    // The whole environment (the SDK passes only a few variables): certificates and proxies. The
    // package cache stays this Deno's own, not one under the throwaway home (a download per run).
    env: {
      ...Deno.env.toObject(),
      DENO_DIR: denoDir(),
      MCP_REMOTE_CONFIG_DIR: home,
      HOME: home,
      NO_COLOR: "1",
    },
    cwd: home,
    stderr: "pipe",
  });
  let log = "";
  transport.stderr?.on("data", (chunk: Uint8Array) => log += new TextDecoder().decode(chunk));
  const client = new Client({ name: "remote-test", version: "1.0.0" });
  try {
    await client.connect(transport);
    await test(client);
  } finally {
    await client.close();
    Deno.removeSync(home, { recursive: true });
  }
  // Deno's first run downloads the package; those lines are not mcp-remote's.
  return log.split("\n").filter((line) => !/Download https:\/\//.test(line)).join("\n");
}

async function exercise(client: Client): Promise<void> {
  const names = (await client.listTools()).tools.map((tool: { name: string }) => tool.name);
  for (const name of ["memory_store", "memory_update", "memory_delete", "simulation_run"]) {
    assert.ok(names.includes(name), name);
  }
  const stored = await client.callTool({
    name: "memory_store",
    arguments: { persona_id: "Aria", content: "The ferry leaves at noon" },
  });
  const memoryId = (stored.structuredContent as Json).memory_id as string;
  const fixed = await client.callTool({
    name: "memory_update",
    arguments: { memory_id: memoryId, content: "The ferry leaves at one" },
  });
  assert.equal(
    ((fixed.structuredContent as Json).memory as Json).content,
    "The ferry leaves at one",
  );
  const gone = await client.callTool({ name: "memory_delete", arguments: { memory_id: memoryId } });
  assert.equal((gone.structuredContent as Json).deleted, true);

  const ticks: number[] = [];
  // The SDK client runs notification handlers a microtask late but forgets a request's progress
  // handler as soon as its response is read: progress lines that one stdio read brings together
  // with the response reach only `onerror` ("unknown token"). They did arrive, in order: count them.
  const late = (error: Error) => {
    const found = /unknown token: (\{.*\})$/s.exec(error.message);
    if (found) ticks.push((JSON.parse(found[1]!).params as { progress: number }).progress);
  };
  client.onerror = late;
  const run = await client.callTool(
    { name: "simulation_run", arguments: { model: "scripted", ticks: 6 } },
    undefined,
    { onprogress: (update: { progress: number }) => ticks.push(update.progress) },
  );
  assert.ok(!run.isError, JSON.stringify(run.content));
  assert.equal(((run.structuredContent as Json).summary as Json).ticks_run, 6);
  assert.deepEqual(ticks, [1, 2, 3, 4, 5, 6], "every tick's progress, in order, before the result");

  const card = await client.readResource({ uri: "persona://kira" });
  assert.equal(JSON.parse((card.contents[0] as { text: string }).text).name, "Kira");
  const prompt = await client.getPrompt({ name: "aria", arguments: { sender: "Kira" } });
  assert.match((prompt.messages[0]!.content as { text: string }).text, /You are Aria/);
}

/** Log lines that report a failure. */
const TROUBLE = /error|fail|warn|refused|cannot|exception|unsupported/i;

Deno.test("mcp-remote speaks 2026-07-28 to the server (--protocol auto), with no error in its log", async () => {
  const server = await startTestServer();
  try {
    const log = await throughRemote(
      server,
      ["--protocol", "auto", "--transport", "http-only"],
      exercise,
    );
    assert.match(log, /Remote server speaks MCP 2026-07-28/, log);
    const trouble = log.split("\n").filter((line) => TROUBLE.test(line));
    assert.deepEqual(trouble, [], log);
    assert.equal(server.services.sessions.counts().total, 0, "stateless: no session was opened");
  } finally {
    await server.shutdown();
  }
});

Deno.test("mcp-remote in its default mode still initializes a 2025-11-25 session, with no error in its log", async () => {
  const server = await startTestServer();
  try {
    const log = await throughRemote(server, ["--transport", "http-only"], async (client) => {
      // Its connection test and the bridged client each initialize a session.
      assert.ok((server.services.sessions.counts().by_kind.http ?? 0) >= 1);
      await exercise(client);
    });
    assert.doesNotMatch(log, /speaks MCP 2026-07-28/);
    const trouble = log.split("\n").filter((line) => TROUBLE.test(line));
    assert.deepEqual(trouble, [], log);
  } finally {
    await server.shutdown();
  }
});
