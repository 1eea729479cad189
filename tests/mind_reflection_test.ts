/**
 * Reflection end to end (Generative Agents): when the summed importance of new memories reaches
 * MEMORY_REFLECTION_THRESHOLD, the model is asked for questions, evidence is retrieved from the
 * persona's own memories, and insights citing that evidence become `reflection` memories that
 * search finds and pruning never deletes.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../core/clock.ts";
import { startServer } from "../core/server/server.ts";
import { RpcClient, testConfig, testLogger } from "./_helpers.ts";
import { jobRequests, jobsIdle, MIND_ON, mindReply, requestText } from "./_mind.ts";
import { eachProvider } from "./_providers.ts";

interface Memory {
  id: string;
  content: string;
  memory_type: string;
  source_ids: string[];
}

const DAY_MS = 86_400_000;

const STATEMENTS = [
  "Tam fixed the sail of the old fishing boat",
  "Tam swims in the sea every morning before dawn",
  "Tam complained about the price of bread",
  "Tam talks about boats and tides for hours",
];

eachProvider.test("reflection fires at the threshold, cites its evidence, is found by search and never pruned", async (p) => {
  const fake = p.start({
    reply: mindReply({
      questions: () => ["What does Tam love most?"],
      insights: (evidence) => [{
        content: "Tam is devoted to the sea and everything about sailing.",
        evidence: evidence.flatMap((text, i) => /boat|sea/.test(text) ? [i + 1] : []),
        importance: 1,
      }, {
        content: "An insight that cites nothing it was shown.",
        evidence: [99],
        importance: 9,
      }],
    }),
  });
  const clock = new ManualClock(Date.now());
  const server = await startServer(
    testConfig({
      ...p.env(fake),
      ...MIND_ON,
      MEMORY_EXTRACTION: "false",
      MEMORY_REFLECTION_THRESHOLD: "1",
      MEMORY_DECAY_ENABLED: "false",
      MEMORY_PRUNE_THRESHOLD: "3",
      MEMORY_PRUNE_TARGET: "1",
    }),
    { log: testLogger(), clock },
  );
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const stored: string[] = [];
    for (const content of STATEMENTS) {
      const jobs = await client.call<{ total: number }>("memory.jobs", { kind: "reflect" });
      assert.equal(jobs.total, 0, `no reflection below the threshold (${stored.length} × 0.25)`);
      const { memory_id } = await client.call<{ memory_id: string }>("memory.store", {
        content,
        importance: 0.25,
      });
      stored.push(memory_id);
    }
    // 4 × 0.25 = 1: the threshold is reached exactly.
    await jobsIdle(server.services.jobs);
    const jobs = await client.call<
      { jobs: Array<{ state: string; result: { questions: string[] } }> }
    >(
      "memory.jobs",
      { kind: "reflect" },
    );
    assert.equal(jobs.jobs.length, 1);
    assert.equal(jobs.jobs[0]!.state, "done");
    assert.deepEqual(jobs.jobs[0]!.result.questions, ["What does Tam love most?"]);
    const [asked] = jobRequests(fake.chatRequests(), "questions");
    for (const statement of STATEMENTS) assert.ok(requestText(asked!).includes(statement));

    const { memories } = await client.call<{ memories: Memory[] }>("memory.list", {
      memory_type: "reflection",
    });
    assert.equal(memories.length, 1, "the ungrounded insight is dropped");
    const [reflection] = memories;
    assert.equal(reflection!.content, "Tam is devoted to the sea and everything about sailing.");
    const cited = new Set(reflection!.source_ids);
    assert.deepEqual(cited, new Set([stored[0], stored[1], stored[3]]), "the sea and boat ones");

    const found = await client.call<{ memories: Memory[] }>("memory.search", {
      query: "Is Tam devoted to sailing?",
    });
    assert.equal(found.memories[0]?.id, reflection!.id);

    clock.advance(100 * DAY_MS);
    const pruned = await client.call<{ memories_pruned: number; protected_memories: number }>(
      "memory.prune",
      { force: true },
    );
    assert.equal(pruned.memories_pruned, 4);
    const left = await client.call<{ memories: Memory[] }>("memory.list", {});
    assert.deepEqual(left.memories.map((m) => m.id), [reflection!.id], "only the reflection");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("reflection: each crossing of the threshold makes one reflection; the counter restarts", async (p) => {
  const fake = p.start({
    reply: mindReply({
      questions: (statements) => [`What about ${statements.length} things?`],
      insights: (evidence) => [{
        content: `Insight drawn from ${evidence.length} statements`,
        evidence: [1],
        importance: 5,
      }],
    }),
  });
  const server = await startServer(
    testConfig({
      ...p.env(fake),
      ...MIND_ON,
      MEMORY_EXTRACTION: "false",
      MEMORY_REFLECTION_THRESHOLD: "2",
    }),
    { log: testLogger() },
  );
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    const store = (i: number) =>
      client.call("memory.store", { content: `Note number ${i} about lanterns`, importance: 0.5 });
    for (let i = 0; i < 4; i++) await store(i);
    await jobsIdle(server.services.jobs);
    for (let i = 4; i < 7; i++) await store(i);
    await jobsIdle(server.services.jobs);
    let reflections = await client.call<{ total: number }>("memory.jobs", { kind: "reflect" });
    assert.equal(reflections.total, 1, "7 × 0.5 = 3.5: one crossing of 2, 1.5 towards the next");
    await store(7);
    await jobsIdle(server.services.jobs);
    reflections = await client.call<{ total: number }>("memory.jobs", { kind: "reflect" });
    assert.equal(reflections.total, 2);
    const own = await client.call<{ total: number }>("memory.list", { memory_type: "reflection" });
    assert.equal(own.total, 2, "reflections do not count towards the next one");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
