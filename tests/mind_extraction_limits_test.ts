/**
 * Fact extraction's data rules and limits end to end (review28 M17, M19, M21-M23, M25, M27): a
 * fact stated again after it was superseded is a new fact, an exchange already outdated keeps
 * the fact that outdated it, the new fact's own sources stay current, the model judges at most
 * JUDGED_FACTS (3) older facts, and at most MAX_BLOCK_UPDATES (8) block updates are looked at, a
 * line already in a block is not appended again, and the sender's block is offered once.
 */
import assert from "node:assert/strict";
import type { MindDeps } from "../core/mind/context.ts";
import { MAX_BLOCK_UPDATES } from "../core/mind/block_updates.ts";
import { JUDGED_FACTS, outdatedSources } from "../core/mind/supersession.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { jobRequests, jobsIdle, MIND_ON, mindReply, numberedAfter, requestText } from "./_mind.ts";

interface Memory {
  id: string;
  content: string;
  source_ids: string[];
  supersedes: string[];
  superseded_by: string | null;
}

const CITIES = ["Lyon", "Porto"];

const script = mindReply({
  facts: (transcript) => {
    const facts = [];
    for (const city of CITIES) {
      if (transcript.includes(`live in ${city}`)) facts.push({ content: `Tam lives in ${city}.` });
    }
    if (/cat named Miso/.test(transcript)) facts.push({ content: "Tam has a cat named Miso." });
    if (/dog named Rex/.test(transcript)) facts.push({ content: "Tam has a dog named Rex." });
    for (const place of /visited (\w+)/.exec(transcript)?.slice(1) ?? []) {
      facts.push({ content: `Tam has visited ${place}.` });
    }
    return facts;
  },
  // A city replaces the other city; Rex replaces Miso.
  replaced: (fact, older) =>
    older.flatMap((text, i) => {
      const city = CITIES.find((name) => fact.includes(name));
      const moved = city !== undefined &&
        CITIES.some((name) => name !== city && text.includes(name));
      return moved || (fact.includes("Rex") && text.includes("Miso")) ? [i + 1] : [];
    }),
});

async function start() {
  const fake = FakeOllama.start({ reply: script });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    ...MIND_ON,
    MEMORY_REFLECTION: "false",
  });
  const client = await RpcClient.connect(server.wsUrl);
  await client.call("persona.switch", { persona_id: "Aria" });
  const say = async (content: string) => {
    await client.call("conversation.send_message", { content, sender: "Tam" });
    await jobsIdle(server.services.jobs);
  };
  const all = async () =>
    (await client.call<{ memories: Memory[] }>("memory.list", { limit: 100 })).memories;
  const stop = async () => {
    await client.close();
    await server.shutdown();
    await fake.stop();
  };
  return { fake, server, client, say, all, stop };
}

Deno.test("facts: a fact stated again after it was superseded is new; an outdated exchange keeps what outdated it", async () => {
  const { say, all, stop } = await start();
  try {
    await say("I live in Lyon and I have a cat named Miso.");
    await say("Big news: I live in Porto now.");
    let memories = await all();
    const find = (text: string) => memories.filter((m) => m.content.includes(text));
    const porto = find("Tam lives in Porto.")[0]!;
    const [lyonExchange] = find("I live in Lyon and");
    assert.equal(lyonExchange!.superseded_by, porto.id, "the Lyon exchange is outdated");

    // Miso's fact came from the Lyon exchange, outdated already: Rex must not take it over.
    await say("Sad news: Miso died, but I have a dog named Rex now.");
    memories = await all();
    const miso = find("Tam has a cat named Miso.")[0]!;
    const rex = find("Tam has a dog named Rex.")[0]!;
    assert.equal(miso.superseded_by, rex.id);
    assert.deepEqual(rex.supersedes, [miso.id], "only the fact: its exchange was outdated already");
    assert.equal(find("I live in Lyon and")[0]!.superseded_by, porto.id);

    // Back to Lyon: the old Lyon fact is superseded, so this one is new, not a duplicate of it.
    await say("I moved back: I live in Lyon again.");
    memories = await all();
    const lyons = find("Tam lives in Lyon.");
    assert.equal(lyons.length, 2, "a new Lyon fact, not merged into the superseded one");
    const current = lyons.find((m) => m.superseded_by === null)!;
    assert.ok(current.supersedes.includes(porto.id));
    assert.equal(find("Tam lives in Porto.")[0]!.superseded_by, current.id);
  } finally {
    await stop();
  }
});

Deno.test("facts: the model judges at most 3 of the similar current facts", async () => {
  const { fake, say, stop } = await start();
  try {
    assert.equal(JUDGED_FACTS, 3);
    for (const place of ["Rome", "Paris", "Oslo", "Kyiv", "Lima"]) {
      await say(`Last year I visited ${place}.`);
    }
    const judged = jobRequests(fake.chatRequests(), "supersession");
    const older = judged.map((request) => numberedAfter(requestText(request), "Older facts:\n"));
    assert.deepEqual(older.map((list) => list.length), [1, 2, 3, 3]);
  } finally {
    await stop();
  }
});

Deno.test("facts: a replaced fact's sources that are the new fact's own stay current", async () => {
  const { server, client, stop } = await start();
  try {
    const store = async (params: Record<string, unknown>) =>
      (await client.call<{ memory_id: string }>("memory.store", params)).memory_id;
    const said = await store({ content: "Tam said: I live in Lyon" });
    const again = await store({ content: "Tam said again: I live in Lyon, not for long" });
    const lyon = await store({
      content: "Tam lives in Lyon.",
      memory_type: "fact",
      source_ids: [said, again],
    });
    const memory = server.services.memory;
    const persona = (await server.services.personas.list()).find((p) => p.name === "Aria")!;
    const replaced = (await memory.find(lyon))!;
    const deps = { memory } as unknown as MindDeps;
    const outdated = await outdatedSources(deps, {
      persona,
      replaced: [replaced],
      keep: new Set([again]),
    });
    assert.deepEqual(outdated, [said]);
  } finally {
    await stop();
  }
});

Deno.test("blocks: at most 8 updates are looked at, a line already there is not appended, the sender's block is offered once", async () => {
  const updates = [
    { label: "user:Tam", action: "append" as const, content: "tam lives in lyon" },
    ...[...Array(9)].map((_, i) => ({
      label: "world",
      action: "append" as const,
      content: `Vell news ${i + 1}.`,
    })),
  ];
  const fake = FakeOllama.start({ reply: mindReply({ blockUpdates: () => updates }) });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    ...MIND_ON,
    MEMORY_REFLECTION: "false",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("memory.block_set", { label: "user:Tam", content: "Tam lives in Lyon." });
    await client.call("memory.block_set", { label: "world", content: "Vell.", limit: 2000 });
    await client.call("conversation.send_message", { content: "Hello", sender: "Tam" });
    await jobsIdle(server.services.jobs);
    const [request] = jobRequests(fake.chatRequests(), "facts");
    assert.equal(requestText(request!).split("[user:Tam]").length - 1, 1, "offered once");
    const job = await client.call<
      { jobs: Array<{ result: { block_updates: Array<{ applied: boolean; reason?: string }> } }> }
    >("memory.jobs", { kind: "extract_facts" });
    const results = job.jobs[0]!.result.block_updates;
    assert.equal(MAX_BLOCK_UPDATES, 8);
    assert.equal(results.length, 8);
    assert.deepEqual(results[0], {
      label: "user:Tam",
      action: "append",
      applied: false,
      reason: "already in the block",
    });
    const { blocks } = await client.call<{ blocks: Array<{ label: string; content: string }> }>(
      "memory.block_list",
    );
    const byLabel = new Map(blocks.map((block) => [block.label, block.content]));
    assert.equal(byLabel.get("user:Tam"), "Tam lives in Lyon.");
    assert.equal(byLabel.get("world")!.split("\n").length, 1 + 7);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
