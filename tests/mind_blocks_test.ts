/**
 * Core memory blocks end to end: limits and read-only flags refused with -32602 over JSON-RPC
 * (400/409 over REST), blocks in every prompt in a stable order (a user's block only in that
 * user's chats), kept across a restart, and updated by fact extraction with the update's source.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { chatOnly, jobsIdle, MIND_ON, mindReply } from "./_mind.ts";

interface BlockView {
  label: string;
  content: string;
  chars: number;
  limit: number;
  read_only: boolean;
}

async function rpcError(promise: Promise<unknown>): Promise<RpcCallError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RpcCallError);
    return error;
  }
  assert.fail("expected an error");
}

Deno.test("blocks: limits and read-only are refused with -32602; the prompt holds them in a stable order; they survive a restart", async () => {
  const fake = FakeOllama.start();
  const dataDir = tempDirSync("blocks-e2e-");
  const env = { OLLAMA_HOST: fake.url, DATA_DIR: dataDir, MEMORY_BLOCK_CHAR_LIMIT: "60" };
  let server = await startTestServer(env);
  let client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const set = (params: Record<string, unknown>) =>
      client.call<{ block: BlockView; created: boolean }>("memory.block_set", params);
    const created = await set({ label: "world", content: "The port city of Vell." });
    assert.equal(created.created, true);
    assert.equal(created.block.limit, 60, "MEMORY_BLOCK_CHAR_LIMIT");
    await set({ label: "persona", content: "I am a bard.", read_only: true, limit: 200 });
    await set({ label: "user:Tam", content: "Tam bakes bread." });
    await set({ label: "user:Ilse", content: "Ilse sails." });

    const tooLong = await rpcError(set({ label: "notes", content: "x".repeat(61) }));
    assert.equal(tooLong.code, -32602);
    assert.match(tooLong.message, /over its limit of 60/);
    assert.deepEqual(
      (tooLong.data as { fields: Array<{ field: string }> }).fields[0]!.field,
      "content",
    );
    const overflow = await rpcError(
      client.call("memory.block_append", { label: "world", content: "y".repeat(40) }),
    );
    assert.equal(overflow.code, -32602);
    assert.match(overflow.message, /would hold 63 characters, over its limit of 60/);
    const locked = await rpcError(set({ label: "persona", content: "I am a spy." }));
    assert.equal(locked.code, -32602);
    assert.match(locked.message, /read-only/);
    const appendLocked = await rpcError(
      client.call("memory.block_append", { label: "persona", content: "more" }),
    );
    assert.match(appendLocked.message, /read-only/);
    const badLabel = await rpcError(set({ label: "no spaces here", content: "x" }));
    assert.equal(badLabel.code, -32602);

    await client.call("memory.block_append", { label: "world", content: "Ferries at dawn." });
    await set({ label: "world", content: "The port city of Vell, rebuilt." });

    await client.call("conversation.send_message", { content: "Hello there", sender: "Tam" });
    const prompt = chatOnly(fake.chatRequests()).at(-1)!.messages[0]!.content;
    const order = ["[world]", "[persona]", "[user:Tam]"].map((label) => prompt.indexOf(label));
    assert.ok(order.every((at) => at >= 0), prompt);
    assert.deepEqual([...order].sort((a, b) => a - b), order, "creation order, after the update");
    assert.match(prompt, /Core memory \[world\]:\n- The port city of Vell, rebuilt\./);
    assert.ok(!prompt.includes("Ilse sails"), "another user's block stays out of Tam's chat");
    assert.ok(
      prompt.indexOf("[user:Tam]") < prompt.indexOf("How you feel right now"),
      "blocks come first",
    );
  } finally {
    await client.close();
    await server.shutdown();
  }

  server = await startTestServer(env);
  client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const { blocks } = await client.call<{ blocks: BlockView[] }>("memory.block_list", {});
    assert.deepEqual(blocks.map((block) => block.label), [
      "world",
      "persona",
      "user:Tam",
      "user:Ilse",
    ]);
    const persona = blocks.find((block) => block.label === "persona")!;
    assert.equal(persona.read_only, true);
    assert.equal(persona.content, "I am a bard.");
    const unlocked = await client.call<{ block: BlockView }>("memory.block_set", {
      label: "persona",
      read_only: false,
    });
    assert.equal(unlocked.block.read_only, false);
    const changed = await client.call<{ block: BlockView }>("memory.block_set", {
      label: "persona",
      content: "I am a bard who tells the truth.",
    });
    assert.equal(changed.block.content, "I am a bard who tells the truth.");
    const history = await client.call<{ changes: Array<{ action: string }> }>("memory.block_get", {
      label: "persona",
    });
    assert.deepEqual(history.changes.map((change) => change.action), ["set", "unlock", "create"]);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("blocks over REST: routes run the block methods; refusals are 400, 404 and 409", async () => {
  const server = await startTestServer();
  try {
    const [aria] = await server.services.personas.list();
    const base = `${server.apiUrl}/personas/${aria!.id}/blocks`;
    const put = await fetch(`${base}/user:Tam`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "Tam bakes bread.", limit: 40 }),
    });
    assert.equal(put.status, 200);
    assert.equal((await put.json()).block.label, "user:Tam");
    const append = await fetch(`${base}/user:Tam/append`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "Tam has a dog." }),
    });
    assert.equal((await append.json()).block.content, "Tam bakes bread.\nTam has a dog.");
    const over = await fetch(`${base}/user:Tam/append`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "Tam has a very large garden." }),
    });
    assert.equal(over.status, 400);
    assert.equal((await over.json()).error.code, -32602);
    const lock = await fetch(`${base}/user:Tam`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ read_only: true }),
    });
    assert.equal(lock.status, 200);
    const refused = await fetch(`${base}/user:Tam`, { method: "DELETE" });
    assert.equal(refused.status, 409);
    await refused.body?.cancel();
    const missing = await fetch(`${base}/nothing`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
    const list = await (await fetch(base)).json();
    assert.equal(list.total, 1);
    const jobs = await fetch(`${server.apiUrl}/jobs?limit=5`);
    assert.equal(jobs.status, 200);
    assert.deepEqual((await jobs.json()).counts, {
      queued: 0,
      running: 0,
      done: 0,
      failed: 0,
      skipped: 0,
      dropped: 0,
    });
  } finally {
    await server.shutdown();
  }
});

Deno.test("blocks: extraction updates blocks that are not read-only, records the source, and never touches a read-only one", async () => {
  const fake = FakeOllama.start({
    reply: mindReply({
      facts: () => [{ content: "Tam bakes rye bread." }],
      blockUpdates: () => [
        { label: "user:Tam", action: "append", content: "Tam bakes rye bread." },
        { label: "persona", action: "replace", content: "I am someone else now." },
        { label: "world", action: "append", content: "Vell has a new bakery." },
        { label: "secrets", action: "append", content: "made up" },
      ],
    }),
  });
  const server = await startTestServer({ OLLAMA_HOST: fake.url, ...MIND_ON });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("memory.block_set", {
      label: "persona",
      content: "I am Aria.",
      read_only: true,
    });
    await client.call("memory.block_set", { label: "world", content: "The city of Vell." });
    const sent = await client.call<{ message_id: string }>("conversation.send_message", {
      content: "I bake rye bread, and there is a new bakery in Vell.",
      sender: "Tam",
    });
    assert.ok(sent.message_id);
    await jobsIdle(server.services.jobs);
    const { blocks } = await client.call<{ blocks: BlockView[] }>("memory.block_list");
    const byLabel = new Map(blocks.map((block) => [block.label, block.content]));
    assert.equal(byLabel.get("persona"), "I am Aria.", "read-only is never changed");
    assert.equal(byLabel.get("world"), "The city of Vell.\nVell has a new bakery.");
    assert.equal(byLabel.get("user:Tam"), "Tam bakes rye bread.", "the sender's block is made");
    assert.equal(byLabel.has("secrets"), false, "no block is invented");
    const [exchange] = (await client.call<{ memories: Array<{ id: string }> }>("memory.list", {
      memory_type: "conversation",
    })).memories;
    const world = await client.call<
      { changes: Array<{ action: string; source: { kind: string; memory_ids?: string[] } }> }
    >("memory.block_get", { label: "world" });
    assert.equal(world.changes[0]!.action, "append");
    assert.equal(world.changes[0]!.source.kind, "extraction");
    assert.deepEqual(world.changes[0]!.source.memory_ids, [exchange!.id]);
    const job = await client.call<
      { jobs: Array<{ result: { block_updates: Array<{ label: string; applied: boolean }> } }> }
    >("memory.jobs", { kind: "extract_facts" });
    assert.deepEqual(
      job.jobs[0]!.result.block_updates.map((update) => [update.label, update.applied]),
      [["user:Tam", true], ["persona", false], ["world", true], ["secrets", false]],
    );
    const [request] = fake.chatRequests().filter((r) => r.format !== undefined);
    assert.ok(!request!.messages[0]!.content.includes("I am Aria."), "read-only is not offered");

    // The next chat's prompt carries the updated blocks.
    await client.call("conversation.send_message", { content: "Good morning", sender: "Tam" });
    const prompt = chatOnly(fake.chatRequests()).at(-1)!.messages[0]!.content;
    assert.match(prompt, /Core memory \[user:Tam\]:\n- Tam bakes rye bread\./);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("bundles carry the mind: core blocks, and facts with their sources and supersession", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    const store = async (params: Record<string, unknown>) =>
      (await client.call<{ memory_id: string }>("memory.store", params)).memory_id;
    const exchange = await store({ content: "Tam said: I live in Lyon" });
    const lyon = await store({
      content: "Tam lives in Lyon.",
      memory_type: "fact",
      source_ids: [exchange],
    });
    await store({ content: "Tam lives in Porto.", memory_type: "fact", supersedes: [lyon] });
    await client.call("memory.block_set", { label: "world", content: "Vell", read_only: true });
    const { bundle } = await client.call<{ bundle: Record<string, unknown> }>("persona.export", {
      persona_id: "Kira",
    });
    const imported = await client.call<{ persona_id: string; restored: Record<string, number> }>(
      "persona.import",
      { bundle, on_conflict: "rename" },
    );
    assert.equal(imported.restored.blocks, 1);
    const { memories } = await client.call<
      {
        memories: Array<
          { id: string; content: string; source_ids: string[]; superseded_by: string | null }
        >;
      }
    >("memory.list", { persona_id: imported.persona_id, limit: 10 });
    const find = (text: string) => memories.find((m) => m.content.startsWith(text))!;
    assert.deepEqual(find("Tam lives in Lyon").source_ids, [find("Tam said").id]);
    assert.equal(find("Tam lives in Lyon").superseded_by, find("Tam lives in Porto").id);
    assert.ok(![exchange, lyon].includes(find("Tam said").id), "new ids, links mapped");
    const world = await client.call<{ block: BlockView }>("memory.block_get", {
      persona_id: imported.persona_id,
      label: "world",
    });
    assert.deepEqual([world.block.content, world.block.read_only], ["Vell", true]);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
