/**
 * The bounded socket fuzz that runs in CI: 20,000 frames from the fast-check generator over four
 * real WebSockets to a server process. No crash (the process exits cleanly on SIGTERM after), no
 * reply that is not JSON-RPC 2.0, no -32603, no request left unanswered, and normal service after.
 * The long run is `deno task bench:fuzz` (tests/bench/socket_fuzz.ts).
 */
import assert from "node:assert/strict";
import { buildRegistry } from "../core/server/server_dispatcher.ts";
import { selectPlugins } from "../core/server/plugin.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import { methodShapes } from "./_fuzz.ts";
import { socketFuzz } from "./_socket_fuzz.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, spawnServer } from "./_helpers.ts";

/** The server's ERROR lines (the last few, cut short), or its log's tail when there are none. */
function errorLines(log: string): string {
  const errors = log.split("\n").filter((line) => / ERROR /.test(line));
  if (errors.length === 0) return log.slice(-4000);
  return errors.slice(-5).map((line) => line.slice(0, 3000)).join("\n");
}

Deno.test("socket fuzz: 20,000 frames, every reply valid JSON-RPC, no -32603, no hang, no crash", async () => {
  const fake = FakeOllama.start({ reply: () => "Short." });
  const server = await spawnServer({ OLLAMA_HOST: fake.url, LOG_LEVEL: "error" });
  try {
    const client = await RpcClient.connect(server.wsUrl);
    for (let i = 0; i < 3; i++) await client.call("persona.create", { name: `Fuzzed ${i}` });
    const { personas } = await client.call<{ personas: Array<{ id: string }> }>("persona.list");
    const shapes = methodShapes(buildRegistry(selectPlugins(plugins, ["visual"])).list());
    const seed = Number(Deno.env.get("FUZZ_SEED") ?? 11);
    const result = await socketFuzz({
      url: server.wsUrl,
      shapes,
      world: { personas: personas.map((persona) => persona.id) },
      frames: 20_000,
      seed,
    });
    if (Deno.env.get("TEST_LOG")) console.log(`  seed ${seed}:`, JSON.stringify(result));
    // On a violation, the server's error lines name the method and the error behind it (the
    // fuzz may raise the log level, so the tail alone can be all INFO lines).
    assert.equal(result.violation, null, `server errors:\n${errorLines(server.stderr())}`);
    assert.equal(
      result.unanswered,
      0,
      `every request answered: ${result.unansweredMethods.join(", ")} were not; server errors:\n${
        errorLines(server.stderr())
      }`,
    );
    assert.deepEqual(result.closed, [], "no socket closed by the server");
    assert.equal(result.frames, 20_000);
    assert.ok(result.results > 1_000, `${result.results} results: the fuzz reached the handlers`);
    assert.equal(result.codes["-32603"], undefined);
    // Normal service afterwards, on the same connection as before.
    assert.deepEqual(await client.call("ping"), {});
    assert.ok((await client.call("persona.list")).total_count as number >= 0);
    await client.close();
  } finally {
    const status = await server.stop();
    await fake.stop();
    assert.equal(status.code, 0, `a clean exit, not a crash:\n${server.stderr().slice(-2000)}`);
  }
});
