/**
 * Over `--stdio`, stdout carries the protocol and nothing else, even when a library logs: npm:ollama
 * `console.log`s "Getting text from response" when an error body is not JSON (its `list`, for
 * `system.models`; embeddings no longer go through it).
 */
import assert from "node:assert/strict";
import { MIND_OFF, REPO_ROOT } from "./_helpers.ts";

Deno.test("over stdio, a library's console.log (Ollama's 429 with an HTML body) stays off stdout", async () => {
  const upstream = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/embed" || path === "/api/tags") {
      return new Response("<html>429 Too Many Requests</html>", {
        status: 429,
        headers: { "content-type": "text/html" },
      });
    }
    return Response.json({});
  });
  const dataDir = Deno.makeTempDirSync({ prefix: "persona-stdio-stdout-" });
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${REPO_ROOT}/main.ts`, "--stdio"],
      env: {
        ENV_FILE: "/nonexistent",
        ...MIND_OFF,
        DATA_DIR: dataDir,
        OLLAMA_HOST: `http://127.0.0.1:${upstream.addr.port}`,
        EMBED_MODEL: "e",
      },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      cwd: dataDir,
    }).spawn();
    const requests = [
      { id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {} } },
      { method: "notifications/initialized" },
      { id: 2, method: "system.models" },
      { id: 3, method: "memory.store", params: { persona_id: "aria", content: "the harbour" } },
      {
        id: 4,
        method: "tools/call",
        params: { name: "memory_store", arguments: { persona_id: "aria", content: "gulls" } },
      },
    ];
    const writer = child.stdin.getWriter();
    const text = requests.map((r) => JSON.stringify({ jsonrpc: "2.0", ...r })).join("\n");
    await writer.write(new TextEncoder().encode(text + "\n"));
    await writer.close();
    const output = await child.output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    const lines = stdout.split("\n").filter((line) => line !== "");
    for (const line of lines) {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line);
      } catch {
        assert.fail(`stdout holds a line that is not JSON: ${JSON.stringify(line)}`);
      }
      assert.equal(message.jsonrpc, "2.0", line);
    }
    const ids = lines.map((line) => JSON.parse(line).id).sort();
    assert.deepEqual(ids, [1, 2, 3, 4], stdout);
    const store = lines.map((line) => JSON.parse(line)).find((m) => m.id === 3);
    assert.ok(store.error, "the embeddings server was busy");
    assert.match(stderr, /Getting text from response|Failed to parse/, stdout + stderr);
  } finally {
    await upstream.shutdown();
    Deno.removeSync(dataDir, { recursive: true });
  }
});
