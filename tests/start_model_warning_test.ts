/**
 * `deno task start` says at start, after READY and without holding it up, when chats cannot work
 * yet: one WARN line naming the model server when none answers, none when the model is there
 * (newuser23 H3: READY said nothing about the model).
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { delay, spawnServer } from "./_helpers.ts";

const WARNING = / WARN Model server not reachable: chats will fail until it runs .*host=/;

/** Waits (bounded) until `found` holds; the server logs in the background. */
async function waitFor(found: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 200 && !found(); attempt++) await delay(50);
  return found();
}

Deno.test("no model server: READY, then one WARN line naming its host", async () => {
  const dead = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const host = `http://127.0.0.1:${(dead.addr as Deno.NetAddr).port}`;
  dead.close(); // nothing listens there now
  const server = await spawnServer({ OLLAMA_HOST: host });
  try {
    assert.ok(await waitFor(() => WARNING.test(server.stderr())), server.stderr());
    const lines = server.stderr().split("\n");
    const ready = lines.findIndex((line) => line.includes(" READY "));
    const warned = lines.findIndex((line) => WARNING.test(line));
    assert.ok(ready >= 0 && warned > ready, "the warning comes after READY");
    assert.ok(lines[warned]!.includes(`host=${host}`), lines[warned]);
    assert.equal(lines.filter((line) => WARNING.test(line)).length, 1);
  } finally {
    await server.stop();
  }
});

Deno.test("a model server with the default model: no warning; without it: a pull hint", async () => {
  const fake = FakeOllama.start();
  const server = await spawnServer({ OLLAMA_HOST: fake.url });
  const lacking = FakeOllama.start({ models: ["qwen2.5:7b"] });
  const other = await spawnServer({ OLLAMA_HOST: lacking.url });
  try {
    const listed = (model: FakeOllama) => model.requests.some((r) => r.path === "/api/tags");
    assert.ok(await waitFor(() => listed(fake)), "the start-up check asked for the models");
    assert.ok(await waitFor(() => / WARN DEFAULT_MODEL is not/.test(other.stderr())));
    assert.match(other.stderr(), /ollama pull llama3\.1:8b/);
  } finally {
    await server.stop();
    await other.stop();
    await fake.stop();
    await lacking.stop();
  }
  assert.doesNotMatch(server.stderr(), / WARN (Model server|DEFAULT_MODEL)/, server.stderr());
});
